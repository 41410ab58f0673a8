"""`models.explain.explain` on small sessions: the conflict, its minimality, what each drop buys.

Minimality is checked apart from the explainer: the session data is edited to drop rules
(`tests.explain.dropping`) and solved again with the ordinary solver. With every rule outside
the conflict dropped, the session must stay infeasible; dropping one member more must give a
timetable the independent validator accepts.
"""

from __future__ import annotations

from typing import Any

from models.explain import Explanation, explain
from models.explain_horizon import horizon
from scheduler.result import SolveStatus
from scheduler.validation import validate
from tests.conftest import make_session, tiny_data
from tests.explain.dropping import DETERMINISTIC, decide, drop_rules

Key = tuple[str, str]


def _explain(data: dict[str, Any], lang: str = "en") -> Explanation:
    session = make_session(data)
    return explain(session, lang=lang, deterministic_time=DETERMINISTIC, workers=1, seed=0)


def assert_minimal_by_editing(data: dict[str, Any], found: Explanation) -> None:
    """The conflict alone is infeasible, and without any one member it has a timetable."""
    session = make_session(data)
    h = horizon(session)
    from models.explain_core import instances_of

    members = {i.key for i in found.conflict}
    others = [i.key for i in instances_of(h) if i.key not in members]
    alone = make_session(drop_rules(data, others, h.extra_days))
    assert decide(alone).status is SolveStatus.INFEASIBLE
    for key in members:
        relaxed = make_session(drop_rules(data, [*others, key], h.extra_days))
        result = decide(relaxed)
        assert result.timetable is not None, key
        assert validate(relaxed, result.timetable).ok


def test_a_session_with_a_timetable_has_nothing_to_explain(tiny):
    found = explain(tiny, deterministic_time=DETERMINISTIC)
    assert found.status == "feasible"
    assert found.conflict == [] and found.relaxations == []
    assert found.text() == "The session has a timetable: every rule can hold, nothing to explain."
    assert "rien à expliquer" in found.text("fr")


def test_deadline_before_fixed_start():
    data = tiny_data()
    data["meetings"][0].update(fixed_start="2030-03-05T15:00", latest_end="2030-03-05T12:00")
    found = _explain(data)
    assert found.status == "infeasible"
    assert {i.key for i in found.conflict} == {("fixed-start", "wg-1"), ("deadline", "wg-1")}
    assert found.minimal and found.every_drop_works
    assert found.prechecks == [
        "Working group may not start before Tuesday 5 March 15:00 but must end by "
        "Tuesday 5 March 12:00"
    ]
    text = found.text()
    assert "1. Working group: starts Tuesday 5 March 15:00" in text
    assert "2. Working group: ends by Tuesday 5 March 12:00" in text
    assert "-> dropping it gives a timetable: Working group:" in text
    assert_minimal_by_editing(data, found)


def test_budget_says_how_many_interpreted_meetings_are_needed():
    data = tiny_data()
    data["interpretation"]["budget"] = 2
    found = _explain(data)
    assert [i.key for i in found.conflict] == [("interpretation-budget", "session")]
    (relaxation,) = found.relaxations
    assert relaxation.amount == 4
    assert (
        relaxation.text() == "dropping it gives a timetable: 4 interpreted meetings (2 more than 2)"
    )
    assert relaxation.text("fr") == (
        "sans elle, un calendrier existe : 4 séances avec interprétation (2 de plus que 2)"
    )
    assert_minimal_by_editing(data, found)


def test_a_holiday_and_the_days_give_way_together():
    data = tiny_data()
    data["session"]["holidays"] = ["2030-03-05"]
    found = _explain(data)
    keys = {i.key for i in found.conflict}
    assert keys == {("within-periods", "days"), ("within-periods", "holiday@2030-03-05")}
    assert "1 working day, Monday 4 March" in found.text()
    assert "Tuesday 5 March is a holiday" in found.text()
    assert found.every_drop_works
    assert_minimal_by_editing(data, found)


def test_order_rules_that_contradict_each_other():
    data = tiny_data()
    data["items"][2]["last"] = True  # item 3 is last, yet item 4 follows it in the agenda
    data["items"][3]["last"] = False
    found = _explain(data)
    assert {i.key for i in found.conflict} == {("first-last", "3"), ("agenda-order", "plenary")}
    texts = {r.instance.key: r.text() for r in found.relaxations}
    assert texts[("agenda-order", "plenary")] == (
        "dropping it gives a timetable: Plenary takes item 4 before item 3"
    )
    assert_minimal_by_editing(data, found)


def test_not_in_parallel_says_where_they_would_meet_together():
    data = tiny_data()
    data["items"][1]["fixed_start"] = "2030-03-05T10:00"  # the debate fills Tuesday
    data["meetings"][0]["date"] = "2030-03-05"  # the working group meets on Tuesday too
    found = _explain(data)
    assert {i.key for i in found.conflict} == {
        ("within-periods", "days"),  # with a third day, item 2 could go on on Wednesday
        ("fixed-start", "2"),
        ("held-on-date", "wg-1"),
        ("not-in-parallel", "wg-1/2"),
    }
    texts = {r.instance.key: r.text() for r in found.relaxations}
    assert texts[("not-in-parallel", "wg-1/2")].startswith(
        "dropping it gives a timetable: Working group and item 2 meet at the same time on "
        "Tuesday 5 March"
    )
    assert_minimal_by_editing(data, found)


def test_more_than_one_conflict_is_reported_honestly():
    """Two independent conflicts: dropping one rule of the first alone is not enough."""
    data = tiny_data()
    data["interpretation"]["budget"] = 2
    data["meetings"][0].update(fixed_start="2030-03-05T15:00", latest_end="2030-03-05T12:00")
    found = _explain(data)
    assert found.minimal
    assert not found.every_drop_works
    assert any(not r.feasible for r in found.relaxations)
    assert "dropping it alone is not enough: another conflict remains" in found.text()
    assert "dropping some alone is not enough" in found.text()
    assert_minimal_by_editing(data, found)


def test_durations_that_fit_nowhere_name_no_rule_but_show_the_numbers():
    data = tiny_data()
    data["items"][1]["minutes"] = 10_000
    found = _explain(data)
    assert found.status == "infeasible"
    assert found.conflict == []
    text = found.text()
    assert "No timetable exists even with every rule lifted and 10 more working days" in text
    assert "Plenary needs 57 meetings (10150 minutes at 180 minutes a meeting)" in text


def test_explanations_in_french():
    data = tiny_data()
    data["interpretation"]["budget"] = 2
    found = _explain(data, lang="fr")
    assert found.prechecks[0].startswith("les organes avec interprétation ont besoin")
    text = found.text()
    assert text.startswith("Aucun calendrier ne respecte toutes les règles de cette session.")
    assert "au plus 2 séances avec interprétation" in text
    assert found.text("en").startswith("No timetable satisfies every rule of this session.")


def test_an_explanation_is_the_same_from_run_to_run():
    data = tiny_data()
    data["items"][2]["last"] = True
    data["items"][3]["last"] = False
    first, second = _explain(data), _explain(data)
    assert first.conflict == second.conflict
    assert [r.text() for r in first.relaxations] == [r.text() for r in second.relaxations]


def test_unknown_when_the_time_runs_out():
    found = Explanation("unknown", [], [], [], False, time_limit=2.0)
    assert found.text() == (
        "Could not tell within 2 s whether a timetable exists; try a longer --time-limit."
    )


def test_each_phase_of_an_explanation_is_timed():
    """Where the time goes (the benchmark's table): every second counted once, to one phase."""
    data = tiny_data()
    data["meetings"][0].update(fixed_start="2030-03-05T15:00", latest_end="2030-03-05T12:00")
    found = _explain(data)
    assert {"pre-checks", "horizon", "relaxations", "numbers"} <= set(found.phases)
    assert all(seconds >= 0 for seconds in found.phases.values()), found.phases
    assert sum(found.phases.values()) <= found.seconds


def test_a_check_a_decided_one_implies_costs_no_solve(tiny):
    """A set holds when a larger one held, and cannot when a smaller one could not; not
    across a rule whose drop closes a door (a date on a pre-session day)."""
    from models.explain_core import Deadline, Solving, Verdict, known

    h = horizon(tiny)
    run = Solving(Deadline(None))
    a, b, c = ("fixed-start", "wg-1"), ("deadline", "wg-1"), ("within-periods", "days")
    run.checked[frozenset({a, c})] = Verdict.FEASIBLE
    run.checked[frozenset({b})] = Verdict.INFEASIBLE
    assert known(h, frozenset({a}), run) is Verdict.FEASIBLE
    assert known(h, frozenset({c}), run) is Verdict.FEASIBLE
    assert known(h, frozenset({a, b}), run) is Verdict.INFEASIBLE
    assert known(h, frozenset({a, c}), run) is Verdict.FEASIBLE  # the same set
    assert known(h, frozenset({a, b, c}), run) is Verdict.INFEASIBLE
    run.closing[id(h)] = frozenset({a})  # as if `a` fixed a pre-session day
    assert known(h, frozenset({c}), run) is None
    assert known(h, frozenset({a, b}), run) is None
    assert known(h, frozenset({b, c}), run) is Verdict.INFEASIBLE
    assert run.solves == 0
