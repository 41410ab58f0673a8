"""Formulation and parameter variants of the model, measured against each other.

    python benchmarks/experiments.py --cases climate,cop-20x --variants baseline,lin2 --workers 1

Each variant starts from `models.SessionModel` as built and changes it from outside (solver
parameters, an extra redundant constraint, a rewritten objective), so a variant that wins
can be moved into `models/` as measured. It reaches into the model's variables, so it follows
their names; a variant that no longer applies fails loudly. One process per run, like run.py.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ortools.sat.python import cp_model  # noqa: E402

from benchmarks.suite import CASE_NAMES, case  # noqa: E402

Variant = Callable[[Any, cp_model.CpSolver], None]  # (SessionModel, solver) -> None


def _baseline(model: Any, solver: cp_model.CpSolver) -> None:
    """The model as built, with the solver parameters `models` sets."""


def _defaults(model: Any, solver: cp_model.CpSolver) -> None:
    """CP-SAT's default parameters instead of the ones `models` sets."""
    solver.parameters.linearization_level = 1
    del solver.parameters.subsolvers[:]


def _lin2(model: Any, solver: cp_model.CpSolver) -> None:
    """Linearization level 2: clauses (such as `parts >= 1`) enter the LP too (models: now)."""
    solver.parameters.linearization_level = 2


def _core(model: Any, solver: cp_model.CpSolver) -> None:
    """Core-based lower bounding for the full-problem worker."""
    solver.parameters.optimize_with_core = True


def _more_workers(model: Any, solver: cp_model.CpSolver) -> None:
    """8 workers time-shared on the cores: a wider portfolio (core, max_lp, quick restarts)."""
    solver.parameters.num_workers = 8


def _no_symmetry(model: Any, solver: cp_model.CpSolver) -> None:
    """Symmetry detection off (presolve time)."""
    solver.parameters.symmetry_level = 0


def _light_probing(model: Any, solver: cp_model.CpSolver) -> None:
    """Less probing in presolve (probing takes most of the presolve time on large sessions)."""
    solver.parameters.cp_model_probing_level = 1


def _interleave(model: Any, solver: cp_model.CpSolver) -> None:
    """Interleaved search: the workers' subsolvers share time, so one worker also runs LNS."""
    solver.parameters.interleave_search = True


def _logged(model: Any, solver: cp_model.CpSolver) -> None:
    """The search log on (as run.py has it), written nowhere: does logging change the search?"""
    solver.parameters.log_search_progress = True
    solver.parameters.log_to_stdout = False
    solver.log_callback = lambda line: None


def _first_fit(model: Any, solver: cp_model.CpSolver) -> None:
    """Branch on parts in time order, trying 'no part' last: first fit, as a planner does."""
    v = model.variables
    order = sorted(v.part, key=lambda key: (key[1], key[0]))
    model.model.add_decision_strategy(
        [v.part[k] for k in order], cp_model.CHOOSE_FIRST, cp_model.SELECT_MAX_VALUE
    )


def _nonnegative_objective(model: Any, solver: cp_model.CpSolver) -> None:
    """Carry-over costs as sums of 'part after an earlier part' literals (>= 0 term by term).

    `parts - 1` and `dates - 1` have a negative constant, and their LP relaxation can go below
    zero; counting continuations instead keeps every term non-negative from the start.
    """
    session, v, m = model.session, model.variables, model.model
    prefs = session.preferences
    kept = [
        t.weight * t.expr
        for name, group in model.penalty_terms.items()
        if name not in ("carry-over", "carry-over-to-next-day")
        for t in group
    ]
    extra = []
    for a in session.activities:
        slots = v.slots[a.id]
        if a.whole_meetings or len(slots) < 2:
            continue
        for k, s in enumerate(slots[1:], start=1):
            cont = m.new_bool_var(f"cont[{a.id},{s.label}]")
            m.add(cont >= v.part[(a.id, s.index)] + v.started[(a.id, slots[k - 1].index)] - 1)
            extra.append(prefs.carry_over * cont)
        dates = sorted({s.date for s in slots})
        for date in dates[1:]:
            on_day = [s for s in slots if s.date == date]
            before = v.part_before(a.id, on_day[0])
            new_day = m.new_bool_var(f"newday[{a.id},{date:%a%d}]")
            for s in on_day:
                m.add(new_day >= v.part[(a.id, s.index)] + before - 1)
            extra.append(prefs.carry_over_to_next_day * new_day)
    m.minimize(sum(kept) + sum(extra))


def _witness(model: Any, solver: cp_model.CpSolver) -> None:
    """Every part fixed as in the generator's witness: must be feasible (a model check).

    The witness keeps every rule by the independent validator; a model that refuses it
    forbids a timetable that docs/RULES.md allows.
    """
    from scheduler.generate import generate_session

    made = (generate_session(**c.generator) for c in _cases() if c.generator)
    witness = next(g.witness for g in made if g.session == model.session)
    used = {(row.activity, model.session.slot(row.date, row.period).index) for row in witness}
    for key, part in model.variables.part.items():
        model.model.add(part == int(key in used))


def _cases() -> tuple[Any, ...]:
    from benchmarks.suite import CASES

    return CASES


VARIANTS: dict[str, Variant] = {
    "baseline": _baseline,
    "defaults": _defaults,
    "lin2": _lin2,
    "core": _core,
    "workers8": _more_workers,
    "no-symmetry": _no_symmetry,
    "light-probing": _light_probing,
    "interleave": _interleave,
    "first-fit": _first_fit,
    "nonneg-objective": _nonnegative_objective,
    "witness": _witness,
    "logged": _logged,
}


def _model_solver(limit: float, workers: int, seed: int) -> cp_model.CpSolver:
    """A solver with the parameters `models` uses (its private helper, when it has one)."""
    import models.model

    make = getattr(models.model, "_solver", None)
    if make is not None:
        solver: cp_model.CpSolver = make(limit, workers, seed)
        return solver
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    return solver


class _Events(cp_model.CpSolverSolutionCallback):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[float, float, float, float]] = []

    def on_solution_callback(self) -> None:
        self.events.append(
            (
                self.wall_time,
                self.deterministic_time,
                self.objective_value,
                self.best_objective_bound,
            )
        )


def run_variant(
    name: str, variants: list[str], workers: int, limit: float, seed: int = 0
) -> dict[str, Any]:
    from models import SessionModel
    from scheduler.io.session_file import load_session

    path = case(name).path if name in CASE_NAMES else Path(name)
    session = load_session(path)
    began = time.perf_counter()
    model = SessionModel(session)
    solver = _model_solver(limit, workers, seed)
    for variant in variants:
        VARIANTS[variant](model, solver)
    build = time.perf_counter() - began
    events = _Events()
    status = solver.solve(model.model, events)
    has = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return {
        "case": name,
        "variant": "+".join(variants),
        "workers": workers,
        "build_s": round(build, 3),
        "status": solver.status_name(status),
        "first_s": round(events.events[0][0], 2) if events.events else None,
        "first_dtime": round(events.events[0][1], 2) if events.events else None,
        "objective": solver.objective_value if has else None,
        "bound": solver.best_objective_bound,
        "wall_s": round(solver.wall_time, 2),
        "dtime": round(solver.deterministic_time, 2),
        "solutions": len(events.events),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--cases", default="climate", help=f"{', '.join(CASE_NAMES)}, or session files"
    )
    parser.add_argument("--variants", default="baseline", help=", ".join(VARIANTS))
    parser.add_argument("--workers", default="1", help="comma-separated worker counts")
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:  # one run: cases, variants (joined by +) and workers are single values
        result = run_variant(
            args.cases, args.variants.split("+"), int(args.workers), args.time_limit
        )
        print(json.dumps(result))
        return 0
    for name in args.cases.split(","):
        for variant in args.variants.split(","):
            for workers in args.workers.split(","):
                command = [
                    sys.executable, __file__, "--child", "--cases", name, "--variants", variant,
                    "--workers", workers, "--time-limit", str(args.time_limit),
                ]  # fmt: skip
                done = subprocess.run(command, capture_output=True, text=True, check=False)
                if done.returncode != 0:
                    print(f"{name} {variant} w={workers}: failed\n{done.stderr[-2000:]}")
                    continue
                print(done.stdout.strip().splitlines()[-1], flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
