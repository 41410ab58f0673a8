"""Which CP-SAT parameters a solve uses, chosen by the model's structure, and why.

The choice depends only on what a solve is given (workers, whether a seed was given) and on the
size of the placement problem (activities x usable slots), never on one session's content, so
that a planner's session gets the settings measured on sessions of its size. Each setting
carries the measurement that justifies it; the measurements are in `models/FORMULATION.md`
("Solver settings").

`configure(params, Structure(...))` sets them on a solver's parameters; the stopping criteria
(time limit, relative gap) and the seed are the caller's (`models.model._solver`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ortools.sat.python import cp_model_helper

#: Put the clauses linking parts, meetings and spans into the LP relaxation too: on the
#: one-week synthetic session it proves the optimum 10x faster (see FORMULATION.md).
LINEARIZATION_LEVEL = 2

#: With 2-3 workers CP-SAT's portfolio has no full-LP worker (its `default_lp` keeps the
#: lighter LP) and the bound stalls far below zero; `max_lp` closes it (see FORMULATION.md).
#: With 2 workers CP-SAT starts only the first of these ("1 full problem subsolver: [max_lp]"
#: in the log, the other thread runs the LNS); `no_lp` runs with 3.
SMALL_PORTFOLIO = ("max_lp", "no_lp")

#: One worker, from `ONE_WORKER_PORTFOLIO_FROM` placements (activities x usable slots) up:
#: CP-SAT's single search adds the rows of its LP lazily (when a relaxed solution breaks
#: them) and its bound trails; instead the one thread interleaves (`interleave_search`, still
#: reproducible) `full_lp`, a worker whose LP holds every row from the start (`FULL_LP`), a
#: quick-restart search without LP for timetables, and CP-SAT's LNS. At a deterministic time
#: of 10 (1 worker, seed 0): climate 10 days x 30 rooms gap 53 % -> 47 % (bound 305 -> 389),
#: commission 40x 60 % -> 18 %; on cop-20x (4,136 placements) the single search proves the
#: optimum at 16 where the portfolio stays at 167 / 141 at 30, hence the threshold.
ONE_WORKER_PORTFOLIO = ("full_lp", "quick_restart_no_lp")
ONE_WORKER_PORTFOLIO_FROM = 5_000

#: One worker, the bound given by the counting relaxation (`models.count_bound`): no
#: full-LP worker, whose first task on the largest sessions took most of the minute, no LNS
#: running meanwhile. Climate 15 days x 60 rooms, 60 s, quiet cores: 2,817 / 1,351 (the
#: first fit's timetable, gap 52 %) with `ONE_WORKER_PORTFOLIO`; 2,137 / 1,367 (36 %) with
#: this one (`no_lp` alone, or with `default_lp`, 2,159-2,163 run side by side).
ONE_WORKER_BOUNDED_PORTFOLIO = ("quick_restart_no_lp",)
FULL_LP = {"linearization_level": 2, "add_lp_constraints_lazily": False}

#: 2-3 workers, the bound given by the counting relaxation: every thread runs CP-SAT's LNS
#: (`use_lns_only`) from the first fit's timetable, and no full-problem worker. The `max_lp`
#: worker of `SMALL_PORTFOLIO` took one of the two threads for a bound that never passed the
#: relaxation's (climate 15 days x 60 rooms: 1,302 from 11 s on, the relaxation's own), and the
#: LNS had the other. 60 s, 2 workers, quiet cores, one run each, objective (bound 1,302):
#: `SMALL_PORTFOLIO` 2,081 and 2,043; LNS only 1,871, 1,825 and 1,970; LNS only without
#: `SLOW_NEIGHBOURHOODS` 1,820 and 1,798 (FORMULATION.md, "Solver settings").
BOUNDED_LNS_ONLY = True

#: The LNS-only search (`BOUNDED_LNS_ONLY`): one presolve pass. Its second and third passes
#: probed 1.0-1.1 s each and fixed 137 and 12 Booleans (the first: 12,140), adding some
#: 570,000 binary clauses each; the search began at 4.3 s instead of 9.3 s. Climate 15 days x
#: 60 rooms, 60 s, 2 workers: 1,741 and 1,725 against 1,852 run between them (bound 1,302).
#: With one worker one pass was worse (2,048 twice against 1,955): it keeps CP-SAT's three.
BOUNDED_LNS_PRESOLVE_ITERATIONS = 1

#: CP-SAT's four scheduling neighbourhoods, left out where the LNS shares its thread: one
#: worker from `SLOW_NEIGHBOURHOODS_FROM` placements up, and the LNS-only search. On climate
#: 15 days x 60 rooms each call took 0.7-1.3 s of wall time for its 0.1 of deterministic time
#: (the others 0.12-0.18 s), 28 calls of 330 in 60 s, 6 improving; on climate two weeks with
#: one worker they took 28 s of the minute's one thread. 60 s, quiet cores, objective with
#: them -> without: climate 15x60, 1 worker, 2,246 (2,178 and 2,221 in earlier runs) -> 1,955,
#: 1,957; climate two weeks, 1 worker, 1,021, 1,018 -> 995, 989; commission 40x, 1 worker,
#: 261 in all four runs; commission 85x, 1 worker, proven optimal in 28.3, 29.4 s -> 30.5,
#: 30.9 s. Where the LNS has a thread of its own (`SMALL_PORTFOLIO`) nothing showed: climate
#: two weeks, 2 workers, 943, 988 with them, 972, 950 without; so there they stay, as in the
#: seeded portfolio (FORMULATION.md).
SLOW_NEIGHBOURHOODS = (
    "scheduling_intervals_lns",
    "scheduling_precedences_lns",
    "scheduling_resource_windows_lns",
    "scheduling_time_window_lns",
)
SLOW_NEIGHBOURHOODS_FROM = ONE_WORKER_PORTFOLIO_FROM

#: One worker below `ONE_WORKER_PORTFOLIO_FROM`: one presolve pass instead of CP-SAT's three.
#: Each pass probes again, and the later passes fix almost nothing (neutral 80 items x 40
#: periods x 8 rooms: 1,474 Booleans fixed by the first probing, 70 and 0 by the next two, 1.3 s
#: of the 1.8 s presolve). Deterministic time to the first timetable, 1 worker, seed 0, no
#: first fit: neutral 80x40x8 0.74 -> 0.20; cop-20x 0.28 -> 0.14, objective / bound at 20 s
#: 350 / 133 -> 325 / 145 (load 11). Measured in FORMULATION.md, "Solver settings".
SINGLE_SEARCH_PRESOLVE_ITERATIONS = 1

#: 2-3 workers below this many placements: one presolve pass too. There the presolve is most
#: of the time to the first timetable and its later passes fix nothing (neutral 40x20x8: three
#: probings fixed 51, 0, 0 Booleans); neutral 40x20x8 and 16x8x4, 2 workers, fresh processes,
#: load 5-6: first timetable ratio to the plain baseline 1.12 -> 0.78 and 1.55 -> 1.16 (median
#: of 7), proven 0.4-1.1 s -> 0.35-0.76 s; cop-2x proven 0.27 -> 0.22-0.26 s, cop-5x 0.93-1.28
#: -> 0.81-1.08 s. Larger sessions keep CP-SAT's three passes (one run of cop-20x with one
#: pass was not proven in 90 s, with three it was in 69 s).
SMALL_PORTFOLIO_ONE_PRESOLVE_BELOW = 2_000

#: Below this many placements, no presolve at all (1 or more workers): the model is so small
#: that presolve costs more than it removes (a solve not told its size keeps it). Median of
#: 5-15 solves in one process, ms to the first timetable / to the proof, CP-SAT's presolve ->
#: none: neutral 16x8x4 (128 placements) 1 worker 8.7 / 13.8 -> 6.6 / 7.0, 2 workers
#: 10.1 / 23.4 -> 6.9 / 17.4; COP9 (240) 1 worker 17.4 / 17.9 -> 15.5 / 16.4, 2 workers
#: 19.4 / 21.3 -> 17.3 / 20.9. Above, it pays: neutral 24x12x4 (288), 2 workers 17.1 / 45.5
#: -> 23.4 / 83.2; cop-2x (468) 1 worker proven in 84.5 -> 130.4, neutral 40x20x8 (800) 90 ->
#: 305 (FORMULATION.md, "Solver settings").
NO_PRESOLVE_BELOW = 256

#: A seed given (`--seed`) makes a search with several workers reproducible: CP-SAT then
#: interleaves its strategies in batches of deterministic size (`interleave_search`), the
#: same from run to run whatever the number of workers. On cop-5x with 2 workers, three
#: default runs gave two different optimal timetables; three interleaved runs the same one,
#: 3x slower (0.7-1.1 s against 2.4-3.7 s). What stays non-reproducible: a search the time
#: limit stops (wall-clock time ends it at a different point), and the default search with
#: several workers and no seed given (one worker is reproducible always).
INTERLEAVE_WHEN_SEEDED = True

#: Interleaved (a seed given) with 2-3 workers, the full-problem workers are these alone, not
#: CP-SAT's list of 9-10: its first batches load the model in each of them (2-20 s a load on
#: the large sessions, the LNS waiting), and climate 15 days x 60 rooms never got past the
#: first fit's timetable (2,800 at deterministic time 12 and 30). Deterministic time 12,
#: 2 workers, seeds 0-2, gap (objective / bound), CP-SAT's list -> these: commission 40x
#: 36.0 / 29.3 / 29.2 % -> 24.6 / 21.3 / 20.7 % (361-329 -> 301-290), climate 15x60 56.1 /
#: 56.2 / 56.0 % -> 54.4 / 53.2 / 52.1 % (2,800 -> 2,730-2,550); cop-5x proven optimal at
#: 1.44 -> 0.70. `max_lp` and `no_lp` alone gave better timetables but the climate bound
#: stayed at 500-617 in two seeds of three (gap 74 %): `max_lp_sym` keeps it (FORMULATION.md).
INTERLEAVED_PORTFOLIO = ("max_lp", "no_lp", "max_lp_sym")


@dataclass(frozen=True)
class Structure:
    """What the parameters are chosen by: the solve's workers and the model's size."""

    workers: int  # 0: all the machine's cores (CP-SAT's own default)
    placements: int = 0  # activities x usable slots
    reproducible: bool = False  # a seed was given
    bounded: bool = False  # the bound comes from elsewhere (the counting relaxation)

    @property
    def threads(self) -> int:
        """The workers the search really runs."""
        return self.workers or os.cpu_count() or 1


def configure(params: cp_model_helper.SatParameters, structure: Structure) -> None:
    """Set the parameters chosen for `structure` on a solver's `params` (its workers too)."""
    params.num_workers = structure.workers
    params.linearization_level = LINEARIZATION_LEVEL
    threads = structure.threads
    if 0 < structure.placements < NO_PRESOLVE_BELOW:  # 0: the size was not given
        params.cp_model_presolve = False
    if threads == 1 and structure.placements >= SLOW_NEIGHBOURHOODS_FROM:
        params.ignore_subsolvers.extend(SLOW_NEIGHBOURHOODS)
    if structure.reproducible and threads > 1 and INTERLEAVE_WHEN_SEEDED:
        params.interleave_search = True
        if threads <= 3:
            params.subsolvers.extend(INTERLEAVED_PORTFOLIO)
    elif 2 <= threads <= 3 and structure.bounded and BOUNDED_LNS_ONLY:
        params.use_lns_only = True
        params.ignore_subsolvers.extend(SLOW_NEIGHBOURHOODS)
        params.max_presolve_iterations = BOUNDED_LNS_PRESOLVE_ITERATIONS
    elif 2 <= threads <= 3:
        params.subsolvers.extend(SMALL_PORTFOLIO)
        if structure.placements < SMALL_PORTFOLIO_ONE_PRESOLVE_BELOW:
            params.max_presolve_iterations = SINGLE_SEARCH_PRESOLVE_ITERATIONS
    elif threads == 1 and structure.placements < ONE_WORKER_PORTFOLIO_FROM:
        params.max_presolve_iterations = SINGLE_SEARCH_PRESOLVE_ITERATIONS
    elif threads == 1 and structure.bounded:
        params.subsolvers.extend(ONE_WORKER_BOUNDED_PORTFOLIO)
        params.interleave_search = True
    elif threads == 1:
        full_lp = cp_model_helper.SatParameters()
        full_lp.name = "full_lp"
        for name, value in FULL_LP.items():
            setattr(full_lp, name, value)
        params.subsolver_params.append(full_lp)
        params.subsolvers.extend(ONE_WORKER_PORTFOLIO)
        params.interleave_search = True
