"""What dropping a rule allows, answered cheaply and stopped where the conflict proves it.

Three shortcuts of `models.explain_relax`, each checked against the slow way:
- the measure's `floor`: one more than the rule's own limit (the rule is a conflict's, so it
  cannot hold); it must be the true minimum where the minimum is known (COP9's variants), and
  the model asked for less must have no timetable;
- the first fit's timetable as the answer to "does dropping it give a timetable?" on a large
  session (`_fitted`): here on COP9 with the size threshold lowered, so the test stays fast; the
  model with its placements fixed is the judge, and a first fit that breaks a kept rule is
  refused;
- no reference timetable for a conflict of one rule (its relaxation is that session itself).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from ortools.sat.python import cp_model

from models import explain_relax
from models.constructive import FirstFit, first_fit
from models.context import PenaltyTerm
from models.explain_core import Deadline, Solving, Verdict, instances_of
from models.explain_horizon import Horizon, horizon, wide_model
from models.explain_relax import LIMITS, MEASURES, floor, measure_of, reference, relax
from scheduler.rules import RuleInstance
from scheduler.session import Session
from scheduler.validation import validate
from tests.conftest import cop9_data, make_session
from tests.explain.dropping import DETERMINISTIC, drop_rules

Key = tuple[str, str]
BUDGET: Key = ("interpretation-budget", "session")
TEAMS: Key = ("interpretation-teams", "session")
CAP: Key = ("parallel-cap", "session")


def _session(**interpretation: Any) -> tuple[dict[str, Any], Session]:
    data = cop9_data()
    data["published"] = None
    data["interpretation"].update(interpretation)
    return data, make_session(data)


def _instance(h: Horizon, key: Key) -> RuleInstance:
    return next(i for i in instances_of(h) if i.key == key)


def _run() -> Solving:
    return Solving(Deadline(None), workers=1, seed=0, deterministic=DETERMINISTIC)


def _least(h: Horizon, inst: RuleInstance, at_most: int | None = None) -> int | None:
    """The smallest measure of `inst` dropped (None: no timetable), `at_most` if given."""
    m = wide_model(h, dropped=[inst.key])
    measure = measure_of(m.context, h, inst)
    assert measure is not None
    if at_most is not None:
        m.bound(measure, at_most)
    m.minimize([PenaltyTerm("measure", measure, 1)])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = DETERMINISTIC
    status = m.solve_with(solver)
    if status == cp_model.INFEASIBLE:
        return None
    assert status == cp_model.OPTIMAL
    return round(solver.objective_value)


def test_every_measure_has_the_rule_s_own_limit() -> None:
    assert set(LIMITS) == set(MEASURES)


@pytest.mark.parametrize(
    ("key", "interpretation", "expected"),
    [(BUDGET, {"budget": 11}, 12), (TEAMS, {"teams": 1}, 2), (CAP, {"parallel_cap": 1}, 2)],
)
def test_the_floor_is_the_least_measure_and_below_it_there_is_no_timetable(
    key: Key, interpretation: dict[str, Any], expected: int
) -> None:
    """COP9 with a budget of 11, one team, a cap of 1: each rule one short of what it needs."""
    _, session = _session(**interpretation)
    h = horizon(session)
    inst = _instance(h, key)
    assert floor(h, inst) == expected
    assert _least(h, inst) == expected
    assert _least(h, inst, at_most=expected - 1) is None


def test_a_calendar_part_s_floor_is_one_meeting() -> None:
    """COP9 on four days: dropping the days needs at least one meeting on an added day."""
    data = cop9_data()
    data["published"] = None
    data["session"]["days"] = [d for d in data["session"]["days"] if str(d) != "2018-10-19"]
    h = horizon(make_session(data))
    days = _instance(h, ("within-periods", "days"))
    assert floor(h, days) == 1
    assert _least(h, days, at_most=0) is None


@pytest.fixture
def small_is_large(monkeypatch: pytest.MonkeyPatch) -> None:
    """COP9 treated as a session the solver starts from a first fit."""
    monkeypatch.setattr(explain_relax, "FIRST_FIT_FROM", 0)


def _spy_first_fit(monkeypatch: pytest.MonkeyPatch, edit: Any = None) -> list[FirstFit]:
    """Record the first fits `relax` builds, each changed by `edit` first when given."""
    seen: list[FirstFit] = []

    def spied(session: Session, slots: Any = None) -> FirstFit:
        found = first_fit(session, slots)
        if edit is not None:
            found = edit(found)
        seen.append(found)
        return found

    monkeypatch.setattr(explain_relax, "first_fit", spied)
    return seen


def test_a_complete_first_fit_the_model_accepts_answers_without_a_search(
    small_is_large: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, session = _session(budget=11)
    seen = _spy_first_fit(monkeypatch)
    h = horizon(session)
    run = _run()
    found = relax(h, _instance(h, BUDGET), run, share=60.0)
    assert len(seen) == 1 and seen[0].complete
    assert found.verdict is Verdict.FEASIBLE and found.timetable is not None
    assert found.amount == 12  # the measure's solve from there still finds the fewest
    relaxed = make_session(drop_rules(data, [BUDGET]))  # checked by editing the file
    assert validate(relaxed, found.timetable).ok


def test_a_first_fit_that_breaks_a_kept_rule_is_refused_and_the_search_answers(
    small_is_large: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first fit's timetable with its last meeting moved to a day the calendar adds only
    when the days give way: the model, the days kept, refuses it; CP-SAT then answers."""
    data, session = _session(budget=11)
    h = horizon(session)
    extra = h.extra_days[0]

    def onto_an_extra_day(found: FirstFit) -> FirstFit:
        rows = list(found.timetable)
        last = max(range(len(rows)), key=lambda n: (rows[n].date, rows[n].start))
        rows[last] = dataclasses.replace(rows[last], date=extra)
        return dataclasses.replace(found, timetable=type(found.timetable).of(rows))

    seen = _spy_first_fit(monkeypatch, onto_an_extra_day)
    found = relax(h, _instance(h, BUDGET), _run(), share=60.0)
    assert len(seen) == 1 and seen[0].complete
    assert found.verdict is Verdict.FEASIBLE and found.timetable is not None
    assert all(row.date != extra for row in found.timetable)
    assert validate(make_session(drop_rules(data, [BUDGET])), found.timetable).ok


def test_a_rule_the_first_fit_keeps_is_left_to_the_search(
    small_is_large: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The agenda order: the first fit keeps it, so it is not tried for its drop."""
    data = cop9_data()
    data["published"] = None
    next(i for i in data["items"] if i["id"] == "8")["fixed_start"] = "2018-10-16T10:00"
    h = horizon(make_session(data))
    seen = _spy_first_fit(monkeypatch)
    found = relax(h, _instance(h, ("agenda-order", "plenary")), _run(), share=60.0)
    assert seen == []
    assert found.verdict is Verdict.FEASIBLE and found.amount == 1


def test_a_conflict_of_one_rule_has_no_reference_but_the_published_grid() -> None:
    data, session = _session(budget=11)
    h = horizon(session)
    assert reference(h, [_instance(h, BUDGET)], _run()) is None
    published = make_session({**cop9_data(), "interpretation": data["interpretation"]})
    grid = reference(horizon(published), [_instance(h, BUDGET)], _run())
    assert grid is not None and len(grid) == len(published.published or [])


def test_a_large_session_is_not_brought_closer_to_a_reference(small_is_large: None) -> None:
    """Neither a timetable of its own nor the published grid: on a large session the
    distance's solve found nothing within its budget; its relaxations keep their first."""
    data = cop9_data()
    next(i for i in data["items"] if i["id"] == "8")["fixed_start"] = "2018-10-16T10:00"
    h = horizon(make_session(data))
    conflict = [_instance(h, ("agenda-order", "plenary")), _instance(h, ("fixed-start", "8"))]
    assert h.session.published
    assert reference(h, conflict, _run()) is None
