"""The analyst's API: solve a session or variant, read pandas tables, compare variants."""

from __future__ import annotations

import inspect
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest

import scheduler
from scheduler.explore import (
    COMPARISON_COLUMNS,
    MEETING_COLUMNS,
    Outcome,
    compare_variants,
    moves,
    set_budget,
    solve,
    solve_variants,
)
from scheduler.io.timetable_workbook import ASSIGNMENTS, MEETINGS, SOLVE, read_assignments
from scheduler.result import SolveStatus
from scheduler.timetable import ASSIGNMENT_COLUMNS
from scheduler.validation.findings import FINDING_COLUMNS
from tests.conftest import ROOT

QUICK = {"workers": 1, "seed": 0, "time_limit": 20.0}


@pytest.fixture(scope="module")
def tiny_outcome(tiny) -> Outcome:
    return solve(tiny, name="tiny", **QUICK)


@pytest.fixture(scope="module")
def short_of_budget(tiny) -> Outcome:
    """Four interpreted meetings are needed (three plenary, one working group); three granted."""
    return solve(set_budget(tiny, 3), name="budget 3", explain=False, **QUICK)


def test_solve_gives_status_numbers_and_a_checked_timetable(tiny_outcome):
    assert tiny_outcome.status == "optimal" and tiny_outcome.status is SolveStatus.OPTIMAL
    assert tiny_outcome.objective == tiny_outcome.best_bound is not None
    assert tiny_outcome.ok and tiny_outcome.validation is not None
    assert tiny_outcome.explanation is None
    assert tiny_outcome.solve_time >= 0
    assert repr(tiny_outcome).startswith("<Outcome 'tiny': optimal")


def test_the_timetable_as_the_assignments_sheet(tiny_outcome):
    table = tiny_outcome.assignments
    assert tuple(table.columns) == ASSIGNMENT_COLUMNS
    assert set(table["activity"]) == {"1", "2", "3", "4", "wg-1"}
    minutes = table.groupby("activity")["minutes"].sum()
    assert minutes["2"] == 240 and minutes["wg-1"] == 180


def test_meetings_and_counts(tiny_outcome):
    meetings = tiny_outcome.meetings
    assert tuple(meetings.columns) == MEETING_COLUMNS
    # Five: the preferences a planner's timetable has (the plenary's last meeting alone...) pick it.
    assert len(meetings) == 5 and meetings["interpreted"].all()
    assert tiny_outcome.interpreted_meetings == 5
    assert tiny_outcome.days_used == 2
    assert tiny_outcome.carried_over == ["2"]  # 240 minutes: more than one meeting
    assert tiny_outcome.findings.empty and tuple(tiny_outcome.findings.columns) == FINDING_COLUMNS
    assert len(tiny_outcome.slots_of("2")) == 2


def test_export_to_the_workbook(tiny_outcome, tmp_path):
    path = tiny_outcome.to_workbook(tmp_path / "tiny.xlsx", lang="fr")
    book = openpyxl.load_workbook(path, read_only=True)
    assert {ASSIGNMENTS, MEETINGS, SOLVE} <= set(book.sheetnames)
    assert len(read_assignments(path)) == len(tiny_outcome.assignments)


def test_an_infeasible_variant_has_empty_tables_and_no_counts(short_of_budget):
    outcome = short_of_budget
    assert outcome.status == "infeasible" and not outcome.ok
    assert outcome.timetable is None and outcome.validation is None
    assert outcome.assignments.empty and tuple(outcome.assignments.columns) == ASSIGNMENT_COLUMNS
    assert outcome.meetings.empty and outcome.findings.empty
    assert outcome.interpreted_meetings is None and outcome.days_used is None
    assert outcome.carried_over == [] and outcome.slots_of("2") == []
    with pytest.raises(ValueError, match="no timetable"):
        outcome.to_workbook("never.xlsx")
    with pytest.raises(ValueError, match="no timetable"):
        outcome.plot()


def test_the_explanation_comes_from_the_model_s_explainer(tiny, monkeypatch):
    calls = []

    def explain(session, **settings):
        calls.append((session, settings["time_limit"]))
        return "budget: 4 interpreted meetings needed, 3 granted"

    import models.explain

    monkeypatch.setattr(models.explain, "explain", explain)
    outcome = solve(set_budget(tiny, 3), name="budget 3", **QUICK)
    assert outcome.explanation == "budget: 4 interpreted meetings needed, 3 granted"
    # One time limit for the solve and its explanation: this gets what the counting left.
    ((session, limit),) = calls
    assert session is outcome.session and 20.0 - 5.0 < limit < 20.0


def test_compare_variants_one_row_each(tiny_outcome, short_of_budget):
    table = compare_variants([tiny_outcome, short_of_budget])
    assert tuple(table.columns) == COMPARISON_COLUMNS
    assert list(table.index) == ["tiny", "budget 3"] and table.index.name == "variant"
    assert table.loc["tiny", "status"] == "optimal"
    assert table.loc["tiny", "interpreted_meetings"] == 5
    assert table.loc["tiny", "moves"] == 0  # the baseline is the first variant
    assert table.loc["budget 3", "status"] == "infeasible"
    assert table.loc["budget 3", "interpretation_budget"] == 3
    assert pd.isna(table.loc["budget 3", "moves"]) and pd.isna(table.loc["budget 3", "days_used"])


def test_moves_count_activities_whose_slots_differ(cop9):
    from scheduler.explore import allow_evening_meetings, drop_day

    outcomes = solve_variants(
        {
            "as planned": cop9,
            "four days, evening meetings": allow_evening_meetings(drop_day(cop9, "2018-10-19")),
        },
        **QUICK,
    )
    table = compare_variants(outcomes, baseline="as planned")
    assert table.loc["as planned", "moves"] == 0
    four = outcomes["four days, evening meetings"]
    assert four.days_used == 4
    base = outcomes["as planned"].timetable
    assert base is not None and four.timetable is not None
    expected = sum(
        1
        for a in cop9.activities
        if {(p.date, p.period) for p in base.parts_of(a.id)}
        != {(p.date, p.period) for p in four.timetable.parts_of(a.id)}
    )
    assert expected > 0
    assert table.loc["four days, evening meetings", "moves"] == expected
    assert moves(four, base) == expected == moves(four, outcomes["as planned"])


def test_the_baseline_can_be_a_timetable_or_must_be_a_known_name(tiny_outcome):
    assert tiny_outcome.timetable is not None
    table = compare_variants({"renamed": tiny_outcome}, baseline=tiny_outcome.timetable)
    assert list(table.index) == ["renamed"]  # a mapping's keys name the rows
    assert table.loc["renamed", "moves"] == 0
    with pytest.raises(KeyError, match="no variant named"):
        compare_variants([tiny_outcome], baseline="published")


def test_everything_public_is_exported_documented_and_typed():
    for name in scheduler.__all__:
        thing = getattr(scheduler, name)
        assert inspect.getdoc(thing), f"{name} has no docstring"
        if inspect.isfunction(thing):
            hints = inspect.signature(thing)
            assert hints.return_annotation is not inspect.Signature.empty, name
            for parameter in hints.parameters.values():
                if parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
                    assert parameter.annotation is not inspect.Parameter.empty, (name, parameter)


def test_models_can_be_imported_before_scheduler():
    """`models` imports `scheduler`, which must not import `models` back at import time."""
    code = "import models, scheduler; print(scheduler.solve.__name__, models.solve.__name__)"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["solve", "solve"]
