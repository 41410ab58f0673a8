"""The results table (Markdown and CSV) and the check against the targets of the issue."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

COLUMNS: tuple[str, ...] = (
    "case",
    "workers",
    "activities",
    "placements",
    "size_vs_cop9",
    "variables",
    "constraints",
    "load_s",
    "build_s",
    "first_s",
    "first_total_s",
    "optimal_s",
    "status",
    "objective",
    "bound",
    "gap_first_checkpoint",
    "gap_last_checkpoint",
    "solutions",
    "meetings",
    "valid",
    "peak_mb",
    "load_avg_before",
    "time_limit",
)


@dataclass(frozen=True)
class Target:
    what: str
    value: str
    met: bool | None  # None: not measured


def rows(results: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flat rows, one per run, with the derived columns."""
    base = next((r["placements"] for r in results if r["case"] == "cop9"), None)
    out = []
    for r in results:
        gaps = list(r["gaps"].values())
        first_total = None if r["first_s"] is None else r["build_s"] + r["first_s"]
        row = {
            **{k: r.get(k) for k in COLUMNS},
            "size_vs_cop9": round(r["placements"] / base, 1) if base else None,
            "first_total_s": first_total,
            "gap_first_checkpoint": gaps[0] if gaps else None,
            "gap_last_checkpoint": gaps[-1] if gaps else None,
        }
        out.append(row)
    return out


def write_csv(path: Path, table: Sequence[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        for row in table:
            writer.writerow({k: _csv(row.get(k)) for k in COLUMNS})


def _csv(value: Any) -> Any:
    return f"{value:.4f}" if isinstance(value, float) else value


def _s(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _pct(value: float | None) -> str:
    if value is None:
        return "-"
    return "0 %" if value == 0 else f"{100 * value:.1f} %"


def markdown_table(table: Sequence[dict[str, Any]], checkpoints: Sequence[float]) -> str:
    first, last = (f"{c:g}" for c in (checkpoints[0], checkpoints[-1]))
    head = (
        "| case | size (x COP9) | workers | variables | constraints | build (s) | "
        f"first timetable (s) | optimal (s) | gap at {first} s | gap at {last} s | "
        "objective / bound | peak memory (MB) | valid |"
    )
    lines = [head, "|" + "---|" * 13]
    for r in table:
        lines.append(
            f"| {r['case']} | {r['size_vs_cop9'] or '-'} | {r['workers']} | {r['variables']} | "
            f"{r['constraints']} | {_s(r['build_s'])} | {_s(r['first_total_s'])} | "
            f"{_s(r['optimal_s'])} | {_pct(r['gap_first_checkpoint'])} | "
            f"{_pct(r['gap_last_checkpoint'])} | {_num(r['objective'])} / {_num(r['bound'])} | "
            f"{r['peak_mb']:.0f} | {_yes(r['valid'])} |"
        )
    return "\n".join(lines)


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def _yes(value: bool | None) -> str:
    return {True: "yes", False: "NO", None: "-"}[value]


def targets(
    table: Sequence[dict[str, Any]], cli_seconds: Sequence[float], all_cores: int
) -> list[Target]:
    """The targets of the issue, each with the value measured on all cores (or the most run)."""

    def row(case: str) -> dict[str, Any] | None:
        runs = [r for r in table if r["case"] == case]
        exact = [r for r in runs if r["workers"] == all_cores]
        return (exact or sorted(runs, key=lambda r: r["workers"]))[-1] if runs else None

    out: list[Target] = []
    cop9, five, climate = row("cop9"), row("cop-5x"), row("climate")
    if cop9:
        out.append(_below("COP9 proven optimal, solver time", cop9["optimal_s"], 0.2, "s"))
    what = "COP9 `schedule solve`, whole command (best run)"
    if cli_seconds:
        out.append(_below(what, min(cli_seconds), 3.0, "s"))
    else:
        out.append(Target(what, "not measured", None))
    if five:
        out.append(_below("5x COP9 proven optimal", five["optimal_s"], 5.0, "s"))
    if climate:
        out.append(_below("climate: first timetable (build + search)", climate["first_total_s"],
                          10.0, "s"))  # fmt: skip
        out.append(_below("climate: gap at the last checkpoint", climate["gap_last_checkpoint"],
                          0.01, ""))  # fmt: skip
        out.append(_below("climate: peak memory", climate["peak_mb"], 2048, "MB"))
        total = climate["build_s"] + (climate["optimal_s"] or climate["time_limit"])
        out.append(_below("climate: model building share of the total", climate["build_s"] / total,
                          0.2, ""))  # fmt: skip
    return out


def _below(what: str, value: float | None, limit: float, unit: str) -> Target:
    if value is None:
        return Target(what, f"not reached (target < {limit:g} {unit})".strip(), False)
    shown = f"{100 * value:.2f} %" if unit == "" else f"{value:.3g} {unit}"
    limit_shown = f"{100 * limit:g} %" if unit == "" else f"{limit:g} {unit}"
    return Target(what, f"{shown} (target < {limit_shown})", value < limit)


def targets_table(found: Sequence[Target]) -> str:
    lines = ["| target | measured | met |", "|---|---|---|"]
    for t in found:
        met = {True: "yes", False: "**no**", None: "-"}[t.met]
        lines.append(f"| {t.what} | {t.value} | {met} |")
    return "\n".join(lines)


# --- results.md: sections written by different scripts ------------------------------------------


def sections(text: str) -> list[str]:
    """`text` cut before each `## ` heading: the preamble first (maybe empty), then each section."""
    parts: list[str] = [""]
    for line in text.splitlines(keepends=True):
        if line.startswith("## "):
            parts.append("")
        parts[-1] += line
    return parts


def section_key(section: str) -> str:
    """What names a section across runs: its heading without the parenthesis (date, script)."""
    first = section.splitlines()[0] if section.startswith("## ") else ""
    return first.split(" (")[0].strip()


def merge_sections(old: str, new: str) -> str:
    """`old` with each section of `new` in place of the one of the same name; the others kept.

    Each benchmark script writes its own sections of `results.md` (the suite its table and
    targets, `sweep.py` and `startup.py` theirs), so none of them drops another's.
    """
    fresh = {section_key(s): s for s in sections(new) if s.strip()}
    kept = []
    for part in sections(old):
        key = section_key(part)
        if key in fresh:
            kept.append(fresh.pop(key))
        elif part.strip():
            kept.append(part)
    kept += fresh.values()
    return "\n".join(s.strip("\n") + "\n" for s in kept)


def replace_section(old: str, heading: str, text: str) -> str:
    """`old` with its section named `heading` replaced by `text` (added at the end if none)."""
    if section_key(text) != heading:
        raise ValueError(f"the section starts {text.splitlines()[0]!r}, not {heading!r}")
    return merge_sections(old, text)
