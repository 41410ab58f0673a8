"""The neutral family: this project's model against the plain CP-SAT baseline, size by size.

Each size is generated (`benchmarks.neutral`), written as a session file and solved by the
project (`SessionModel`, its answer checked by the project's validator and by the family's own
rules), then by `benchmarks.baseline`, with 1 and 2 workers, each solve in a process of its
own. "first" is model building plus the solver's time to its first valid answer; the ratio
is the project's over the baseline's (at most 1 is the issue's target).

    .venv/bin/python benchmarks/neutral_bench.py --update benchmarks/results.md
    .venv/bin/python benchmarks/neutral_bench.py --sizes 16x8x4 --time-limit 5

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
"""

from __future__ import annotations

import argparse
import json
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


def run_project(size: str, workers: int, time_limit: float) -> dict[str, Any]:
    """One solve by this project's model, with its verdicts."""
    from models import SessionModel
    from scheduler.io.session_file import load_session
    from scheduler.validation import validate

    instance = neutral.generate(*_size(size))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{instance.name}.yaml"
        path.write_text(neutral.session_yaml(instance), encoding="utf-8")
        session = load_session(path)
    first: list[float] = []
    model = SessionModel(session)
    result = model.solve(
        time_limit=time_limit,
        workers=workers,
        on_solution=lambda p: first.append(p.elapsed) if not first else None,
    )
    out: dict[str, Any] = {
        "status": result.status.value,
        "build_s": result.build_time,
        "first_s": first[0] if first else None,
        "solve_s": result.wall_time,
        "objective": result.objective,
        "bound": result.best_bound,
        "valid": None,
        "family_problems": None,
        "family_objective": None,
    }
    if result.timetable is not None:
        out["valid"] = validate(session, result.timetable).ok
        solution = neutral.from_timetable(instance, result.timetable)
        out["family_problems"] = neutral.check(instance, solution)
        out["family_objective"] = neutral.objective(instance, solution)
    return out


def run_baseline(size: str, workers: int, time_limit: float) -> dict[str, Any]:
    """One solve by the plain baseline, checked by the family's rules."""
    from benchmarks.baseline import solve

    instance = neutral.generate(*_size(size))
    r = solve(instance, time_limit=time_limit, workers=workers)
    problems = None if r.solution is None else neutral.check(instance, r.solution)
    return {
        "status": r.status.lower(),
        "build_s": r.build_s,
        "first_s": r.first_s,
        "solve_s": r.solve_s,
        "objective": r.objective,
        "bound": r.bound,
        "valid": None if problems is None else not problems,
        "family_problems": problems,
        "family_objective": r.objective,
    }


def _child(which: str, size: str, workers: int, time_limit: float) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", which, "--sizes", size]
    command += ["--workers", str(workers), "--time-limit", str(time_limit)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode:  # reported in the table, not raised: the other solves still count
        error = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {
            "status": f"error ({error})",
            **dict.fromkeys(("build_s", "first_s", "solve_s", "objective", "bound", "valid")),
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
    return None if r["first_s"] is None else r["build_s"] + r["first_s"]


def _s(x: float | None) -> str:
    return "none" if x is None else f"{x:.2f}"


def table(rows: list[dict[str, Any]], load: tuple[float, float], time_limit: float) -> str:
    """The "Neutral family" section of `results.md`."""
    stamp = time.strftime("%Y-%m-%d %H:%M")
    lines = [
        f"## {HEADING} ({stamp}, `benchmarks/neutral_bench.py`)",
        "",
        f"Time limit {time_limit:g} s per solve, load average {load[0]:.1f} before and "
        f"{load[1]:.1f} after the run (2 shared cores). first = model building + solver time "
        "to the first answer (the last column: whether the project's keeps the family's rules); "
        "ratio = project / baseline (target: at most 1).",
        "Objectives: the project's own (the family's, now that the session file says the family "
        "as it is), the baseline's, and the reference (the generator's first-fit timetable).",
        "",
        "| size | workers | project first (s) | baseline first (s) | ratio | project: optimal (s) "
        "or gap | baseline: optimal (s) or gap | project / baseline / reference objective | "
        "project valid (validator / family rules) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        p, b = row["project"], row["baseline"]
        pf, bf = _first(p), _first(b)
        ratio = f"{pf / bf:.1f}" if pf is not None and bf else "-"
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
        lines.append(
            f"| {row['size']} | {row['workers']} | {_s(pf)} | {_s(bf)} | {ratio} | {popt} | "
            f"{bopt} | {objectives} | {valid} / {family} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help="items x periods x rooms, ...")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--update", type=Path, help="write the section into this results.md")
    parser.add_argument("--child", choices=("project", "baseline"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        run = run_project if args.child == "project" else run_baseline
        print(json.dumps(run(args.sizes, int(args.workers), args.time_limit)))
        return
    before = os.getloadavg()[0]
    rows = []
    for size in args.sizes.split(","):
        for workers in (int(w) for w in args.workers.split(",")):
            row = {"size": size, "workers": workers}
            for which in ("project", "baseline"):
                row[which] = _child(which, size, workers, args.time_limit)
                print(size, workers, which, json.dumps(row[which])[:300], flush=True)
            rows.append(row)
    text = table(rows, (before, os.getloadavg()[0]), args.time_limit)
    print(text)
    if args.update:
        from benchmarks.report import replace_section

        old = args.update.read_text(encoding="utf-8") if args.update.exists() else ""
        args.update.write_text(replace_section(old, f"## {HEADING}", text), encoding="utf-8")


if __name__ == "__main__":
    main()
