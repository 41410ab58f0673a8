"""Start-up benchmark: `schedule solve` on COP9, the whole process, against the OR-Tools floor.

    .venv/bin/python benchmarks/startup.py                 # 10 pairs, prints a Markdown section
    .venv/bin/python benchmarks/startup.py --pairs 20 --update benchmarks/results.md

The floor is what any CP-SAT program in Python pays before it builds a model: an interpreter
importing `ortools.sat.python.cp_model` (which itself imports numpy and pandas). The command
is `schedule solve --quiet -o FILE` on the bundled COP9 session: start-up, reading and
validating the session, the model, the solve (0.02 s), the validator and the workbook.

Runs alternate, floor then command, so that a change of load hits both alike; the ratio is
the median of each pair's ratio, in wall-clock time and in CPU time (user + system of the
child process), which depends less on the load. The load average is given before and after.
Both read compiled bytecode, as installed packages do: the children compile the project's
modules once, into a temporary folder (`environment`).
`--imports` adds where the command's time goes beyond the floor (`python -X importtime`).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.report import replace_section  # noqa: E402

#: The target of the issue: the whole command at most this many times the floor.
TARGET = 1.3
HEADING = "## Start-up"
FLOOR = [sys.executable, "-c", "from ortools.sat.python import cp_model"]


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float


def command(out: Path) -> list[str]:
    """`schedule solve` as installed next to this interpreter, else `python -m scheduler`."""
    script = Path(sys.executable).with_name("schedule")
    prefix = [str(script)] if script.exists() else [sys.executable, "-m", "scheduler"]
    return [*prefix, "solve", "--quiet", "-o", str(out)]


def environment(bytecode: Path | None = None) -> dict[str, str]:
    """The repository first on the path: the packages of this checkout, however installed.

    With `bytecode`, the children compile each module once into that folder and read it back
    from then on, as an installed package does (pip compiles it at install); a shell with
    PYTHONDONTWRITEBYTECODE would otherwise compile the project's modules from source on
    every run, floor excluded, and time the compiler. The checkout gets no `__pycache__`.
    """
    path = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PYTHONPATH": path}
    if bytecode is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    return env


def timed(arguments: list[str], bytecode: Path) -> Timing:
    """Wall-clock and CPU seconds of one run of `arguments`, as a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(arguments, capture_output=True, text=True, env=environment(bytecode))
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{arguments} failed ({done.returncode}): {done.stderr[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu)


def measure(pairs: int) -> list[tuple[Timing, Timing]]:
    """`pairs` runs of the floor and the command, alternating, after one of each to warm up."""
    with tempfile.TemporaryDirectory() as folder:
        solve = command(Path(folder) / "cop9.xlsx")
        bytecode = Path(folder) / "bytecode"
        timed(FLOOR, bytecode), timed(solve, bytecode)  # file caches, compiled bytecode
        runs = []
        for n in range(pairs):
            floor, whole = timed(FLOOR, bytecode), timed(solve, bytecode)
            runs.append((floor, whole))
            print(
                f"pair {n + 1}: floor {floor.wall:.3f} s, schedule solve {whole.wall:.3f} s "
                f"({whole.wall / floor.wall:.2f}x; CPU {whole.cpu / floor.cpu:.2f}x)",
                file=sys.stderr,
            )
    return runs


def imports_beyond_floor(top: int = 12) -> tuple[float, list[tuple[str, float]]]:
    """The command's imports that the floor does not have: their total (s), and the
    packages they belong to, slowest first (each module's own time, `-X importtime`)."""

    def own_times(arguments: list[str], bytecode: Path) -> dict[str, float]:
        run = [sys.executable, "-X", "importtime", *arguments]
        subprocess.run(run, capture_output=True, env=environment(bytecode))  # compiles
        done = subprocess.run(run, capture_output=True, text=True, env=environment(bytecode))
        found: dict[str, float] = {}
        for line in done.stderr.splitlines():
            if not line.startswith("import time:") or "cumulative" in line:
                continue
            own, _, name = line.removeprefix("import time:").split("|")
            found[name.strip()] = int(own) / 1e6
        return found

    with tempfile.TemporaryDirectory() as folder:
        out, bytecode = Path(folder) / "cop9.xlsx", Path(folder) / "bytecode"
        floor = own_times(FLOOR[1:], bytecode)
        whole = own_times(["-m", "scheduler", "solve", "--quiet", "-o", str(out)], bytecode)
    packages: dict[str, float] = {}
    for name, seconds in whole.items():
        if name not in floor:
            package = name.split(".")[0]
            packages[package] = packages.get(package, 0.0) + seconds
    ranked = sorted(packages.items(), key=lambda item: -item[1])
    return sum(packages.values()), ranked[:top]


def section(runs: list[tuple[Timing, Timing]], loads: tuple[float, float]) -> str:
    wall = statistics.median(w.wall / f.wall for f, w in runs)
    cpu = statistics.median(w.cpu / f.cpu for f, w in runs)
    floor = statistics.median(f.wall for f, _ in runs)
    whole = statistics.median(w.wall for _, w in runs)
    met = "met" if wall <= TARGET else "not met"
    return "\n".join(
        [
            f"{HEADING} ({time.strftime('%Y-%m-%d %H:%M')}, `benchmarks/startup.py`)",
            "",
            f"`schedule solve --quiet -o FILE` on COP9 against the OR-Tools import floor "
            f'(`python -c "from ortools.sat.python import cp_model"`), {len(runs)} pairs of '
            f"runs alternating; load average {loads[0]:.2f} before, {loads[1]:.2f} after.",
            "",
            "| run | wall time, median (s) | ratio to the floor, median of pairs (wall) "
            "| ratio (CPU) |",
            "|---|---|---|---|",
            f"| OR-Tools import floor | {floor:.3f} | 1.00x | 1.00x |",
            f"| `schedule solve` on COP9 | {whole:.3f} | {wall:.2f}x | {cpu:.2f}x |",
            "",
            f"Target: at most {TARGET:g}x the floor (wall): {met}.",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=10, help="pairs of runs (default 10)")
    parser.add_argument("--imports", action="store_true", help="where the rest goes")
    parser.add_argument("--update", type=Path, help="replace this section in a results file")
    arguments = parser.parse_args()
    load_before = os.getloadavg()[0]
    runs = measure(arguments.pairs)
    text = section(runs, (load_before, os.getloadavg()[0]))
    if arguments.imports:
        total, ranked = imports_beyond_floor()
        text += (
            f"\n\nImports of the command beyond the floor: {total:.3f} s in one run "
            "(`python -X importtime`, each module's own time, by package):\n\n"
            "| package | seconds |\n|---|---|\n"
        )
        text += "\n".join(f"| `{name}` | {seconds:.3f} |" for name, seconds in ranked)
    print(text)
    if arguments.update is not None:
        old = arguments.update.read_text(encoding="utf-8") if arguments.update.exists() else ""
        arguments.update.write_text(replace_section(old, HEADING, text), encoding="utf-8")


if __name__ == "__main__":
    main()
