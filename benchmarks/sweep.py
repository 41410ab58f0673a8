"""Sweep benchmark: 216 COP9 variants serially and with 2 processes, the cache, a resume.

    .venv/bin/python benchmarks/sweep.py            # prints a Markdown section
    .venv/bin/python benchmarks/sweep.py --out benchmarks/sweep-results.md
    .venv/bin/python benchmarks/sweep.py --update benchmarks/results.md   # its section there

The grid is notebook 04's: budget 12-20 x teams 1-3 x 4 or 5 days x evening meetings or not
x the working group's tenth session in 2 or 3 meetings. Each variant is solved with one
CP-SAT worker and the session's seed, so every run gives the same answers (checked here:
the pooled table equals the serial one, wall times apart). Measured:

- serially, in this process (`SerialExecutor`), its modules imported first (as in a notebook
  that has solved something already);
- with a fresh pool of 2 spawned processes, their start-up included, and with the pool
  already started (what a second sweep in the same notebook pays), in chunks (the default)
  and one variant per task;
- a rerun with the cache: how many solves it runs (0 expected) and how long it takes;
- a sweep killed halfway (SIGKILL, from outside, once half of its answers are in the
  cache), then run again: how many it solves (the other half expected).

The load average is printed before and after: the machine's cores may be shared.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.report import replace_section  # noqa: E402

# The package is imported inside the functions: a spawned worker imports this script again
# (as `__mp_main__`), and should pay only for what a solve needs, as it would in a notebook.

SETTINGS = {"workers": 1, "time_limit": 30}
DECIDED = ["status", "feasible", "valid", "days_used", "carried_over", "objective"]


def wg_meetings(session, n):
    """The working group's tenth session in `n` meetings (two in the session file)."""
    from scheduler import set_duration

    return set_duration(session, "wg-ic-10", meetings=n)


def grid():
    from scheduler import bundled_session_path, load_session, variant_grid

    cop9 = load_session(bundled_session_path())
    return variant_grid(
        cop9,
        budget=range(12, 21),
        teams=[1, 2, 3],
        days=[4, 5],
        evening_meetings=[False, True],
        wg=([2, 3], wg_meetings),
    )


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (a pool's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(label, run):
    started, cpu = time.perf_counter(), cpu_seconds()
    value = run()
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    print(f"{label}: {seconds:.2f} s, CPU {cpu:.2f} s", file=sys.stderr)
    return value, seconds, cpu


def resume(variants: int) -> tuple[int, int]:
    """Kill a sweep once half its answers are cached; (cached when killed, solved after)."""
    from scheduler.explore import solve_variants

    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder) / "cache"
        child = subprocess.Popen(
            [sys.executable, __file__, "--child", str(cache)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        while child.poll() is None and len(list(cache.glob("*.pickle"))) < variants // 2:
            time.sleep(0.02)
        os.killpg(child.pid, signal.SIGKILL)  # the sweep and its pool's workers
        child.wait()
        cached = len(list(cache.glob("*.pickle")))
        again = solve_variants(grid(), cache=cache, progress=False, **SETTINGS)
        assert again.from_cache == cached, (again.from_cache, cached)
        return cached, again.solved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the Markdown section there too")
    parser.add_argument("--update", type=Path, help="replace this section in a results file")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    from scheduler.explore import SerialExecutor, solve_variants
    from scheduler.explore import sweep as sweep_module

    if arguments.child is not None:  # the sweep that `resume` kills
        solve_variants(grid(), cache=arguments.child, progress=False, **SETTINGS)
        return

    load_before = os.getloadavg()
    variants = grid()
    n = len(variants)
    first_four = dict(list(variants.items())[:4])
    solve_variants(first_four, executor=SerialExecutor(), progress=False)  # imports, as a notebook
    serial, t_serial, c_serial = timed("serial", lambda: solve_variants(
        variants, executor=SerialExecutor(), progress=False, **SETTINGS))  # fmt: skip

    def pooled():
        with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
            return solve_variants(variants, executor=pool, progress=False, **SETTINGS)

    cold, t_cold, c_cold = timed("2 processes, started", pooled)
    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
        list(pool.map(abs, [1, 2]))  # both workers up
        solve_variants(first_four, executor=pool, progress=False)  # imports
        warm, t_warm, _ = timed("2 processes, warm", lambda: solve_variants(
            variants, executor=pool, progress=False, **SETTINGS))  # fmt: skip
        chunk, sweep_module.MAX_CHUNK = sweep_module.MAX_CHUNK, 1
        try:
            single, t_single, _ = timed("2 processes, warm, one variant a task", lambda: (
                solve_variants(variants, executor=pool, progress=False, **SETTINGS)))  # fmt: skip
        finally:
            sweep_module.MAX_CHUNK = chunk
    for other in (cold, warm, single):
        assert other.table()[DECIDED].equals(serial.table()[DECIDED]), "answers differ"
    with tempfile.TemporaryDirectory() as folder:
        first, t_first, _ = timed("with a cache", lambda: solve_variants(
            variants, cache=folder, progress=False, **SETTINGS))  # fmt: skip
        again, t_again, _ = timed("rerun with the cache", lambda: solve_variants(
            variants, cache=folder, progress=False, **SETTINGS))  # fmt: skip
    cached, resolved = resume(n)
    load_after = os.getloadavg()

    table = serial.table()
    counts = table["status"].value_counts().to_dict()
    lines = [
        f"## Sweeps ({time.strftime('%Y-%m-%d %H:%M')}, `benchmarks/sweep.py`)",
        "",
        f"{n} COP9 variants (notebook 04's grid), 1 CP-SAT worker each, on {os.cpu_count()} "
        f"cores; answers: {', '.join(f'{v} {k}' for k, v in counts.items())}. Load average "
        f"{load_before[0]:.2f} before (5 min: {load_before[1]:.2f}), {load_after[0]:.2f} after: "
        "the cores were shared with other work.",
        "",
        "| run | wall time (s) | speed-up | solves |",
        "|---|---|---|---|",
        f"| serial, in the notebook's process | {t_serial:.2f} | 1.00x | {serial.solved} |",
        f"| 2 processes, start-up included | {t_cold:.2f} | {t_serial / t_cold:.2f}x "
        f"| {cold.solved} |",
        f"| 2 processes, pool already started | {t_warm:.2f} | {t_serial / t_warm:.2f}x "
        f"| {warm.solved} |",
        f"| the same, one variant per task (no chunks) | {t_single:.2f} "
        f"| {t_serial / t_single:.2f}x | {single.solved} |",
        f"| default pool (started here), filling a cache | {t_first:.2f} "
        f"| {t_serial / t_first:.2f}x | {first.solved} |",
        f"| rerun with the cache | {t_again:.2f} | {t_serial / t_again:.1f}x | {again.solved} |",
        f"| killed with {cached} of {n} cached, run again | | | {resolved} |",
        "",
        f"Solver time alone, summed: {table['solve_time'].sum():.2f} s "
        f"({table['solve_time'].mean() * 1000:.0f} ms a variant). CPU time, this process and "
        f"its workers: {c_serial:.2f} s serially, {c_cold:.2f} s with the 2 processes "
        "(start-up included): what the pool costs beyond the solves themselves. With both "
        "cores free the speed-up is bounded by 2 x serial CPU / pooled CPU "
        f"= {2 * c_serial / c_cold:.2f}x.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if arguments.out is not None:
        arguments.out.write_text(text, encoding="utf-8")
    if arguments.update is not None:
        old = arguments.update.read_text(encoding="utf-8") if arguments.update.exists() else ""
        arguments.update.write_text(replace_section(old, "## Sweeps", text), encoding="utf-8")


if __name__ == "__main__":
    main()
