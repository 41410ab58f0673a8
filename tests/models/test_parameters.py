"""Which CP-SAT parameters a solve gets, by its structure (`models.parameters`)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from models import parameters
from models.parameters import Structure, configure


def _params(workers: int, placements: int = 0, reproducible: bool = False, bounded: bool = False):
    solver = cp_model.CpSolver()
    configure(solver.parameters, Structure(workers, placements, reproducible, bounded))
    return solver.parameters


def test_one_worker_with_a_bound_from_elsewhere_runs_no_full_lp_worker() -> None:
    """The counting relaxation gave the bound: the one thread goes to timetables and LNS."""
    large = parameters.ONE_WORKER_PORTFOLIO_FROM
    bounded = _params(1, large, bounded=True)
    assert list(bounded.subsolvers) == list(parameters.ONE_WORKER_BOUNDED_PORTFOLIO)
    assert "full_lp" not in bounded.subsolvers and bounded.interleave_search
    assert "full_lp" in _params(1, large).subsolvers


def test_several_workers_with_a_bound_from_elsewhere_run_the_lns_alone() -> None:
    """The counting relaxation gave the bound: no thread goes to a full-LP search."""
    large = parameters.ONE_WORKER_PORTFOLIO_FROM
    for workers in (2, 3):
        bounded = _params(workers, large, bounded=True)
        assert bounded.use_lns_only and not bounded.subsolvers
        assert bounded.max_presolve_iterations == parameters.BOUNDED_LNS_PRESOLVE_ITERATIONS
        unbounded = _params(workers, large)
        assert not unbounded.use_lns_only
        assert list(unbounded.subsolvers) == list(parameters.SMALL_PORTFOLIO)
    seeded = _params(2, large, reproducible=True, bounded=True)  # reproducible: interleaved
    assert not seeded.use_lns_only and list(seeded.subsolvers) == list(
        parameters.INTERLEAVED_PORTFOLIO
    )
    assert not _params(4, large, bounded=True).use_lns_only  # CP-SAT's own portfolio
    default = cp_model.CpSolver().parameters.max_presolve_iterations
    assert _params(1, large, bounded=True).max_presolve_iterations == default


def test_every_solve_puts_the_defining_clauses_into_the_lp() -> None:
    for workers, placements in ((1, 100), (1, 50_000), (2, 100), (8, 100)):
        assert _params(workers, placements).linearization_level == parameters.LINEARIZATION_LEVEL


def test_two_or_three_workers_run_the_small_portfolio() -> None:
    for workers in (2, 3):
        assert list(_params(workers, 1_000).subsolvers) == list(parameters.SMALL_PORTFOLIO)
    assert not _params(4, 1_000).subsolvers  # CP-SAT's own portfolio has a full-LP worker


def test_a_seed_given_interleaves_several_workers_and_leaves_one_alone() -> None:
    assert _params(2, 1_000, reproducible=True).interleave_search
    for workers in (2, 3):  # a few full-problem workers, so that the LNS gets its turn
        seeded = _params(workers, 1_000, reproducible=True)
        assert list(seeded.subsolvers) == list(parameters.INTERLEAVED_PORTFOLIO)
    assert not _params(4, 1_000, reproducible=True).subsolvers  # CP-SAT's own, measured on 2
    assert not _params(2, 1_000).interleave_search
    assert not _params(1, 1_000, reproducible=True).interleave_search


def test_one_worker_interleaves_a_full_lp_worker_from_the_threshold_up() -> None:
    large = _params(1, parameters.ONE_WORKER_PORTFOLIO_FROM)
    assert large.interleave_search
    assert list(large.subsolvers) == list(parameters.ONE_WORKER_PORTFOLIO)
    small = _params(1, parameters.ONE_WORKER_PORTFOLIO_FROM - 1)
    assert not small.interleave_search and not small.subsolvers


def test_all_cores_count_as_the_machine_s_workers() -> None:
    assert Structure(0).threads >= 1
    assert _params(0).num_workers == 0


def test_the_single_search_presolves_once_and_the_others_as_cp_sat_does() -> None:
    once = parameters.SINGLE_SEARCH_PRESOLVE_ITERATIONS
    assert _params(1, parameters.ONE_WORKER_PORTFOLIO_FROM - 1).max_presolve_iterations == once
    default = cp_model.CpSolver().parameters.max_presolve_iterations
    assert _params(1, parameters.ONE_WORKER_PORTFOLIO_FROM).max_presolve_iterations == default
    small = parameters.SMALL_PORTFOLIO_ONE_PRESOLVE_BELOW
    assert _params(2, small - 1).max_presolve_iterations == once
    assert _params(2, small).max_presolve_iterations == default


def test_the_lns_sharing_its_thread_leaves_the_scheduling_neighbourhoods_out() -> None:
    """One worker (its LNS interleaved with the other work) from the threshold up, and the
    LNS-only search; not where the LNS has a thread of its own."""
    large = parameters.SLOW_NEIGHBOURHOODS_FROM
    slow = list(parameters.SLOW_NEIGHBOURHOODS)
    for bounded in (False, True):
        assert list(_params(1, large, bounded=bounded).ignore_subsolvers) == slow
    assert list(_params(1, large, reproducible=True).ignore_subsolvers) == slow
    assert not _params(1, large - 1).ignore_subsolvers  # small: CP-SAT's own
    for workers in (2, 3):
        assert list(_params(workers, large, bounded=True).ignore_subsolvers) == slow
        assert not _params(workers, large).ignore_subsolvers  # the LNS has its thread
        assert not _params(workers, large, reproducible=True).ignore_subsolvers
    assert not _params(4, large).ignore_subsolvers


def test_only_the_smallest_models_skip_presolve() -> None:
    """Below `NO_PRESOLVE_BELOW` placements CP-SAT searches the model as built; at it and
    above, and where the size was not given, it presolves."""
    small = parameters.NO_PRESOLVE_BELOW - 1
    for workers in (1, 2, 8):
        assert not _params(workers, small).cp_model_presolve
        assert _params(workers, parameters.NO_PRESOLVE_BELOW).cp_model_presolve
        assert _params(workers, 0).cp_model_presolve  # 0: not told its size
