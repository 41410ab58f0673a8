"""Which conflict an explanation shows first, and the others it lists (`models.explain_priority`).

The preferred conflict is made of the planner's own choices when there is one; up to five
conflicts are listed, each with its own relaxations; a body's deadline is said to be the
body's. Conflicts are checked apart from the explainer, by editing the session data
(`tests.explain.dropping`).
"""

from __future__ import annotations

from itertools import combinations

from models.explain import MAX_CONFLICTS, explain
from models.explain_core import preferred_conflict
from models.explain_priority import TIERS, by_priority, tier
from scheduler.result import SolveStatus
from scheduler.rules import HARD_RULES, RuleInstance
from tests.conftest import make_session, tiny_data
from tests.explain.dropping import DETERMINISTIC, decide, drop_rules
from tests.explain.test_explain import assert_minimal_by_editing


def test_every_rule_with_instances_has_a_tier():
    assert {r.name for r in HARD_RULES if r.instances} <= set(TIERS)
    assert {"days", "evenings", "holiday"} <= set(TIERS)


def test_the_calendar_and_the_budget_come_last_the_planner_s_times_first():
    def inst(rule: str, subject: str) -> RuleInstance:
        return RuleInstance(rule, subject, None)  # type: ignore[arg-type]

    days, budget = inst("within-periods", "days"), inst("interpretation-budget", "session")
    fixed, order = inst("fixed-start", "2"), inst("agenda-order", "plenary")
    teams = inst("interpretation-teams", "session")
    assert by_priority([days, budget, teams, order, fixed]) == [fixed, order, teams, budget, days]
    assert tier(fixed) < tier(order) < tier(teams) < tier(budget) == tier(days)


def _conflicts_of(conflicts: list[set[str]]):
    """`cannot_hold` for a toy problem whose minimal conflicts are `conflicts`."""
    return lambda chosen: any(c <= set(chosen) for c in conflicts)


def test_quickxplain_gives_the_conflict_whose_least_preferred_member_comes_first():
    """Among {a, d} and {b, c}, with a preferred to b, c, d: {b, c}, whose worst is c."""
    assert preferred_conflict(list("abcd"), _conflicts_of([{"a", "d"}, {"b", "c"}])) == ["b", "c"]
    # the same, whatever the order of the conflicts
    assert preferred_conflict(list("abcd"), _conflicts_of([{"b", "c"}, {"a", "d"}])) == ["b", "c"]


def test_quickxplain_matches_the_definition_on_every_small_case():
    """The preferred conflict is the one found by adding candidates in order (Junker)."""
    letters = list("abcdef")
    pairs = [set(p) for p in combinations(letters, 2)]
    for first, second in combinations([*pairs, {"b", "d", "f"}, {"a", "e", "f"}], 2):
        cannot_hold = _conflicts_of([first, second])
        found = preferred_conflict(letters, cannot_hold)
        assert cannot_hold(found)
        assert all(not cannot_hold([x for x in found if x != y]) for y in found)
        assert found == _by_adding(letters, cannot_hold)


def _by_adding(candidates: list[str], cannot_hold) -> list[str]:
    """Junker's definition: the first candidate whose prefix cannot hold belongs to the
    conflict; then again with it in the background, among those before it."""
    kept: list[str] = []
    pool = list(candidates)
    while not cannot_hold(kept):
        k = next(n for n in range(1, len(pool) + 1) if cannot_hold(kept + pool[:n]))
        kept.append(pool[k - 1])
        pool = pool[: k - 1]
    return sorted(kept, key=candidates.index)


def _explain(data):
    return explain(make_session(data), deterministic_time=DETERMINISTIC, workers=1, seed=0)


def test_two_conflicts_the_planner_s_own_first_each_named():
    """A deadline before a fixed start (the planner's) and a budget too small (the General
    Assembly's): the planner's conflict first, the budget as conflict 2, each rule of the
    first saying which conflict remains when it alone is dropped."""
    data = tiny_data()
    data["interpretation"]["budget"] = 2
    data["meetings"][0].update(fixed_start="2030-03-05T15:00", latest_end="2030-03-05T12:00")
    found = _explain(data)
    keys = [{i.key for i in c.members} for c in found.conflicts]
    assert keys == [
        {("fixed-start", "wg-1"), ("deadline", "wg-1")},
        {("interpretation-budget", "session")},
    ]
    assert all(c.minimal for c in found.conflicts)
    first, second = found.conflicts
    assert all(not r.feasible for r in first.relaxations + second.relaxations)
    text = found.text()
    assert "Conflict 1 of 2:" in text and "Conflict 2 of 2:" in text
    assert text.count("another conflict remains (conflict 2)") == 2
    assert text.count("another conflict remains (conflict 1)") == 1
    assert "2 distinct conflicts: a timetable needs at least one rule of each dropped." in text
    assert "Conflit 2 sur 2 :" in found.text("fr")
    # each conflict alone, checked by editing the file: every conflict but the one dropped
    conflicts = found.conflicts
    for n, conflict in enumerate(conflicts):
        others = [i.key for c in conflicts[:n] + conflicts[n + 1 :] for i in c.members]
        alone = make_session(drop_rules(data, others))
        assert decide(alone).status is SolveStatus.INFEASIBLE
        for member in conflict.members:
            fixed = make_session(drop_rules(data, [*others, member.key]))
            assert decide(fixed).timetable is not None, member.key


def test_at_most_five_conflicts():
    """Seven bodies, each with a meeting fixed after its own deadline: five are listed."""
    data = tiny_data()
    data["rooms"] += [{"id": f"room-{n}", "interpretation": False} for n in range(7)]
    data["bodies"] += [
        {"id": f"b{n}", "name": {"en": f"Group {n}"}, "rooms": [f"room-{n}"], "interpreted": False}
        for n in range(7)
    ]
    data["meetings"] += [
        {"id": f"m{n}", "body": f"b{n}", "title": {"en": f"Group {n}"}, "meetings": 1,
         "fixed_start": "2030-03-05T15:00", "latest_end": "2030-03-05T13:00"}
        for n in range(7)
    ]  # fmt: skip
    found = _explain(data)
    assert len(found.conflicts) == MAX_CONFLICTS
    subjects = []
    for c in found.conflicts:
        (subject,) = {i.subject for i in c.members}
        assert {i.rule for i in c.members} == {"fixed-start", "deadline"}, subject
        subjects.append(subject)
    assert len(set(subjects)) == MAX_CONFLICTS


def test_a_body_s_deadline_is_said_to_be_the_body_s():
    """The working group's deadline is written on the body: its meetings say so."""
    data = tiny_data()
    data["bodies"][1]["latest_end"] = "2030-03-04T13:00"
    data["meetings"][0]["date"] = "2030-03-05"
    found = _explain(data)
    assert {i.key for i in found.conflict} == {("held-on-date", "wg-1"), ("deadline", "wg-1")}
    text = found.text()
    assert "Working group: ends by Monday 4 March 13:00 (the body's deadline)" in text
    assert "(échéance de l’organe)" in found.text("fr") or "(échéance de l'organe)" in found.text(
        "fr"
    )
    assert_minimal_by_editing(data, found)


def test_an_item_under_the_plenary_s_deadline_names_the_plenary():
    data = tiny_data()
    data["bodies"][0]["latest_end"] = "2030-03-05T13:00"
    data["items"][3]["fixed_start"] = "2030-03-05T15:00"
    found = _explain(data)
    assert ("deadline", "4") in {i.key for i in found.conflict}
    assert "item 4: ends by Tuesday 5 March 13:00 (the deadline of Plenary)" in found.text()
    assert_minimal_by_editing(data, found)
