"""The redundant constraints of `models.bounds`: they never change an optimum, they raise the
bound CP-SAT proves at the root.

Each cut is checked two ways, both on deterministic limits (one worker, fixed seed): the
optimum with it equals the optimum without it (COP9, small generated sessions), and the bound
after presolve and the root LP (`max_number_of_conflicts = 0`: no search yet) is higher with
it. The generator's witnesses, which keep every hard rule, must satisfy every cut.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import pytest
from ortools.sat.python import cp_model

from models import SessionModel
from models.bounds import BOUNDS, Gap, capacity_groups, fewest_meetings, forced_gaps, packing_floor
from models.context import Module
from models.model import _solver as model_solver
from models.model import hard_modules, session_modules
from models.objective import PREFERENCE_TERMS
from models.parameters import ONE_WORKER_PORTFOLIO, ONE_WORKER_PORTFOLIO_FROM
from models.replan import replan_model
from scheduler.bundled import bundled_session_path
from scheduler.generate import generate_session
from scheduler.io.session_file import load_session
from scheduler.published import published_timetable
from scheduler.session import Session
from tests.conftest import make_session
from tests.models.support import item, tiny

#: Small generated sessions: a climate one (evenings, teams, a scoped parallel cap), a
#: commission one (many items shared in meetings) and a treaty COP.
SMALL = {
    "climate": {"profile": "climate", "days": 4, "rooms": 10, "bodies": 10, "items": 16},
    "commission": {"profile": "commission", "days": 4, "rooms": 4, "bodies": 4, "items": 30},
    "treaty-cop": {"profile": "treaty-cop", "seed": 3},
}

WITHOUT_BOUNDS: dict[str, Module] = {**hard_modules(), **PREFERENCE_TERMS}


@cache
def _generated(name: str) -> Session:
    return make_session(generate_session(**SMALL[name]).data)


def _evenings_needed() -> Session:
    """The tiny session with an evening period and one team: its five interpreted meetings
    (three plenary, two of the working group) need one of the two evenings."""
    data = tiny()
    data["session"]["evening_meetings"] = True
    data["session"]["periods"].append(
        {"id": "EV", "start": "18:30", "end": "21:00", "evening": True}
    )
    data["interpretation"] = {"budget": 8, "teams": 1}
    item(data, "wg-1")["meetings"] = 2
    return make_session(data)


def _apart() -> Session:
    """The tiny session on four days with its report fixed on the last afternoon: the plenary
    meets on the first morning (the opening) and the last afternoon, and either meets in
    every slot between or has a second run."""
    data = tiny()
    data["session"]["days"] = ["2030-03-04", "2030-03-05", "2030-03-06", "2030-03-07"]
    item(data, "4")["fixed_start"] = "2030-03-07T15:00"
    return make_session(data)


def _session(name: str) -> Session:
    if name == "cop9":
        return load_session(bundled_session_path())
    if name == "apart":
        return _apart()
    return _evenings_needed() if name == "evenings-needed" else _generated(name)


def _solver(**limits: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.num_workers = 1
    params.random_seed = 0
    params.linearization_level = 2
    for name, value in limits.items():
        setattr(params, name, value)
    return solver


def _solve(session: Session, modules: Mapping[str, Module], **limits: float) -> tuple[str, float]:
    """(status, bound) of a solve with deterministic limits."""
    model = SessionModel(session, modules)
    solver = _solver(**limits)
    status = solver.status_name(model.solve_with(solver))
    return status, solver.best_objective_bound


def _optimum(session: Session, modules: Mapping[str, Module]) -> float:
    model = SessionModel(session, modules)
    solver = _solver(max_deterministic_time=20.0)
    assert model.solve_with(solver) == cp_model.OPTIMAL
    return solver.objective_value


def _root_bound(session: Session, modules: Mapping[str, Module]) -> float:
    """CP-SAT's bound after presolve and the root LP, before any conflict of the search."""
    return _solve(session, modules, max_number_of_conflicts=0)[1]


def _only(*names: str) -> dict[str, Module]:
    return {**WITHOUT_BOUNDS, **{n: BOUNDS[n] for n in names}}


# --- what the cuts count ---------------------------------------------------------------------


def test_fewest_meetings_rounds_up_the_minutes_of_the_shared_meetings() -> None:
    items = [{"id": str(k), "title": f"Item {k}", "minutes": 100} for k in (1, 2, 3)]
    session = make_session(tiny(items=items, meetings=[]))
    model = SessionModel(session)
    longest = max(s.minutes for s in session.usable_slots)
    assert fewest_meetings(model.context, "plenary") == -(-300 // longest)


def test_a_share_false_item_and_a_whole_meeting_count_meetings_of_their_own() -> None:
    items = [
        {"id": "1", "title": "Opening", "minutes": 30},
        {"id": "2", "title": "Debate", "minutes": 30, "share": False},
        {"id": "3", "title": "Closing", "minutes": 30},
    ]
    session = make_session(tiny(items=items, meetings=[]))
    # The two shared items fit in one meeting; the debate needs a meeting of its own.
    assert fewest_meetings(SessionModel(session).context, "plenary") == 2
    guarded = SessionModel(session, guarded=True)  # a guard may lift no-sharing: all shared
    assert fewest_meetings(guarded.context, "plenary") == 1


def test_items_that_cannot_run_on_pack_into_more_meetings_than_their_minutes_need() -> None:
    assert packing_floor([100, 100, 100], 0, 180) == 3  # 300 minutes, but no two share
    assert packing_floor([60, 60, 60], 0, 180) == 1
    assert packing_floor([100, 100], 170, 180) == 3  # 10 split minutes left over the two
    assert packing_floor([120, 50, 50], 0, 180) == 2  # 120 + 50, then 50
    assert packing_floor([], 400, 180) == 3
    items = [
        {"id": str(k), "title": f"Item {k}", "minutes": 100, "run_on": False} for k in (1, 2, 3)
    ]
    session = make_session(tiny(items=items, meetings=[]))
    assert fewest_meetings(SessionModel(session).context, "plenary") == 3
    guarded = SessionModel(session, guarded=True)  # a guard may lift no-running-on: 300 minutes
    assert fewest_meetings(guarded.context, "plenary") == 2


def test_the_gaps_lie_between_activities_that_must_meet_apart() -> None:
    model = SessionModel(_apart())
    # The opening (first morning, position 0) and the report (last afternoon, 7).
    assert forced_gaps(model.context, "plenary") == [Gap([1, 2, 3, 4, 5, 6], "1", "4")]
    assert forced_gaps(model.context, "wg") == []


def test_capacity_groups_are_the_bodies_the_teams_and_the_scoped_cap() -> None:
    session = _generated("climate")
    model = SessionModel(session)
    groups = capacity_groups(model.context)
    teams = session.interpretation.teams
    interpreted = [h.id for h in session.hosts if h.interpreted]
    assert (interpreted, teams) in groups
    assert all(n == 1 for hosts, n in groups[: len(session.bodies)])
    assert (
        capacity_groups(SessionModel(session, guarded=True).context)
        == groups[: len(session.bodies)]
    )


def test_no_cut_when_the_preferences_it_serves_are_off() -> None:
    """Preferences off (a feasibility question, as explanations ask): the model is the one
    without bounds."""
    zero = dict.fromkeys(
        ("meeting", "interpreted_meeting", "evening_meeting", "session_end", "compact_body"), 0
    )
    session = make_session({**generate_session(**SMALL["climate"]).data, "preferences": zero})
    with_bounds = SessionModel(session).model.proto
    without = SessionModel(session, WITHOUT_BOUNDS).model.proto
    assert len(with_bounds.constraints) == len(without.constraints)
    assert list(session_modules())[-len(BOUNDS) :] == list(BOUNDS)


# --- sound: witnesses keep them, optima do not move -----------------------------------------


@pytest.mark.parametrize("name", list(SMALL))
def test_the_generator_s_witness_keeps_every_cut(name: str) -> None:
    generated = generate_session(**SMALL[name])
    session = make_session(generated.data)
    model = SessionModel(session)
    used = {(r.activity, session.slot(r.date, r.period).index) for r in generated.witness}
    for key, part in model.variables.part.items():
        model.model.add(part == int(key in used))
    assert model.solve_with(_solver(max_deterministic_time=20.0)) in (
        cp_model.OPTIMAL,
        cp_model.FEASIBLE,
    )


@pytest.mark.parametrize("name", ["cop9", "evenings-needed", "apart", *SMALL])
def test_the_cuts_leave_the_optimum_where_it_was(
    name: str,
) -> None:
    session = _session(name)
    with_all = _optimum(session, session_modules())
    assert _optimum(session, WITHOUT_BOUNDS) == with_all
    for cut in BOUNDS:
        assert _optimum(session, _only(cut)) == with_all


# --- useful: the root bound goes up ---------------------------------------------------------


def test_meeting_counts_raise_the_root_bound() -> None:
    session = _generated("climate")
    assert _root_bound(session, _only("bound:meeting-counts")) > _root_bound(
        session, WITHOUT_BOUNDS
    )


def test_evening_counts_raise_the_root_bound() -> None:
    session = _evenings_needed()
    base = _only("bound:meeting-counts")
    assert _root_bound(
        session, _only("bound:meeting-counts", "bound:evening-counts")
    ) > _root_bound(session, base)


def test_compact_runs_raise_the_root_bound() -> None:
    """On the commission session (whole objective), and on the session with its plenary's
    meetings apart with `compact-bodies` minimised alone (0 without the cut: the LP spreads
    the plenary over the slots between)."""
    session = _generated("commission")
    base = _only("bound:meeting-counts", "bound:evening-counts")
    with_runs = _only("bound:meeting-counts", "bound:evening-counts", "bound:compact-runs")
    assert _root_bound(session, with_runs) > _root_bound(session, base)
    bounds = []
    for modules in (base, with_runs):
        model = SessionModel(_apart(), modules)
        model.minimize(model.penalty_terms["compact-bodies"])
        solver = _solver(max_number_of_conflicts=0)
        model.solve_with(solver)
        bounds.append(solver.best_objective_bound)
    assert bounds == [0, _apart().preferences.compact_body]


def test_the_replan_model_keeps_the_bounds() -> None:
    session = load_session(bundled_session_path())
    model = replan_model(session, published_timetable(session))
    assert list(model.modules)[-len(BOUNDS) :] == list(BOUNDS)


# --- one worker: the LP-heavy portfolio from ONE_WORKER_PORTFOLIO_FROM placements up ----------


def test_one_worker_on_a_large_session_interleaves_a_full_lp_worker() -> None:
    large = model_solver(60, 1, 0, placements=ONE_WORKER_PORTFOLIO_FROM).parameters
    assert large.interleave_search
    assert list(large.subsolvers) == list(ONE_WORKER_PORTFOLIO)
    assert len(large.subsolver_params) == 1
    text = str(large)  # the binding reads a repeated message's elements only as text
    full_lp = text[text.index("subsolver_params {") :]
    assert 'name: "full_lp"' in full_lp and "add_lp_constraints_lazily: false" in full_lp
    assert "linearization_level: 2" in full_lp
    small = model_solver(60, 1, 0, placements=ONE_WORKER_PORTFOLIO_FROM - 1).parameters
    assert not small.interleave_search and not small.subsolvers
    two = model_solver(60, 2, 0, placements=ONE_WORKER_PORTFOLIO_FROM).parameters
    assert len(two.subsolver_params) == 0


def test_the_one_worker_portfolio_is_reproducible() -> None:
    """Interleaved in one thread, the search is deterministic: two runs on a deterministic
    limit end at the same timetable cost and bound."""
    session = _generated("commission")
    answers = set()
    for _ in range(2):
        model = SessionModel(session)
        solver = model_solver(60, 1, 0, placements=ONE_WORKER_PORTFOLIO_FROM)
        solver.parameters.max_deterministic_time = 0.05
        model.solve_with(solver)
        answers.add((solver.objective_value, solver.best_objective_bound))
    assert len(answers) == 1
