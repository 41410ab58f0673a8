"""SessionModel.solve: statuses, numbers, options, and the COP9 reference session."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from ortools.sat.python import cp_model

from models import SessionModel, SolveProgress, solve, solve_status
from scheduler.published import published_timetable
from scheduler.result import SolveResult, SolveStatus
from scheduler.session import Session
from scheduler.timetable import Timetable
from tests.conftest import make_session
from tests.models.support import broken_rules, cost, item, solve_data, tiny
from tests.models.synthetic import large_session_data


def _slots(timetable: Timetable | None) -> set[tuple[str, object, str]]:
    assert timetable is not None
    return {(r.activity, r.date, r.period) for r in timetable}


class TestStatus:
    @pytest.mark.parametrize(
        ("code", "status"),
        [
            (cp_model.OPTIMAL, SolveStatus.OPTIMAL),
            (cp_model.FEASIBLE, SolveStatus.FEASIBLE),
            (cp_model.INFEASIBLE, SolveStatus.INFEASIBLE),
            (cp_model.UNKNOWN, SolveStatus.UNKNOWN),
            (cp_model.MODEL_INVALID, SolveStatus.INVALID),
        ],
    )
    def test_mapping(self, code: int, status: SolveStatus) -> None:
        assert solve_status(code) is status

    def test_optimal_has_a_timetable_and_a_closed_gap(self) -> None:
        _, result = solve_data(tiny())
        assert result.status is SolveStatus.OPTIMAL
        assert result.timetable is not None
        assert result.best_bound == result.objective == 23  # see tests/models/test_constraints.py
        assert result.gap == 0

    def test_infeasible_has_nothing(self) -> None:
        _, result = solve_data(tiny(interpretation={"budget": 1}))
        assert result.status is SolveStatus.INFEASIBLE
        assert result.timetable is None and result.objective is None
        assert result.penalties == {}

    def test_unknown_when_time_runs_out_before_any_timetable(self) -> None:
        session = make_session(large_session_data(weeks=2))
        result = SessionModel(session).solve(time_limit=0.001, workers=1, seed=0)
        assert result.status is SolveStatus.UNKNOWN
        assert result.timetable is None


class TestCop9:
    """The reference session: its estimated durations fill every plenary meeting."""

    def test_optimal_and_equal_to_the_published_annex(self, cop9: Session) -> None:
        result = SessionModel(cop9).solve(workers=1, seed=0)
        assert result.status is SolveStatus.OPTIMAL
        assert result.objective == 65  # 10 (item 5 carried over) + 20 (to Friday) + 12 + 14 + 9
        assert result.penalties == {
            "carry-over": 10,
            "carry-over-to-next-day": 20,
            "interpreted-meetings": 12,
            "preferred-periods": 0,
            "meetings": 14,  # the twelve interpreted ones and the two informal consultations
            "compact-bodies": 0,  # every body meets in a row
            "session-end": 9,  # the tenth period of the session: Friday afternoon
            "opening-closing-alone": 0,
            "organizational-first-day": 0,
            "evening-meetings": 0,
        }
        assert _slots(result.timetable) == _slots(published_timetable(cop9))
        assert result.timetable is not None
        assert broken_rules(cop9, result.timetable) == []
        assert cost(cop9, result.timetable) == result.penalties

    def test_solves_fast(self, cop9: Session) -> None:
        result = SessionModel(cop9).solve(workers=1, seed=0)
        assert result.wall_time < 1.0  # typically 0.03 s; generous for a loaded machine

    def test_parts_are_laid_out_from_the_period_start(self, cop9: Session) -> None:
        result = SessionModel(cop9).solve(workers=1, seed=0)
        assert result.timetable is not None
        monday = [r for r in result.timetable if r.activity in {"1a", "1b", "1c", "1d", "1e", "1f"}]
        assert [f"{r.start:%H:%M}-{r.end:%H:%M}" for r in monday] == [
            "10:00-10:30",
            "10:30-10:40",
            "10:40-10:50",
            "10:50-11:00",
            "11:00-11:10",
            "11:10-13:00",
        ]
        item5 = result.timetable.parts_of("5")
        assert [(r.part, r.parts, r.title) for r in item5] == [
            (1, 2, "Technical assistance"),
            (2, 2, "Technical assistance"),
        ]
        assert all(r.interpreted for r in item5)
        assert not any(r.interpreted for r in result.timetable.parts_of("informal-consultations"))


class TestOptions:
    def test_defaults_come_from_the_session(self) -> None:
        data = tiny(solver={"time_limit": 5, "workers": 1, "seed": 3})
        result = SessionModel(make_session(data)).solve()
        assert (result.workers, result.seed) == (1, 3)

    def test_numbers_are_filled(self) -> None:
        _, result = solve_data(tiny())
        assert result.wall_time > 0 and result.build_time > 0
        assert result.solutions >= 1
        assert result.model_stats["variables"] > 0 and result.model_stats["constraints"] > 0

    def test_same_seed_one_worker_same_timetable(self) -> None:
        session = make_session(large_session_data(weeks=1))
        first = SessionModel(session).solve(workers=1, seed=5, time_limit=30)
        second = SessionModel(session).solve(workers=1, seed=5, time_limit=30)
        assert first.status is SolveStatus.OPTIMAL
        assert first.timetable == second.timetable

    def test_progress_is_reported_per_solution(self) -> None:
        seen: list[SolveProgress] = []
        session = make_session(tiny())
        result = SessionModel(session).solve(workers=1, seed=0, on_solution=seen.append)
        assert len(seen) == result.solutions >= 1
        assert [p.solutions for p in seen] == list(range(1, len(seen) + 1))
        assert seen[-1].objective == result.objective
        assert all(p.elapsed >= 0 and p.best_bound <= p.objective for p in seen)

    def test_the_first_timetable_time_is_recorded(self) -> None:
        _, result = solve_data(tiny())
        assert result.first_solution_time is not None
        assert 0 <= result.first_solution_time <= result.wall_time

    def test_no_first_timetable_time_without_a_timetable(self) -> None:
        _, result = solve_data(tiny(interpretation={"budget": 1}))
        assert result.first_solution_time is None

    def test_a_gap_limit_stops_the_search_and_is_not_optimal(self) -> None:
        """A gap of 100 % is reached by any timetable once the bound is at least 0: the
        status then says "feasible" unless the gap is closed, and why the search stopped."""
        session = make_session(large_session_data(weeks=1))
        result = SessionModel(session).solve(workers=1, seed=0, time_limit=30, gap=1.0)
        assert result.gap_limit == 1.0 and result.gap is not None and result.gap <= 1.0
        if result.status is SolveStatus.FEASIBLE:
            assert result.stopped_at_gap and result.reproducible == "stopped at the gap limit"
        else:
            assert result.status is SolveStatus.OPTIMAL and result.gap == 0

    def test_a_stop_at_the_gap_limit_reads_as_such(self) -> None:
        found = SolveResult(
            SolveStatus.FEASIBLE, Timetable(), objective=100, best_bound=95, gap_limit=0.05
        )
        assert found.stopped_at_gap and found.reproducible == "stopped at the gap limit"
        wider = dataclasses.replace(found, best_bound=90)
        assert not wider.stopped_at_gap and wider.reproducible == "stopped by the time limit"
        assert not dataclasses.replace(found, gap_limit=None).stopped_at_gap

    def test_log_goes_to_the_file(self, tmp_path: Path) -> None:
        log = tmp_path / "solver.log"
        solve(make_session(tiny()), workers=1, seed=0, log_path=log)
        text = log.read_text(encoding="utf-8")
        assert "CP-SAT solver" in text
        assert "CpSolverResponse summary" in text

    def test_hint_is_a_complete_assignment_of_the_parts(self, cop9: Session) -> None:
        model = SessionModel(cop9)
        published = published_timetable(cop9)
        extra = dataclasses.replace(published.assignments[0], activity="gone")  # ignored
        hint = Timetable.of([*published.assignments, extra])
        result = model.solve(workers=1, seed=0, hint=hint)
        hinted = model.model.proto.solution_hint
        part_indices = {v.index for v in model.variables.part.values()}
        assert part_indices <= set(hinted.vars)
        assert result.status is SolveStatus.OPTIMAL and result.objective == 65

    def test_solve_accepts_dropped_instances(self) -> None:
        data = tiny()
        item(data, "wg-1")["latest_end"] = "2030-03-04T12:00"
        session = make_session(data)
        assert solve(session, workers=1, seed=0).status is SolveStatus.INFEASIBLE
        relaxed = solve(session, workers=1, seed=0, dropped=[("deadline", "wg-1")])
        assert relaxed.status is SolveStatus.OPTIMAL


def test_an_optimum_keeps_no_idle_minute_that_no_rule_asks_for():
    """COP20's closings share Friday morning, the second marked last (so it may wait on the
    clock): the optimum costs the same with a gap between them, yet the timetable has none."""
    from scheduler import load_session

    path = Path(__file__).resolve().parents[2] / "instances" / "real" / "unfccc-cop20-2014.yaml"
    result = SessionModel(load_session(path)).solve(workers=1, seed=0)
    assert result.status is SolveStatus.OPTIMAL and result.timetable is not None
    parts = {a.activity: a for a in result.timetable}
    assert parts["cmp-closing"].start == parts["cop-closing"].end
