"""The first fit (`models.constructive`): what it keeps, and that it is only ever a hint."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

import models.constructive
import models.model
from models import SessionModel
from models.constructive import FirstFit, first_fit
from scheduler.io.session_file import load_session
from scheduler.published import published_timetable
from scheduler.result import SolveStatus
from scheduler.session import Session
from scheduler.timetable import Timetable
from tests.conftest import ROOT, make_session
from tests.models.support import broken_rules, tiny

GENERATED = ROOT / "instances" / "generated"


@pytest.mark.parametrize("name", ["cop-2x", "cop-5x", "cop-20x", "climate"])
def test_on_generated_sessions_it_is_complete_and_keeps_every_rule(name: str) -> None:
    """The benchmark sessions (agenda chains, windows, fixed times, caps, teams, budget):
    the independent validator finds nothing to say about the first fit."""
    session = load_session(GENERATED / f"{name}.yaml")
    found = first_fit(session)
    assert found.complete, found.unplaced
    assert broken_rules(session, found.timetable) == []


def test_on_cop9_it_is_complete_and_keeps_every_rule(cop9: Session) -> None:
    found = first_fit(cop9)
    assert found.complete
    assert broken_rules(cop9, found.timetable) == []


def test_what_it_cannot_place_is_left_out_and_the_rest_keeps_the_rules() -> None:
    """With a budget of one interpreted meeting, the tiny session has no timetable: the first
    fit places what fits within the budget and names the rest."""
    session = make_session(tiny(interpretation={"budget": 1}))
    found = first_fit(session)
    assert not found.complete
    placed = {row.activity for row in found.timetable}
    assert placed.isdisjoint(found.unplaced)
    assert placed | set(found.unplaced) == {a.id for a in session.activities}
    assert found.timetable.interpreted_meetings() <= 1
    kept = [rule for rule, _ in broken_rules(session, found.timetable)]
    assert set(kept) <= {"full-duration"}  # only what is missing


def test_a_solve_started_from_it_is_valid_and_optimal() -> None:
    session = make_session(tiny())
    result = SessionModel(session).solve(workers=1, seed=7, time_limit=20, start=True)
    assert result.status is SolveStatus.OPTIMAL and result.objective == 23  # as without
    assert result.timetable is not None and broken_rules(session, result.timetable) == []
    assert result.first_solution_time is not None
    assert 0 <= result.first_solution_time <= result.wall_time


def test_a_first_fit_that_breaks_rules_is_only_a_hint(cop9: Session, monkeypatch) -> None:
    """A first "timetable" with an activity in a period it may not use and another missing:
    the fixed solve finds nothing, the hint is a search preference, the answer stays right."""
    published = published_timetable(cop9)
    rows = list(published.assignments)
    moved = dataclasses.replace(rows[0], period="PM" if rows[0].period == "AM" else "AM")
    wrong = FirstFit(Timetable.of([moved, *rows[2:]]), unplaced=(rows[1].activity,))
    monkeypatch.setattr(models.constructive, "first_fit", lambda *args: wrong)
    result = SessionModel(cop9).solve(workers=1, seed=0, time_limit=30, start=True)
    assert result.status is SolveStatus.OPTIMAL and result.objective == 65
    assert result.timetable is not None and broken_rules(cop9, result.timetable) == []


def test_a_partial_first_fit_is_completed_by_the_fixed_solve(cop9: Session, monkeypatch) -> None:
    """One activity left out: the fixed solve places it (and what shares its dates) anew;
    its timetable is the first one, and the search goes on from it."""
    rows = list(published_timetable(cop9).assignments)
    left_out = rows[-1].activity
    partial = FirstFit(Timetable.of(r for r in rows if r.activity != left_out), (left_out,))
    monkeypatch.setattr(models.constructive, "first_fit", lambda *args: partial)
    model = SessionModel(cop9)
    model.start_from_first_fit(30, seed=0)
    assert model._started is not None  # the fixed solve found a timetable
    result = model.solve(workers=1, seed=0, time_limit=30, start=True)
    assert result.status is SolveStatus.OPTIMAL and result.objective == 65
    assert result.timetable is not None and broken_rules(cop9, result.timetable) == []


def test_large_sessions_start_from_it_by_default(monkeypatch) -> None:
    """From `FIRST_FIT_FROM` placements up; below, the search is as it was."""
    calls: list[str] = []

    def counted(session: Session, slots: object = None) -> FirstFit:
        calls.append(session.session.venue)
        return FirstFit(Timetable())

    monkeypatch.setattr(models.constructive, "first_fit", counted)
    monkeypatch.setattr(models.model, "FIRST_FIT_FROM", 1)
    session = make_session(tiny())
    assert SessionModel(session).solve(workers=1, seed=0, time_limit=20).status.has_timetable
    assert len(calls) == 1
    hinted = SessionModel(session)
    hinted.hint(Timetable())  # a hint given before (a re-plan's): it stays, no first fit
    assert hinted.solve(workers=1, seed=0, time_limit=20).status.has_timetable
    assert len(calls) == 1
    monkeypatch.setattr(models.model, "FIRST_FIT_FROM", 10**9)
    assert SessionModel(session).solve(workers=1, seed=0, time_limit=20).status.has_timetable
    assert len(calls) == 1


def test_a_partial_first_fit_reopens_only_the_dates_it_names(cop9: Session, monkeypatch) -> None:
    """`FirstFit.reopen`: the dates between the left-out activity's placed neighbours. The
    other dates keep their hints (more of them than when every date it may use reopens), and
    the fixed solve still completes the timetable."""
    rows = list(published_timetable(cop9).assignments)
    left_out = rows[-1]
    kept = Timetable.of(r for r in rows if r.activity != left_out.activity)
    hinted: dict[str, int] = {}
    for name, reopen in (("every date", None), ("its date", frozenset({left_out.date}))):
        partial = FirstFit(kept, (left_out.activity,), reopen)
        monkeypatch.setattr(models.constructive, "first_fit", lambda *args, p=partial: p)
        model = SessionModel(cop9)
        model._hint_placed(partial)
        hinted[name] = len(model.model.proto.solution_hint.vars)
        model.start_from_first_fit(30, seed=0)
        assert model._started is not None, name
        timetable = model.timetable(model._started.value)
        assert broken_rules(cop9, timetable) == []
    assert hinted["its date"] > hinted["every date"]


# --- runs of whole meetings and preferred periods (`runs`, among `AWARE_VARIANTS`) ----------

WED = "2030-03-06"


def _runs_session(**late: str) -> Session:
    """A working group with an item of two whole meetings, then one of a meeting that may
    not start before Wednesday: laid from Monday, its meetings make two runs."""
    from tests.models.test_constructive_rules import _session

    bodies = [{"id": "w", "rooms": ["rw"], "interpreted": True}]
    items = [
        {"id": "w1", "body": "w", "meetings": 2, **late},
        {"id": "w2", "body": "w", "meetings": 1, "earliest_start": f"{WED}T10:00"},
    ]
    return _session(bodies, items)


def _runs(session: Session, found: FirstFit, body: str) -> int:
    """The runs of a body's meetings in the session's periods (none are evenings here)."""
    order = [(s.date, s.period.id) for s in session.usable_slots]
    held = sorted({order.index((r.date, r.period)) for r in found.timetable if r.body == body})
    return 1 + sum(1 for a, b in itertools.pairwise(held) if b > a + 1)


def _fitted(session: Session, **choices: bool) -> FirstFit:
    from models.constructive import _candidate_slots, _FirstFit

    return _FirstFit(session, _candidate_slots(session), whole_items=True, **choices).run()


def test_whole_meetings_are_laid_in_one_run_before_a_later_one() -> None:
    session = _runs_session()
    assert _runs(session, _fitted(session), "w") == 2  # without: w1 on Monday, w2 Wednesday
    found = _fitted(session, runs=True)
    assert found.complete and broken_rules(session, found.timetable) == []
    assert _runs(session, found, "w") == 1
    chosen = first_fit(session)
    assert _runs(session, chosen, "w") == 1 and broken_rules(session, chosen.timetable) == []


def test_whole_meetings_keep_their_windows_when_no_run_fits() -> None:
    """The first item must be over on Monday: the two runs stay, every rule kept."""
    session = _runs_session(latest_end="2030-03-04T18:00")
    found = _fitted(session, runs=True)
    assert found.complete and broken_rules(session, found.timetable) == []
    assert _runs(session, found, "w") == 2


def test_a_run_leaves_a_team_for_a_body_whose_items_are_still_to_place() -> None:
    """One team for two interpreted bodies. The working group's run (its second item may not
    start before Tuesday afternoon) would be laid from Monday afternoon, on the team the
    plenary's items need (each fills a period, the last due Tuesday noon): it waits until
    they are placed, and meets from Tuesday afternoon in one run."""
    from tests.models.test_constructive_rules import _session

    bodies = [
        {"id": "p", "rooms": ["rp"], "interpreted": True},
        {"id": "w", "rooms": ["rw"], "interpreted": True},
    ]
    items = [
        {"id": "p1", "body": "p", "minutes": 180},
        {"id": "p2", "body": "p", "minutes": 180},
        {"id": "p3", "body": "p", "minutes": 180, "latest_end": "2030-03-05T13:00"},
        {"id": "w1", "body": "w", "meetings": 2},
        {"id": "w2", "body": "w", "meetings": 1, "earliest_start": "2030-03-05T15:00"},
    ]
    session = _session(bodies, items, interpretation={"teams": 1})
    found = _fitted(session, runs=True)
    assert found.complete and broken_rules(session, found.timetable) == []
    assert _runs(session, found, "w") == 1
    assert [r.period for r in found.timetable.parts_of("w1")] == ["PM", "AM"]


def _preferring(third: int, **due: str) -> Session:
    """An agenda of three items, the second preferring afternoons."""
    from tests.models.test_constructive_rules import _session

    bodies = [{"id": "w", "rooms": ["rw"]}]
    items = [
        {"id": "w1", "body": "w", "minutes": 60},
        {"id": "w2", "body": "w", "minutes": 60, "preferred": [{"period": "PM"}]},
        {"id": "w3", "body": "w", "minutes": third, **due},
    ]
    return _session(bodies, items)


def test_an_item_waits_for_its_preferred_period() -> None:
    session = _preferring(30)
    assert [r.period for r in _fitted(session).timetable.parts_of("w2")] == ["AM"]
    found = _fitted(session, runs=True)
    assert found.complete and broken_rules(session, found.timetable) == []
    assert [r.period for r in found.timetable.parts_of("w2")] == ["PM"]


def test_an_item_meets_outside_its_preferred_period_when_a_later_one_cannot_wait() -> None:
    """The third item fills Monday afternoon and is due by its end: the second stays in
    the morning."""
    session = _preferring(180, latest_end="2030-03-04T18:00")
    found = _fitted(session, runs=True)
    assert found.complete and broken_rules(session, found.timetable) == []
    assert [r.period for r in found.timetable.parts_of("w2")] == ["AM"]
