"""How long `explain` takes: COP9's impossible variants and a climate-size generated session.

    .venv/bin/python benchmarks/explain_bench.py --update benchmarks/results.md
    .venv/bin/python benchmarks/explain_bench.py --cases cop9 --time-limit 10

Each variant is explained as `schedule explain` does (the session's time limit, 60 s, for all
the solves together); COP9's with 1 worker, the climate session's with every core. *solver*
is the time CP-SAT itself reports, summed over the explanation's solves (wall and
deterministic), read by wrapping `CpSolver.solve` from outside; *whole* is the wall clock of
`explain` (pre-checks, building the models, the solves, the numbers) and *CPU* the process's
CPU time meanwhile, which a loaded machine stretches less than the wall clock. *answered*:
the session is said infeasible with a conflict shown minimal, not "could not tell";
*conflicts*: how many distinct conflicts it lists (up to five). A
second table splits each explanation's wall clock by phase (`Explanation.phases`, and the
text's rendering): where the time goes, the models' building apart. The
targets are the issue's: under 2 s of solver time on a COP9 variant, under 30 s whole on the
climate session.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from benchmarks.report import replace_section  # noqa: E402

HEADING = "## Explanations"
VARIANTS = ROOT / "instances" / "variants"
Data = dict[str, Any]

#: The issue's targets: solver seconds on a COP9 variant, whole seconds on the climate session.
COP9_SOLVER_TARGET = 2.0
CLIMATE_WHOLE_TARGET = 30.0


@dataclass(frozen=True)
class Case:
    name: str
    group: str  # "cop9" or "climate": which target applies
    data: Callable[[], Data]


@dataclass(frozen=True)
class Timing:
    name: str
    group: str
    activities: int
    status: str
    named: int  # rules in the conflict
    minimal: bool
    conflicts: int  # distinct conflicts listed (`Explanation.conflicts`, at most five)
    #: Whether every conflict listed is shown minimal (the first one's alone: `minimal`).
    all_minimal: bool
    solves: int
    solver_s: float
    deterministic: float
    whole_s: float
    cpu_s: float  # the process's CPU time during `explain`, CP-SAT's threads included
    workers: int
    load_before: float
    #: Wall seconds per phase of the explanation (`Explanation.phases`), and the text's.
    phases: dict[str, float] = field(default_factory=dict)

    @property
    def answered(self) -> bool:
        return self.status == "infeasible" and self.minimal

    @property
    def met(self) -> bool:
        if self.group == "cop9":
            return self.answered and self.solver_s < COP9_SOLVER_TARGET
        return self.answered and self.whole_s < CLIMATE_WHOLE_TARGET


# --- the cases ---------------------------------------------------------------------------


def _cop9(edit: Callable[[Data], None]) -> Callable[[], Data]:
    def data() -> Data:
        import yaml

        from scheduler.bundled import bundled_session_path

        d = yaml.safe_load(bundled_session_path().read_text(encoding="utf-8"))
        d["published"] = None
        edit(d)
        return d

    return data


def _shipped(path: Path) -> Callable[[], Data]:
    def data() -> Data:
        import yaml

        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(loaded, dict)
        return loaded

    return data


def _climate(edit: Callable[[Data], None]) -> Callable[[], Data]:
    """The benchmark suite's climate session (10 days x 30 rooms, seed 1), made impossible."""

    def data() -> Data:
        from benchmarks.suite import case
        from scheduler.generate import generate_session

        d = copy.deepcopy(generate_session(**case("climate").generator).data)
        d["published"] = None
        edit(d)
        return d

    return data


def _interpretation(**fields: object) -> Callable[[Data], None]:
    return lambda d: d["interpretation"].update(fields)


def _item(ident: str, **fields: object) -> Callable[[Data], None]:
    def edit(d: Data) -> None:
        next(e for e in d["items"] if str(e["id"]) == ident).update(fields)

    return edit


def _budget_cut(d: Data) -> None:
    d["interpretation"]["budget"] = d["interpretation"]["budget"] * 2 // 3


CASES: tuple[Case, ...] = (
    *(Case(p.stem, "cop9", _shipped(p)) for p in sorted(VARIANTS.glob("cop9-*.yaml"))),
    Case("cop9-cap-1", "cop9", _cop9(_interpretation(parallel_cap=1))),
    Case("cop9-teams-1", "cop9", _cop9(_interpretation(teams=1))),
    Case("cop9-budget-11", "cop9", _cop9(_interpretation(budget=11))),
    Case(
        "cop9-item-3-due-tuesday",
        "cop9",
        _cop9(_item("3", latest_end=dt.datetime(2018, 10, 16, 18))),
    ),
    Case(
        "cop9-wednesday-holiday",
        "cop9",
        _cop9(lambda d: d["session"].update(holidays=[dt.date(2018, 10, 17)])),
    ),
    Case("climate-teams-1", "climate", _climate(_interpretation(teams=1))),
    Case("climate-budget-two-thirds", "climate", _climate(_budget_cut)),
)


# --- measuring ---------------------------------------------------------------------------


@contextmanager
def solver_clock() -> Iterator[list[tuple[float, float]]]:
    """Every `CpSolver.solve` in the block adds its (wall time, deterministic time)."""
    from ortools.sat.python import cp_model

    seen: list[tuple[float, float]] = []
    original = cp_model.CpSolver.solve

    def timed(self: cp_model.CpSolver, *args: Any, **kwargs: Any) -> Any:
        status = original(self, *args, **kwargs)
        seen.append((self.wall_time, self.response_proto.deterministic_time))
        return status

    cp_model.CpSolver.solve = timed  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        cp_model.CpSolver.solve = original  # type: ignore[method-assign]


def measure(chosen: Case, time_limit: float | None, workers: int) -> Timing:
    from models.explain import explain
    from scheduler.io.session_file import session_from_data

    session = session_from_data(chosen.data(), file=f"<{chosen.name}>")
    load = os.getloadavg()[0]
    with solver_clock() as seen:
        began, cpu = time.perf_counter(), time.process_time()
        found = explain(session, time_limit=time_limit, workers=workers)
        written = time.perf_counter()
        found.text()
        whole, cpu = time.perf_counter() - began, time.process_time() - cpu
    phases = {**found.phases, "text": time.perf_counter() - written}
    return Timing(
        name=chosen.name,
        group=chosen.group,
        activities=len(session.activities),
        status=found.status,
        named=len(found.conflict),
        minimal=found.minimal,
        conflicts=len(found.conflicts),
        all_minimal=all(c.minimal for c in found.conflicts),
        solves=len(seen),
        solver_s=sum(w for w, _ in seen),
        deterministic=sum(d for _, d in seen),
        whole_s=whole,
        cpu_s=cpu,
        workers=workers,
        load_before=load,
        phases=phases,
    )


# --- the section of results.md -------------------------------------------------------------


def section(timings: list[Timing], loads: tuple[float, float], time_limit: float | None) -> str:
    limit = "the session's time limit (60 s)" if time_limit is None else f"{time_limit:g} s"
    lines = [
        f"{HEADING} ({time.strftime('%Y-%m-%d %H:%M')}, `benchmarks/explain_bench.py`)",
        "",
        f"`explain` on each variant within {limit} for all its solves, one after the other; "
        f"load average {loads[0]:.2f} before, {loads[1]:.2f} after (2 shared cores: wall "
        "times under load are longer; the deterministic time does not depend on it). "
        "*solver*: CP-SAT's own wall time summed over the solves; *whole*: `explain` end to "
        "end; *CPU*: the process's CPU time meanwhile (less dependent on the load). "
        "Targets: under 2 s solver time on a COP9 variant, under 30 s whole on the climate "
        "session, answered (a conflict shown minimal).",
        "",
        "| variant | activities | workers | status | rules named | minimal | conflicts | "
        "solves | solver (s) | deterministic | whole (s) | CPU (s) | load | target met |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for t in timings:
        lines.append(
            f"| {t.name} | {t.activities} | {t.workers} | {t.status} | {t.named} | "
            f"{'yes' if t.minimal else 'no'} | {_conflicts(t)} | {t.solves} | {t.solver_s:.2f} | "
            f"{t.deterministic:.2f} | {t.whole_s:.2f} | {t.cpu_s:.2f} | {t.load_before:.1f} | "
            f"{'yes' if t.met else '**no**'} |"
        )
    lines += ["", *phase_table(timings)]
    cop9 = [t for t in timings if t.group == "cop9"]
    if cop9:
        lines += [
            "",
            f"COP9 variants: solver time {min(t.solver_s for t in cop9):.2f}-"
            f"{max(t.solver_s for t in cop9):.2f} s, whole {min(t.whole_s for t in cop9):.2f}-"
            f"{max(t.whole_s for t in cop9):.2f} s; {sum(t.met for t in cop9)} of {len(cop9)} "
            "within the target.",
        ]
    return "\n".join(lines)


def _conflicts(t: Timing) -> str:
    """How many conflicts are listed, and whether some after the first is not shown minimal."""
    return f"{t.conflicts}" if t.all_minimal else f"{t.conflicts} (not all minimal)"


#: The phases of an explanation, in the order they run (`Explanation.phases`; "solve" is
#: the whole's rest: time in CP-SAT and around it outside any named phase).
PHASES = (
    "pre-checks",
    "horizon",
    "build",
    "whole session",
    "core",
    "quickxplain",
    "deletion check",
    "relaxations",
    "settle",
    "numbers",
    "text",
)


def phase_table(timings: list[Timing]) -> list[str]:
    """Wall seconds per phase of each explanation: where its time goes. A phase's solves
    count to it; the models' building counts to *build*, whichever phase builds them."""
    head = "| variant | " + " | ".join(PHASES) + " | rest |"
    lines = [head, "|---|" + "---|" * (len(PHASES) + 1)]
    for t in timings:
        rest = t.whole_s - sum(t.phases.values())
        cells = [f"{t.phases.get(p, 0.0):.2f}" for p in PHASES]
        lines.append(f"| {t.name} | " + " | ".join(cells) + f" | {rest:.2f} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", help="comma-separated name prefixes (default: all)")
    parser.add_argument("--time-limit", type=float, help="seconds per explanation (default 60)")
    parser.add_argument("--update", type=Path, help="replace this section in a results file")
    args = parser.parse_args(argv)
    prefixes = args.cases.split(",") if args.cases else [""]
    chosen = [c for c in CASES if any(c.name.startswith(p) for p in prefixes)]
    cores = os.cpu_count() or 1
    load_before = os.getloadavg()[0]
    timings = []
    for c in chosen:
        t = measure(c, args.time_limit, 1 if c.group == "cop9" else cores)
        timings.append(t)
        print(
            f"{t.name}: {t.status}, {t.named} named, minimal {t.minimal}, "
            f"conflicts {_conflicts(t)}, {t.solves} solves, "
            f"solver {t.solver_s:.2f} s (dtime {t.deterministic:.2f}), whole {t.whole_s:.2f} s, "
            f"CPU {t.cpu_s:.2f} s, "
            f"load {t.load_before:.1f}",
            flush=True,
        )
        print("  " + ", ".join(f"{p} {t.phases.get(p, 0.0):.2f}" for p in PHASES), flush=True)
    text = section(timings, (load_before, os.getloadavg()[0]), args.time_limit)
    print(text)
    if args.update is not None:
        old = args.update.read_text(encoding="utf-8") if args.update.exists() else ""
        args.update.write_text(replace_section(old, HEADING, text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
