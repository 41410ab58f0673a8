"""A CP-SAT search that runs to its wall-clock time limit, not before it.

CP-SAT ends a search before its `max_time_in_seconds` whenever its clock is read far apart:
its time limit (`TimeLimit::LimitReached`, OR-Tools' `ortools/util/time_limit.h`) stops as soon
as *now plus the longest of the recent gaps between two readings* reaches the limit, so that
the next reading cannot come too late. The gaps can be long: in an interleaved search
(`interleave_search`: a seed given with several workers, or one worker from
`models.parameters.ONE_WORKER_PORTFOLIO_FROM` placements up) the shared limit is read between
batches of tasks, and the first batch loads the model in every full-problem worker. On climate
15 days x 60 rooms (2 workers, seed 0, 60 s, load 5-6) that batch took 23-28 s, so the search
stopped at 44 s, status FEASIBLE, barely past the first fit (2,817 -> 2,800) and without one
LNS call. A slow solution callback does the same to any search (a tiny model, a 4 s limit, a
listener taking 2.5 s on the first solution: stopped at 2.5 s, optimum found, not proven).

So the wall-clock limit is kept here: CP-SAT is given `CP_SAT_SHARE` times the limit, which
its forecast cannot reach first (a gap is never longer than the time elapsed, so it stops at
now + gap >= 2 L only once now >= L), and a timer thread
stops the search (`CpSolver.stop_search`) at the limit itself. The solver's parameters keep
the limit given (the search log shows CP-SAT's own, the longer one).
"""

from __future__ import annotations

import threading

from ortools.sat.python import cp_model

#: CP-SAT's own limit: this multiple of the limit given. No margin in seconds on top: a tiny
#: limit stays tiny (a sweep's 0.001 s, given 1.002 s, let COP9 be solved to its optimum
#: when the timer's stop came before CP-SAT's search had started).
CP_SAT_SHARE = 2.0

#: A stop asked before CP-SAT has started its search is lost; it is asked again this often
#: until the search returns.
STOP_AGAIN = 0.01


def solve_to_the_limit(
    solver: cp_model.CpSolver,
    model: cp_model.CpModel,
    callback: cp_model.CpSolverSolutionCallback | None = None,
) -> object:
    """`solver.solve(model, callback)`, stopped at the solver's `max_time_in_seconds` of wall
    time by a timer instead of by CP-SAT's forecast (see the module docstring). A solve with
    no finite limit is solved as it is. The CP-SAT status."""
    params = solver.parameters
    limit = params.max_time_in_seconds
    if not CP_SAT_SHARE * limit < threading.TIMEOUT_MAX:  # no limit (inf)
        return solver.solve(model, callback)
    returned = threading.Event()

    def stop_at_the_limit() -> None:
        if returned.wait(limit):
            return
        while True:
            solver.stop_search()
            if returned.wait(STOP_AGAIN):
                return

    stopper = threading.Thread(target=stop_at_the_limit, name="stop-at-time-limit", daemon=True)
    params.max_time_in_seconds = CP_SAT_SHARE * limit
    try:
        stopper.start()
        return solver.solve(model, callback)
    finally:
        returned.set()
        stopper.join()
        params.max_time_in_seconds = limit
