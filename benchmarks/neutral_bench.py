"""The neutral family: this project's model against the plain CP-SAT baseline, size by size.

Each size is generated (`benchmarks.neutral`), written as a session file and solved by the
project (`SessionModel`, its answer checked by the project's validator and by the family's own
rules), then by `benchmarks.baseline`, with 1 and 2 workers, each solve in a process of its
own. "first" is the wall time from the start of model building to the first valid answer;
the ratio is the project's over the baseline's (at most 1 is the issue's target).

    .venv/bin/python benchmarks/neutral_bench.py --update benchmarks/results.md
    .venv/bin/python benchmarks/neutral_bench.py --sizes 16x8x4 --time-limit 5 --repeats 3

How "first" is measured: at the small sizes both sides answer in 0.01-0.1 s, near the
timer's resolution and within one run's noise, so each side is solved `--repeats` times
(default 7) in fresh processes, project and baseline alternating (who goes first alternates
too), and the table gives the median and the range. The first pair runs to the time limit (the
optimality, gap, objective and validity columns); the others stop at their first answer (a
relative gap limit every answer meets: a stopping rule only, the same search up to it). Both
sides count the same span on one clock (`time.perf_counter`): from the start of building the
model from their prepared input (the generated instance; the loaded session, whose loading is
reported apart) to the first solution callback, so the set-up between building and CP-SAT's
own clock and the project's first fit count too (before, "first" was the build time plus the
solver's `wall_time` at the callback: two clocks, the set-up between them left out on both
sides). The table also gives the parts: building, first fit, CP-SAT's presolve (a solve of
the same model with the same parameters, stopped after presolve) and the solver's time to the
first answer.

Where the project's time went, and what changed (issue 14, this round; load average in each
case, 2 shared cores):

- Model size. Every short item is `run_on: false`, so held in one part; the model gave it a
  minutes variable per slot, a variable-size interval, an end variable, run-on constraints and
  prefix/suffix ORs of three clauses each. Now (`models.variables`, "One part" in
  `models/FORMULATION.md`) its minutes are `m x part`, its interval has a fixed size and its
  prefix/suffix literals are sums: 80x40x8 went from 16,663 variables to 11,763 (baseline:
  3,488), two-term linear constraints from 9,282 to 2,676, implications from 13,670 to 4,154.
  The single search without a first fit (CP-SAT's default presolve) found its first answer
  after 3.7 s of CPU (3.7 s wall, load 2) where it took 8.1 s of CPU before (27.4 s wall, load
  8), and the bound at 30 s rose from 2,691 to 2,855 (the optimum: proven with
  `linearization_level 1` and no probing in 8.8 s; the baseline's bound stays at 2,240).
- Presolve. With the smaller model, probing took 1.3 of the 1.8 s of presolve in three rounds
  that fixed 1,474, 70 and 0 Booleans. The one-worker single search now presolves once
  (`models.parameters.SINGLE_SEARCH_PRESOLVE_ITERATIONS`): deterministic time to the first
  answer 0.74 -> 0.20 on 80x40x8 (0.28 -> 0.14 on cop-20x). No probing at all (level 0)
  starts sooner here but loses on cop-20x and in the one-worker portfolio (160x40x8: no answer
  in 20 s): not kept.
- Model building is now the larger share at 1 worker: 80x40x8 builds in 0.3 s on a quiet
  machine (baseline 0.07 s), 2.4 s at load 11, most of it OR-Tools' own cost per variable and
  constraint (11,763 variables against 3,488) and the `sequence` rule's enforced offsets.

The round after (model size at the small sizes, where building and presolve were the time):

- Times inside a free-order meeting are made only when a rule reads one (`models.variables`,
  `Variables.time_meeting`): the family's meetings need none (their chains' orders are kept
  by laying the parts back to back when the timetable is read), so no start variables,
  intervals or no-overlaps but for the meetings a fixed item opens. Prefix/suffix literals
  are made only for the activities a rule asks them for; after_end_of narrows the slots in
  Python (windows and fixed items travel along the chains; presolve's probing had fixed 525
  of 646 parts on 40x20x8). 40x20x8: 2,649 variables / 5,064 constraints -> 748 / 1,352
  (baseline 782 / 1,272); 80x40x8 11,763 -> 4,196 variables (baseline 3,488), 160x40x8
  5,931 (baseline 6,351). Building no longer pauses for the garbage collector.
- Solver time to the first answer at 40x20x8, 1 worker: 0.54 -> 0.10 s wall, the first
  timetable now at about the baseline's (ratio 1.0-1.2 in alternating runs, load 4-6); with
  2 workers the remaining gap is presolve and the portfolio at a few hundredths of a second
  (CP-SAT's default portfolio is no faster to its first answer there).

Before this round, the project's first fit left 15 of 80 items unplaced; the first fit
(`models.constructive`, another change of the same round) now starts the 2,000-placement-and-
up sizes, which is why their first answers come within a second of search.

The small sizes, measured with the repeats (7 a side, medians, load 4.7-6.6): at 16x8x4 the
project builds in 6-10 ms of wall time (4.4-4.9 ms of CPU, its rules and bounds over 226
variables; the baseline 2 ms CPU) and with 2 workers its presolve takes 14 ms against 12;
at 40x20x8 with 2 workers 62 ms against 53, where the baseline's search is slower after it.
With 1 worker the project is at or under the baseline (ratios 0.98, 0.82); with 2 it is not
(1.67, 1.20), and its presolve's second and third passes are most of the difference: they
fix nothing (three probings on 40x20x8 fixed 51, 0 and 0 Booleans), and one pass for 2-3
workers below 2,000 placements gave ratios 1.16 and 0.78 in the same conditions (a
parameter, `models.parameters`, not changed here). What was tried in the model-building code
and not kept: int lists in `prune_by_sequence` and a bisection in `sequence` (1.2 -> 0.9 ms
and 3.7 -> 3.2 ms of CPU on 40x20x8, within the spread of the whole build).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from benchmarks import neutral  # noqa: E402

SIZES = ("16x8x4", "40x20x8", "80x40x8", "160x40x8")  # the two, and smaller
HEADING = "Neutral family"


def _size(text: str) -> tuple[int, int, int]:
    items, periods, rooms = (int(x) for x in text.split("x"))
    return items, periods, rooms


def run_project(
    size: str, workers: int, time_limit: float, first_only: bool = False
) -> dict[str, Any]:
    """One solve by this project's model, with its verdicts and the parts of its time.

    `load_s` (reading the session file) is reported but not counted in "first": the baseline
    starts from the generated instance, the project from the loaded session. `first_fit_s` is
    the first fit with its fixed solve (counted: it is inside the solve's time to its first
    answer); `presolve_s` is CP-SAT's presolve of the same model with the same parameters, in a
    solve of its own stopped there (`benchmarks.baseline.presolve_seconds`).
    """
    from ortools.sat.python import cp_model

    from benchmarks.baseline import FIRST_ONLY_GAP, presolve_seconds
    from models import SessionModel
    from models.model import SolveProgress
    from models.parameters import Structure, configure
    from scheduler.io.session_file import load_session
    from scheduler.validation import validate

    instance = neutral.generate(*_size(size))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{instance.name}.yaml"
        path.write_text(neutral.session_yaml(instance), encoding="utf-8")
        began = time.perf_counter()
        session = load_session(path)
        load_s = time.perf_counter() - began
    first: list[float] = []
    answered: list[float] = []  # on the clock started before building, as the baseline's

    def on_solution(progress: SolveProgress) -> None:
        if not first:
            answered.append(time.perf_counter() - began)
            first.append(progress.elapsed)

    began = time.perf_counter()
    model = SessionModel(session)
    fitted: list[float] = []
    fit = model.start_from_first_fit

    def timed_fit(limit: float, seed: int = 0) -> float:
        fitted.append(fit(limit, seed))
        return fitted[-1]

    model.start_from_first_fit = timed_fit  # type: ignore[method-assign,assignment]
    result = model.solve(
        time_limit=time_limit,
        workers=workers,
        gap=FIRST_ONLY_GAP if first_only else None,
        on_solution=on_solution,
    )
    probe = cp_model.CpSolver()
    configure(
        probe.parameters, Structure(workers, len(session.activities) * len(session.usable_slots))
    )
    out: dict[str, Any] = {
        "status": result.status.value,
        "load_s": load_s,
        "build_s": result.build_time,
        "first_fit_s": fitted[0] if fitted else None,
        "presolve_s": presolve_seconds(model.model, probe),
        "first_s": first[0] if first else None,
        "answer_s": answered[0] if answered else None,
        "solve_s": result.wall_time,
        "objective": result.objective,
        "bound": result.best_bound,
        "valid": None,
        "family_problems": None,
        "family_objective": None,
    }
    if result.timetable is not None and not first_only:
        out["valid"] = validate(session, result.timetable).ok
        solution = neutral.from_timetable(instance, result.timetable)
        out["family_problems"] = neutral.check(instance, solution)
        out["family_objective"] = neutral.objective(instance, solution)
    return out


def run_baseline(
    size: str, workers: int, time_limit: float, first_only: bool = False
) -> dict[str, Any]:
    """One solve by the plain baseline, checked by the family's rules."""
    from benchmarks.baseline import solve

    instance = neutral.generate(*_size(size))
    r = solve(
        instance, time_limit=time_limit, workers=workers, first_only=first_only, presolve=True
    )
    problems = None if r.solution is None or first_only else neutral.check(instance, r.solution)
    return {
        "status": r.status.lower(),
        "load_s": None,
        "build_s": r.build_s,
        "first_fit_s": None,
        "presolve_s": r.presolve_s,
        "first_s": r.first_s,
        "answer_s": r.answer_s,
        "solve_s": r.solve_s,
        "objective": r.objective,
        "bound": r.bound,
        "valid": None if problems is None else not problems,
        "family_problems": problems,
        "family_objective": r.objective,
    }


FIELDS = ("load_s", "build_s", "first_fit_s", "presolve_s", "first_s", "answer_s", "solve_s")


def _child(
    which: str, size: str, workers: int, time_limit: float, first_only: bool = False
) -> dict[str, Any]:
    """One solve in a process of its own (a fresh interpreter: no warm caches on either side)."""
    command = [sys.executable, __file__, "--child", which, "--sizes", size]
    command += ["--workers", str(workers), "--time-limit", str(time_limit)]
    command += ["--first-only"] if first_only else []
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode:  # reported in the table, not raised: the other solves still count
        error = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {
            "status": f"error ({error})",
            **dict.fromkeys((*FIELDS, "objective", "bound", "valid")),
            "family_problems": None,
            "family_objective": None,
        }
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _gap(r: dict[str, Any]) -> str:
    if r["status"] == "optimal":
        return "opt"
    if r["status"].startswith("error"):
        return str(r["status"])
    if r["objective"] is None or r["bound"] is None or not r["objective"]:
        return "-"
    return f"{abs(r['objective'] - r['bound']) / abs(r['objective']):.1%}".replace("%", " %")


def _first(r: dict[str, Any]) -> float | None:
    """Seconds from the start of model building to the first answer, on one clock."""
    return r.get("answer_s")


def _median(values: list[float | None]) -> float | None:
    """The median, a missing value (no answer) counting as the slowest; None if most are."""
    ordered = sorted(values, key=lambda x: math.inf if x is None else x)
    return ordered[len(ordered) // 2] if ordered else None


def _spread(values: list[float | None]) -> str:
    """Median (fastest-slowest) of some times, for the table."""
    known = [x for x in values if x is not None]
    middle = _median(values)
    if len(values) == 1 or not known:
        return _s(middle)
    slowest = "none" if len(known) < len(values) else _ms(max(known))
    return f"{_s(middle)} ({_ms(min(known))}-{slowest})"


def _ms(x: float) -> str:
    return f"{x:.3f}"


def _s(x: float | None) -> str:
    if x is None:
        return "none"
    return f"{x:.3f}" if x < 1 else f"{x:.2f}"


def _parts(runs: list[dict[str, Any]], fields: tuple[str, ...]) -> str:
    """The median of each part of the time, in `fields` order ("-" where it never ran)."""
    out = []
    for name in fields:
        values = [r[name] for r in runs if r[name] is not None]
        out.append(_s(_median(values)) if values else "-")
    return " / ".join(out)


def table(
    rows: list[dict[str, Any]], load: tuple[float, float], time_limit: float, repeats: int
) -> str:
    """The "Neutral family" section of `results.md`."""
    stamp = time.strftime("%Y-%m-%d %H:%M")
    lines = [
        f"## {HEADING} ({stamp}, `benchmarks/neutral_bench.py`)",
        "",
        f"Time limit {time_limit:g} s per solve, load average {load[0]:.1f} before and "
        f"{load[1]:.1f} after the run (2 shared cores). first = wall seconds from the start of "
        "model building to the first answer, each side in a fresh process; the median of "
        f"{repeats} solves per side (fastest-slowest), project and baseline alternating, the "
        "first pair at the full time limit, the others stopped at their first answer; "
        "ratio = project / baseline of the medians (target: at most 1). The parts of the time "
        "(medians): the project's session load (not counted in first: the baseline starts "
        "from the generated instance), model building, first fit (with its fixed solve; from "
        "`models.model.FIRST_FIT_FROM` placements), CP-SAT's presolve (measured in a solve "
        "of its own stopped after it) and the solver's time to the first answer (presolve "
        "included, unless the first fit gave it). Optimal / gap, objectives and validity from "
        "the full-time solve.",
        "Objectives: the project's own (the family's, now that the session file says the family "
        "as it is), the baseline's, and the reference (the generator's first-fit timetable).",
        "",
        "| size | workers | project first (s) | baseline first (s) | ratio | project: load / "
        "build / first fit / presolve / solver to first (s) | baseline: build / presolve / "
        "solver to first (s) | project: optimal (s) or gap | baseline: optimal (s) or gap | "
        "project / baseline / reference objective | project valid (validator / family rules) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        p, b = row["project"], row["baseline"]
        pruns, bruns = row["project_runs"], row["baseline_runs"]
        pf, bf = _median([_first(r) for r in pruns]), _median([_first(r) for r in bruns])
        ratio = f"{pf / bf:.2f}" if pf is not None and bf else "-"
        popt = _s(p["solve_s"]) if p["status"] == "optimal" else _gap(p)
        bopt = _s(b["solve_s"]) if b["status"] == "optimal" else _gap(b)
        problems = p["family_problems"]
        family = "-" if problems is None else ("yes" if not problems else f"no ({problems[0]})")
        valid = "-" if p["valid"] is None else ("yes" if p["valid"] else "no")
        made = neutral.generate(*_size(row["size"]))
        own = "-" if p["objective"] is None else f"{p['objective']:g}"
        objectives = (
            f"{own} / {b['objective'] or '-':g} / {neutral.objective(made, made.reference)}"
        )
        project_parts = _parts(pruns, ("load_s", "build_s", "first_fit_s", "presolve_s", "first_s"))
        baseline_parts = _parts(bruns, ("build_s", "presolve_s", "first_s"))
        lines.append(
            f"| {row['size']} | {row['workers']} | {_spread([_first(r) for r in pruns])} | "
            f"{_spread([_first(r) for r in bruns])} | {ratio} | {project_parts} | "
            f"{baseline_parts} | {popt} | {bopt} | {objectives} | {valid} / {family} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help="items x periods x rooms, ...")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument(
        "--repeats", type=int, default=7, help="solves per side and size (the median counts)"
    )
    parser.add_argument("--update", type=Path, help="write the section into this results.md")
    parser.add_argument("--child", choices=("project", "baseline"), help=argparse.SUPPRESS)
    parser.add_argument("--first-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        run = run_project if args.child == "project" else run_baseline
        print(json.dumps(run(args.sizes, int(args.workers), args.time_limit, args.first_only)))
        return
    before = os.getloadavg()[0]
    rows = []
    for size in args.sizes.split(","):
        for workers in (int(w) for w in args.workers.split(",")):
            row: dict[str, Any] = {"size": size, "workers": workers}
            runs: dict[str, list[dict[str, Any]]] = {"project": [], "baseline": []}
            for k in range(max(1, args.repeats)):
                # alternate who goes first, so a change of load falls on both sides alike
                order = ("project", "baseline") if k % 2 == 0 else ("baseline", "project")
                for which in order:
                    r = _child(which, size, workers, args.time_limit, first_only=k > 0)
                    runs[which].append(r)
                    print(size, workers, which, k, json.dumps(r)[:300], flush=True)
            for which in ("project", "baseline"):
                row[which] = runs[which][0]
                row[f"{which}_runs"] = runs[which]
            rows.append(row)
    text = table(rows, (before, os.getloadavg()[0]), args.time_limit, max(1, args.repeats))
    print(text)
    if args.update:
        from benchmarks.report import replace_section

        old = args.update.read_text(encoding="utf-8") if args.update.exists() else ""
        args.update.write_text(replace_section(old, f"## {HEADING}", text), encoding="utf-8")


if __name__ == "__main__":
    main()
