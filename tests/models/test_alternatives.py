"""`schedule why`: where else an activity could start, priced or refused, checked by re-solving.

Every "possible" answer is checked by the independent validator on the timetable of that
choice, and every "impossible" one by editing the session file the way a planner would (the
placement as a fixed start, the named rule dropped from the file) and solving again.
"""

from __future__ import annotations

import copy
from typing import Any

from typer.testing import CliRunner

from models import SessionModel
from models.alternatives import alternatives, starting_slots
from scheduler.cli import app
from scheduler.explore import solve as explore_solve
from scheduler.result import SolveStatus
from tests.conftest import COP9, TINY, make_session, tiny_data
from tests.explain.dropping import drop_rules

runner = CliRunner()


def _tiny_with_wg_fixed_start(at: str) -> dict[str, Any]:
    data = tiny_data()
    data["meetings"][0]["fixed_start"] = at
    return data


def test_every_slot_of_the_working_group_is_priced_or_refused() -> None:
    session = make_session(tiny_data())
    found = alternatives(session, "wg-1")
    assert [c.slot for c in found.choices] == starting_slots(session, "wg-1")
    verdicts = {c.slot.label: c.verdict for c in found.choices}
    assert list(verdicts.values()).count("current") == 1
    for choice in found.choices:
        # Re-solve with the working group fixed where the choice puts it: same answer.
        data = _tiny_with_wg_fixed_start(choice.slot.start.isoformat())
        again = SessionModel(make_session(data)).solve(workers=1, seed=0, time_limit=20)
        if choice.verdict in ("current", "possible"):
            assert again.status is SolveStatus.OPTIMAL
            assert again.objective == choice.objective
            assert choice.objective == found.base_objective + sum(choice.delta.values())
        else:
            assert choice.verdict == "impossible"
            assert again.status is SolveStatus.INFEASIBLE


def test_an_impossible_choice_names_rules_whose_dropping_makes_it_possible() -> None:
    data = tiny_data()
    data["items"][1]["date"] = "2030-03-04"  # item 2 fills Monday: wg-1 may not meet beside it
    found = alternatives(make_session(data), "wg-1")
    refused = [c for c in found.choices if c.verdict == "impossible"]
    assert {c.slot.label for c in refused} >= {"Mon04-AM", "Mon04-PM"}
    for choice in refused:
        assert choice.breaks
        placed = copy.deepcopy(data)
        placed["meetings"][0]["fixed_start"] = choice.slot.start.isoformat()
        still = SessionModel(make_session(placed)).solve(workers=1, seed=0, time_limit=20)
        assert still.status is SolveStatus.INFEASIBLE
        dropped = drop_rules(placed, [i.key for i in choice.breaks])  # edited as a planner would
        again = SessionModel(make_session(dropped)).solve(workers=1, seed=0, time_limit=20)
        assert again.status is SolveStatus.OPTIMAL, (choice.slot.label, choice.breaks)


def test_cop9_item_3_and_the_working_group() -> None:
    """COP9's plenary meetings are full: item 3 can only start where it is; the working
    group only on Tuesday, where it must be held."""
    from scheduler.io.session_file import load_session

    cop9 = load_session(COP9)
    item = alternatives(cop9, "3")
    assert item.base_objective == 65
    assert [c.slot.label for c in item.possible()] == ["Wed17-PM"]
    assert {i.rule for c in item.choices if c.verdict == "impossible" for i in c.breaks} == {
        "agenda-order"
    }
    group = alternatives(cop9, "wg-ic-10")
    assert [c.slot.label for c in group.possible()] == ["Tue16-AM"]
    named = {i.rule for c in group.choices for i in c.breaks}
    assert "held-on-date" in named


def test_schedule_why_prints_each_choice_in_the_language_asked() -> None:
    result = runner.invoke(app, ["why", str(TINY), "3", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Où le point 3 pourrait commencer")
    assert any("là où il commence aujourd’hui" in line for line in lines)
    assert any("compact-bodies +5" in line for line in lines)


def test_schedule_why_refuses_an_unknown_item() -> None:
    result = runner.invoke(app, ["why", str(TINY), "33"])
    assert result.exit_code == 2
    assert "ITEM: '33': not an item or meeting" in result.output


def test_outcome_alternatives_is_a_table() -> None:
    outcome = explore_solve(make_session(tiny_data()), time_limit=20)
    table = outcome.alternatives("3")
    assert list(table["verdict"]).count("current") == 1
    assert {"date", "period", "verdict", "objective", "change", "breaks"} <= set(table.columns)
    assert (table.loc[table["verdict"] == "current", "change"] == 0).all()
