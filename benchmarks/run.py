"""Run the benchmark suite and write `results.md` and `results.csv` (see README.md).

    python benchmarks/run.py                  # the full suite: about 10-15 minutes on 2 cores
    python benchmarks/run.py --quick          # smaller limits, a smoke test
    python benchmarks/run.py --cases cop9,cop-5x --workers 2

Each solve runs in a fresh process (so its peak memory is its own), one after the other.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import report  # noqa: E402
from benchmarks.suite import CASE_NAMES, CASES, DEFAULT_CASES, Case, case  # noqa: E402


@dataclass(frozen=True)
class Mode:
    time_limit: float
    checkpoints: tuple[float, ...]  # gaps are reported at these times
    cli_runs: int


FULL = Mode(time_limit=60.0, checkpoints=(10.0, 60.0), cli_runs=3)
QUICK = Mode(time_limit=5.0, checkpoints=(1.0, 5.0), cli_runs=1)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.child:
        return _child(args)
    mode = QUICK if args.quick else FULL
    time_limit = args.time_limit or mode.time_limit
    checkpoints = tuple(c for c in mode.checkpoints if c <= time_limit) or (time_limit,)
    names = args.cases.split(",") if args.cases else list(DEFAULT_CASES)
    unknown = [n for n in names if n not in CASE_NAMES]
    if unknown:
        print(f"unknown case(s): {', '.join(unknown)}; known: {', '.join(CASE_NAMES)}")
        return 2
    cores = os.cpu_count() or 1
    workers = [int(w) for w in args.workers.split(",")] if args.workers else sorted({1, cores})
    if args.regenerate:
        regenerate()
    results: list[dict[str, Any]] = []
    started = dt.datetime.now()
    load_start = os.getloadavg()
    for name in names:
        for w in workers:
            result = _run_child(case(name), w, time_limit, checkpoints, args.first_fit)
            results.append(result)
            print(_progress_line(result), flush=True)
    cli = [] if args.no_cli else measure_cli(mode.cli_runs)
    table = report.rows(results)
    out = Path(args.out) if args.out else Path(__file__).resolve().parent
    out.mkdir(parents=True, exist_ok=True)
    stem = "results-quick" if args.quick else "results"
    report.write_csv(out / f"{stem}.csv", table)
    text = _markdown(table, checkpoints, cli, cores, started, load_start, time_limit, args.quick)
    written = out / f"{stem}.md"
    old = written.read_text(encoding="utf-8") if written.exists() else ""
    # The suite's sections only: those of `sweep.py` and `startup.py` stay as they were.
    written.write_text(report.merge_sections(old, text), encoding="utf-8")
    print(f"wrote {out / f'{stem}.md'} and {out / f'{stem}.csv'}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small limits (smoke test)")
    parser.add_argument("--cases", help=f"comma-separated, of: {', '.join(CASE_NAMES)}")
    parser.add_argument("--workers", help="comma-separated worker counts (default: 1 and all)")
    parser.add_argument("--time-limit", type=float, help="seconds per solve (default 60; quick 5)")
    parser.add_argument("--out", help="folder for results.md/.csv (default: benchmarks/)")
    parser.add_argument("--no-cli", action="store_true", help="skip timing `schedule solve`")
    parser.add_argument(
        "--regenerate", action="store_true", help="rewrite instances/generated/ first"
    )
    parser.add_argument(
        "--first-fit",
        choices=("auto", "on", "off"),
        default="auto",
        help="start from the first fit (models.constructive): by size (auto), always, never",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)  # internal: one measured solve
    parser.add_argument("--checkpoints", help=argparse.SUPPRESS)
    return parser


# --- one solve in its own process ----------------------------------------------------------


def _child(args: argparse.Namespace) -> int:
    from benchmarks.measure import measure

    chosen = case(args.child)
    checkpoints = tuple(float(c) for c in args.checkpoints.split(","))
    workers = int(args.workers)
    start = {"auto": None, "on": True, "off": False}[args.first_fit]
    result = measure(chosen.name, chosen.path, workers, args.time_limit, checkpoints, start=start)
    print(json.dumps(result.as_dict()))
    return 0


def _run_child(
    chosen: Case,
    workers: int,
    time_limit: float,
    checkpoints: tuple[float, ...],
    first_fit: str = "auto",
) -> dict[str, Any]:
    if not chosen.path.exists():
        regenerate([chosen])
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        chosen.name,
        "--workers",
        str(workers),
        "--time-limit",
        str(time_limit),
        "--checkpoints",
        ",".join(f"{c:g}" for c in checkpoints),
        "--first-fit",
        first_fit,
    ]
    load = os.getloadavg()[0]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=time_limit * 3 + 300, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{chosen.name} (workers={workers}) failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["load_avg_before"] = round(load, 2)
    result["first_fit"] = first_fit
    return result


def _progress_line(r: dict[str, Any]) -> str:
    first = "-" if r["first_s"] is None else f"{r['first_s']:.2f}s"
    return (
        f"{r['case']:>8} w={r['workers']} {r['status']:>8} obj={r['objective']} "
        f"bound={r['bound']} build={r['build_s']:.2f}s first={first} "
        f"solve={r['solve_s']:.2f}s peak={r['peak_mb']:.0f}MB valid={r['valid']}"
    )


# --- the command, end to end ---------------------------------------------------------------


def measure_cli(runs: int) -> list[float]:
    """Wall-clock seconds of `schedule solve` on COP9, interpreter start-up included."""
    script = Path(sys.executable).with_name("schedule")
    prefix = [str(script)] if script.exists() else [sys.executable, "-m", "scheduler.cli"]
    # The repository first on the path: the packages of this checkout, however installed.
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    seconds = []
    with tempfile.TemporaryDirectory() as folder:
        for n in range(runs):
            out = Path(folder) / f"cop9-{n}.xlsx"
            began = time.perf_counter()
            done = subprocess.run(
                [*prefix, "solve", "--quiet", "-o", str(out)],
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
                env=env,
            )
            elapsed = time.perf_counter() - began
            if done.returncode != 0:
                print(f"schedule solve failed ({done.returncode}): {done.stderr.strip()[-500:]}")
                return []
            seconds.append(elapsed)
            print(f"schedule solve (COP9): {elapsed:.2f}s", flush=True)
    return seconds


# --- files ---------------------------------------------------------------------------------


def regenerate(cases: list[Case] | None = None) -> None:
    """Write the generated sessions of the suite, as `schedule generate` would."""
    from scheduler.generate import generate_session

    for chosen in cases or [c for c in CASES if c.generator]:
        generated = generate_session(**chosen.generator)
        chosen.path.parent.mkdir(parents=True, exist_ok=True)
        chosen.path.write_text(generated.to_yaml(chosen.path.name), encoding="utf-8")
        shown = chosen.path.relative_to(ROOT) if chosen.path.is_relative_to(ROOT) else chosen.path
        print(f"wrote {shown}")


def _markdown(
    table: list[dict[str, Any]],
    checkpoints: tuple[float, ...],
    cli: list[float],
    cores: int,
    started: dt.datetime,
    load_start: tuple[float, float, float],
    time_limit: float,
    quick: bool,
) -> str:
    load_end = os.getloadavg()
    cli_line = (
        f"`schedule solve` on COP9, whole command with interpreter start-up: "
        f"best {min(cli):.2f} s, median {statistics.median(cli):.2f} s over {len(cli)} run(s)."
        if cli
        else "`schedule solve` on COP9: not measured."
    )
    found = report.targets(table, cli, cores)
    return "\n".join(
        [
            f"# Benchmark results{' (quick run)' if quick else ''}",
            "",
            f"Run {started:%Y-%m-%d %H:%M} on {cores} cores, Python {platform.python_version()}, "
            f"OR-Tools {version('ortools')}; time limit {time_limit:g} s per solve. Load "
            f"average {load_start[0]:.2f} at the start, {load_end[0]:.2f} at the end (the "
            "cores are shared: a load above 0 means other work ran alongside).",
            "",
            "Size is activities x usable session slots, relative to COP9. Times are seconds; "
            "*first timetable* counts model building plus search, *optimal* is solver time to "
            "proven optimality. *valid*: the independent validator accepts the timetable.",
            "",
            report.markdown_table(table, checkpoints),
            "",
            cli_line,
            "",
            "## Targets (all cores)",
            "",
            report.targets_table(found),
            "",
        ]
    )


if __name__ == "__main__":
    raise SystemExit(main())
