"""Several conflicts on a large session under a deadline: each one listed and named.

A generated climate session large enough for the solver to start it from a first fit
(`explain_relax.large`), made impossible twice over: two bodies each meet on at most one day,
though each needs more meetings than one day holds. The two conflicts share no rule, so
dropping either rule alone leaves the other conflict: an explanation lists both, and each
rule's relaxation names the conflict that remains ("conflict 2"), not "another conflict".
Counting proves both, so the next conflict costs no search; the explanation runs under a
wall deadline (the way `schedule explain` runs) and, per solve, a deterministic budget.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from models import explain as explain_module
from models.explain import Explanation, explain
from models.explain_core import Verdict
from models.explain_horizon import horizon
from models.explain_relax import large
from scheduler.generate import generate_session
from scheduler.messages import Message
from scheduler.session import Session
from tests.conftest import make_session

#: The climate profile at 8 days: 66 activities on 40 slots of the wider calendar.
SIZES: dict[str, Any] = {"profile": "climate", "days": 8, "rooms": 12, "bodies": 14, "items": 30}
#: A wall deadline no test run reaches (it only makes the run one under a deadline).
TIME_LIMIT = 600.0
DETERMINISTIC = 2.0


def _at_most_one_day(*bodies: str, due_first_noon: str | None = None) -> Session:
    """The session with `bodies` meeting on one day at most, and `due_first_noon`'s
    activities due by 13:00 on the first day."""
    data = generate_session(**SIZES, seed=0).data
    data["published"] = None
    first = data["session"]["days"][0]
    for body in data["bodies"]:
        if body["id"] in bodies:
            body["max_days"] = 1
        if body["id"] == due_first_noon:
            body["latest_end"] = dt.datetime.combine(first, dt.time(13))
    return make_session(data)


def _explained(session: Session) -> Explanation:
    return explain(
        session, time_limit=TIME_LIMIT, deterministic_time=DETERMINISTIC, workers=1, seed=0
    )


@pytest.fixture(scope="module")
def two_bodies() -> Explanation:
    return _explained(_at_most_one_day("sbsta", "sbi"))


def test_the_session_is_a_large_one() -> None:
    assert large(horizon(_at_most_one_day("sbsta", "sbi")))


def test_both_conflicts_are_listed(two_bodies: Explanation) -> None:
    keys = [[m.key for m in c.members] for c in two_bodies.conflicts]
    assert sorted(keys) == [[("max-days", "sbi")], [("max-days", "sbsta")]], two_bodies.text()
    assert all(c.minimal for c in two_bodies.conflicts)


def test_each_rule_names_the_conflict_that_remains(two_bodies: Explanation) -> None:
    for number, conflict in enumerate(two_bodies.conflicts, start=1):
        (relaxed,) = conflict.relaxations
        assert relaxed.verdict is Verdict.INFEASIBLE
        other = 3 - number
        assert relaxed.message == Message.of("explain.conflicts.remains", number=other)
    assert "another conflict remains\n" not in two_bodies.text() + "\n"
    assert "Conflict 2 of 2" in two_bodies.text(), two_bodies.text()


def test_each_conflict_has_its_numbers(two_bodies: Explanation) -> None:
    for conflict in two_bodies.conflicts:
        assert conflict.numbers, two_bodies.text()


def test_one_conflict_lists_one() -> None:
    found = _explained(_at_most_one_day("sbsta"))
    assert [[m.key for m in c.members] for c in found.conflicts] == [[("max-days", "sbsta")]]
    assert found.minimal


def test_a_next_conflict_whose_budget_is_spent_is_left_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No time for a next conflict: the first stays, minimal, its rule said not enough."""
    monkeypatch.setattr(explain_module, "_next_budget", lambda run, found, searched: (0.0, 0.0))
    found = _explained(_at_most_one_day("sbsta", "sbi"))
    assert len(found.conflicts) == 1 and found.minimal, found.text()
    (relaxed,) = found.relaxations
    assert relaxed.verdict is Verdict.INFEASIBLE


def test_conflicts_of_several_rules_are_each_listed_minimal() -> None:
    """A contact group due by the first day's noon (its parts' deadlines, alone or with its
    agenda order) beside a body over its days: every conflict counted, then shown minimal
    by solves of its few rules; each rule that is not enough alone names what remains."""
    found = _explained(_at_most_one_day("sbi", due_first_noon="cg-transparency"))
    conflicts = found.conflicts
    assert len(conflicts) >= 2, found.text()
    keys = [[m.key for m in c.members] for c in conflicts]
    assert [k for k in keys if ("max-days", "sbi") in k] == [[("max-days", "sbi")]]
    assert len({frozenset(c.members) for c in conflicts}) == len(conflicts)  # distinct
    assert any(len(c.members) > 1 for c in conflicts), found.text()
    for c in conflicts:
        assert c.minimal and c.numbers, found.text()
        for r in c.relaxations:
            assert r.verdict is Verdict.INFEASIBLE  # sbi's days or the group's deadline stay
            assert r.message.key == "explain.conflicts.remains", found.text()


def test_a_next_conflict_counting_proves_is_listed_though_no_solve_decides_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When the solves that would show a counted conflict minimal run out of budget (the
    climate session with one team: its deadlines' checks stay unknown), the conflict is
    still listed, cut down by counting alone, and said not shown minimal."""
    searched = explain_module.minimal_conflict

    def no_solve_decides(h: Any, run: Any, pool: Any = None) -> Any:
        if pool is not None:  # the next conflict's: its checks never end
            raise explain_module.Exhausted
        return searched(h, run, pool)

    monkeypatch.setattr(explain_module, "minimal_conflict", no_solve_decides)
    found = _explained(_at_most_one_day("sbsta", "sbi"))
    keys = [[m.key for m in c.members] for c in found.conflicts]
    assert keys == [[("max-days", "sbsta")], [("max-days", "sbi")]], found.text()
    first, second = found.conflicts
    assert first.minimal and not second.minimal and second.numbers
