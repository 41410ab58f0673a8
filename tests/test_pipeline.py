"""The pipeline under every front end: plan (solve or re-plan, check, explain), then publish."""

from __future__ import annotations

import dataclasses
import datetime as dt

import openpyxl
import pytest

import models
import models.explain
from scheduler import pipeline
from scheduler.explore import set_budget
from scheduler.io.timetable_workbook import ASSIGNMENTS, CHANGES, read_assignments
from scheduler.pipeline import (
    EXPLAIN_AT_LEAST,
    Explaining,
    Run,
    Settings,
    Targets,
    explain,
    plan,
    publish,
)
from scheduler.result import SolveResult, SolveStatus
from scheduler.timetable import Timetable

QUICK = Settings(workers=1, seed=0, time_limit=20.0)


@pytest.fixture(scope="module")
def tiny_run(tiny) -> Run:
    return plan(tiny, settings=QUICK)


def _pinned(timetable: Timetable, activities: set[str]) -> Timetable:
    return Timetable.of(
        dataclasses.replace(part, pinned=part.activity in activities) for part in timetable
    )


def test_plan_solves_and_checks(tiny_run):
    assert tiny_run.status is SolveStatus.OPTIMAL
    assert tiny_run.timetable is not None and tiny_run.result is not None
    assert tiny_run.timetable is tiny_run.result.timetable
    assert tiny_run.validation is not None and tiny_run.validation.ok
    assert tiny_run.explanation is None and tiny_run.replanned is None
    assert tiny_run.changes is None and tiny_run.conflicts == ()
    assert tiny_run.time_limit == 20.0 and not tiny_run.prechecked


def test_unset_settings_come_from_the_session(tiny):
    assert Settings().time_limit_for(tiny) == tiny.solver.time_limit
    with pytest.raises(dataclasses.FrozenInstanceError):
        QUICK.workers = 2  # type: ignore[misc]


def test_an_impossibility_found_by_counting_is_explained_without_searching(tiny, monkeypatch):
    monkeypatch.setattr(models, "solve", lambda *a, **k: pytest.fail("searched anyway"))
    run = plan(set_budget(tiny, 3), settings=dataclasses.replace(QUICK, lang="fr"))
    assert run.prechecked and run.status is SolveStatus.INFEASIBLE and run.timetable is None
    assert run.explanation is not None and run.explanation.status == "infeasible"
    assert "budget" in run.explanation.text() and run.explanation.lang == "fr"


def test_without_prechecks_the_solver_proves_it_and_no_explanation_is_asked(tiny):
    settings = dataclasses.replace(QUICK, precheck=False, explaining=None)
    run = plan(set_budget(tiny, 3), settings=settings)
    assert not run.prechecked and run.status is SolveStatus.INFEASIBLE
    assert run.explanation is None and run.validation is None


def test_the_explanation_has_its_own_settings(tiny, monkeypatch):
    seen: list[dict[str, object]] = []

    def explain(session, **settings):
        seen.append(settings)
        return None

    monkeypatch.setattr(models.explain, "explain", explain)
    settings = dataclasses.replace(QUICK, explaining=Explaining(workers=2, seed=5))
    plan(set_budget(tiny, 3), settings=settings)
    # The explanation shares the command's time limit: it gets what the counting left of the
    # 20 s (it used to get 20 s of its own, so `solve` could take twice its --time-limit).
    (asked,) = seen
    limit = asked.pop("time_limit")
    assert asked == {"lang": "en", "workers": 2, "seed": 5}
    assert isinstance(limit, float) and 20.0 - 5.0 < limit < 20.0


class _Clock:
    """A clock that a fake search advances: the time limit's arithmetic, decided exactly."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _search_taking(seconds: float, clock: _Clock):
    def search(*args, **kwargs):
        clock.now += seconds
        return SolveResult(SolveStatus.INFEASIBLE, None)

    return search


def test_the_solve_and_its_explanation_share_one_time_limit(tiny, monkeypatch):
    clock, seen = _Clock(), []
    monkeypatch.setattr(pipeline, "_clock", clock)
    monkeypatch.setattr(models, "solve", _search_taking(15.0, clock))
    monkeypatch.setattr(models.explain, "explain", lambda s, **k: seen.append(k["time_limit"]))
    run = plan(tiny, settings=dataclasses.replace(QUICK, precheck=False))
    assert run.status is SolveStatus.INFEASIBLE and not run.unexplained
    assert seen == [5.0]  # 20 s in all, 15 taken by the search


def test_no_explanation_when_the_search_left_too_little_time(tiny, monkeypatch):
    clock = _Clock()
    monkeypatch.setattr(pipeline, "_clock", clock)
    monkeypatch.setattr(models, "solve", _search_taking(20.0 - EXPLAIN_AT_LEAST / 2, clock))
    monkeypatch.setattr(models.explain, "explain", lambda *a, **k: pytest.fail("explained"))
    run = plan(tiny, settings=dataclasses.replace(QUICK, precheck=False))
    assert run.status is SolveStatus.INFEASIBLE and run.unexplained
    assert run.explanation is None and run.timetable is None


def test_explain_alone_as_schedule_explain_does(tiny):
    assert explain(tiny, settings=QUICK).status == "feasible"
    found = explain(set_budget(tiny, 3), settings=dataclasses.replace(QUICK, explaining=None))
    assert found.status == "infeasible" and found.conflict


def test_progress_and_the_solver_log(tiny, tmp_path):
    progress: list[object] = []
    log = tmp_path / "solver.log"
    settings = dataclasses.replace(QUICK, on_solution=progress.append, log_path=log)
    assert plan(tiny, settings=settings).status is SolveStatus.OPTIMAL
    assert progress and log.read_text(encoding="utf-8")


def test_replan_keeps_the_pinned_rows(tiny, tiny_run):
    assert tiny_run.timetable is not None
    previous = _pinned(tiny_run.timetable, {"1", "wg-1"})
    run = plan(tiny, previous=previous, settings=QUICK)
    assert run.status is SolveStatus.OPTIMAL and run.replanned is not None
    assert run.changes is not None and run.changes.count == 0
    assert run.validation is not None and run.validation.ok
    kept = {(p.activity, p.date, p.period, p.start) for p in previous if p.pinned}
    assert run.timetable is not None
    assert kept == {(p.activity, p.date, p.period, p.start) for p in run.timetable if p.pinned}


def test_pinned_rows_that_break_rules_stop_before_any_search(tiny, tiny_run, monkeypatch):
    assert tiny_run.timetable is not None
    last_day = max(p.date for p in tiny_run.timetable)
    first_day = min(p.date for p in tiny_run.timetable)
    moved = Timetable.of(  # the opening, fixed on the first morning, pinned on the last day
        dataclasses.replace(p, pinned=True, date=last_day if p.activity == "1" else p.date)
        for p in tiny_run.timetable
        if p.date == first_day or p.activity == "1"
    )
    run = plan(tiny, previous=moved, settings=QUICK)
    assert run.conflicts and run.timetable is None and run.explanation is None
    assert run.status is SolveStatus.INFEASIBLE


def test_publish_writes_every_target_in_order(tiny_run, tmp_path):
    targets = Targets(
        lang="en",
        workbook=tmp_path / "t.xlsx",
        docx=tmp_path / "annex.docx",
        ics=tmp_path / "s.ics",
        programme=tmp_path / "p.xlsx",
        plot=tmp_path / "t.png",
        timezone="Europe/Vienna",
    )
    written = publish(tiny_run, targets)
    assert written == [targets.workbook, targets.docx, targets.ics, targets.programme, targets.plot]
    assert all(p.stat().st_size > 0 for p in written)
    assert tiny_run.timetable is not None
    assert len(read_assignments(tmp_path / "t.xlsx")) == len(tiny_run.timetable)


def test_publish_a_replanned_timetable_adds_the_changes_sheet(tiny, tiny_run, tmp_path):
    assert tiny_run.timetable is not None
    run = plan(tiny, previous=_pinned(tiny_run.timetable, {"1"}), settings=QUICK)
    (path,) = publish(run, Targets(lang="fr", workbook=tmp_path / "r.xlsx"))
    assert {ASSIGNMENTS, CHANGES} <= set(openpyxl.load_workbook(path).sheetnames)


def test_publish_a_timetable_given_rather_than_solved(tiny, tiny_run, tmp_path):
    assert tiny_run.timetable is not None
    given = Run.given(tiny, tiny_run.timetable)
    assert given.status is None and given.validation is None
    assert publish(given, Targets(lang="ar", ics=tmp_path / "s.ics")) == [tmp_path / "s.ics"]


def test_nothing_to_publish_without_a_timetable(tiny, tmp_path):
    run = plan(set_budget(tiny, 3), settings=dataclasses.replace(QUICK, explaining=None))
    with pytest.raises(ValueError, match="no timetable"):
        publish(run, Targets(lang="en", workbook=tmp_path / "t.xlsx"))
    assert not (tmp_path / "t.xlsx").exists()


def _moved(timetable: Timetable, activity: str, **where: object) -> Timetable:
    """`timetable` with `activity`'s rows moved (`where`: date, period, start, end) and pinned."""
    return Timetable.of(
        dataclasses.replace(p, pinned=True, **where) if p.activity == activity else p
        for p in timetable
    )


STEADY = dataclasses.replace(QUICK, explaining=Explaining(workers=1, seed=0, deterministic_time=20))


def test_a_replan_without_a_timetable_names_the_pinned_rows_that_cannot_stay(tiny, tiny_run):
    assert tiny_run.timetable is not None
    first = min(p.date for p in tiny_run.timetable)
    moved = _moved(  # item 3 pinned first thing on the first day: items 1-2 cannot precede it
        tiny_run.timetable, "3", date=first, period="AM", start=dt.time(10), end=dt.time(10, 30)
    )
    moved = Timetable.of(
        dataclasses.replace(p, pinned=p.pinned or p.activity == "wg-1") for p in moved
    )
    run = plan(tiny, previous=moved, settings=STEADY)
    assert run.status is SolveStatus.INFEASIBLE and not run.conflicts
    assert run.kept is not None and run.explanation is None
    assert [row.activity for row in run.kept.rows] == ["3"]  # not wg-1: a minimal set
    assert "agenda-order" in {rule.rule for rule in run.kept.rules} and run.kept.minimal
    lines = run.kept.lines("fr")
    assert lines[0] == "Aucun calendrier ne conserve cette ligne épinglée :"
    assert lines[1].startswith("  point 3, ") and lines[2] == "en raison de ces règles :"
    assert any(line.startswith("  agenda-order: ") for line in lines[3:])


def test_a_replan_of_a_session_without_any_timetable_is_explained(tiny, tiny_run):
    assert tiny_run.timetable is not None
    pinned = _pinned(tiny_run.timetable, {"1"})
    settings = dataclasses.replace(STEADY, precheck=False)
    run = plan(set_budget(tiny, 3), previous=pinned, settings=settings)
    assert run.status is SolveStatus.INFEASIBLE and run.kept is None
    assert run.explanation is not None and run.explanation.status == "infeasible"


def test_a_replan_whose_rows_could_not_be_named_in_time_says_nothing_of_the_session(
    tiny, tiny_run, monkeypatch
):
    """The session has a timetable (only the pins stop it): "nothing to explain" would mislead."""
    from models.explain import Explanation

    assert tiny_run.timetable is not None
    first = min(p.date for p in tiny_run.timetable)
    moved = _moved(
        tiny_run.timetable, "3", date=first, period="AM", start=dt.time(10), end=dt.time(10, 30)
    )
    monkeypatch.setattr(pipeline, "kept_conflict", lambda *a, **k: None)  # out of time
    feasible = Explanation("feasible", [], [], [], False, time_limit=1)
    monkeypatch.setattr(models.explain, "explain", lambda *a, **k: feasible)
    run = plan(tiny, previous=moved, settings=STEADY)
    assert run.status is SolveStatus.INFEASIBLE and run.kept is None and run.explanation is None
