"""The variant comparison as a chart: a panel per measure, a bar per variant.

Variants without a timetable get no bar but their status in red, so an infeasible variant
reads as an answer rather than as a zero. Interpreted meetings are drawn against each
variant's budget (a black tick).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from scheduler.plots.picture import new_picture

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Measures drawn by default, and their panel titles.
MEASURES: dict[str, str] = {
    "interpreted_meetings": "Interpreted meetings (bar: used, tick: budget)",
    "carried_over": "Items carried over",
    "moves": "Activities moved from the baseline",
    "days_used": "Working days used",
    "objective": "Preference cost (objective)",
    "solve_time": "Solve time (s)",
}
DEFAULT_MEASURES: tuple[str, ...] = ("interpreted_meetings", "carried_over", "moves")
_COUNTS = {"interpreted_meetings", "carried_over", "moves", "days_used"}
_BAR = "#4e79a7"
_NONE = "#b22222"


def plot_comparison(
    table: pd.DataFrame,
    measures: Sequence[str] = DEFAULT_MEASURES,
    *,
    title: str | None = None,
) -> Figure:
    """Draw `compare_variants`' table: one panel per measure, variants top to bottom."""

    unknown = [m for m in measures if m not in table.columns]
    if unknown:
        raise ValueError(f"not columns of the table: {unknown} (columns: {list(table.columns)})")
    names = [str(n) for n in table.index]
    height = 1.0 + 0.38 * len(names)
    fig = new_picture(figsize=(1.6 + 3.2 * len(measures), height), layout="constrained")
    axes = fig.subplots(1, len(measures), sharey=True, squeeze=False)[0]
    for ax, measure in zip(axes, measures, strict=True):
        _panel(ax, table, measure, names)
    if title:
        fig.suptitle(title, fontweight="bold")
    return fig


def _panel(ax: Axes, table: pd.DataFrame, measure: str, names: list[str]) -> None:
    from matplotlib.ticker import MaxNLocator

    positions = list(range(len(names)))
    values = [_number(v) for v in table[measure]]
    shown = [v if v is not None else 0.0 for v in values]
    ax.barh(positions, shown, color=_BAR, height=0.6)
    top = max([v for v in values if v is not None] + [1.0])
    ticks: list[float | None] = [None] * len(names)
    if measure == "interpreted_meetings" and "interpretation_budget" in table.columns:
        ticks = [_number(v) for v in table["interpretation_budget"]]
        marks = [(p, b) for p, b in zip(positions, ticks, strict=True) if b is not None]
        ax.scatter([b for _, b in marks], [p for p, _ in marks], marker="|", s=260, c="black")
        top = max([top] + [b for _, b in marks])
    rows = zip(positions, values, ticks, table["status"], strict=True)
    for position, value, tick, status in rows:
        if value is None:
            ax.text(0, position, f" {status}", va="center", ha="left", color=_NONE, style="italic")
        else:  # right of the bar and of the budget's tick, never over it
            at = max(value, tick if tick is not None else value)
            ax.text(at, position, f"  {value:g}", va="center", ha="left", fontsize=8)
    ax.set_xlim(0, top * 1.3)
    if measure in _COUNTS:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_yticks(positions, names)
    # The first variant on top. Not `invert_yaxis()`: the panels share their y axis, and each
    # panel's call flipped it again, so two panels drew the variants bottom to top.
    ax.set_ylim(len(names) - 0.5, -0.5)
    ax.set_title(MEASURES.get(measure, measure), fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", length=0)


def _number(value: object) -> float | None:
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if number != number else number  # NaN
