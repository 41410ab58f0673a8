"""A sweep's table as a heat map: one measure over two parameters (budget x teams).

Cells average the measure over the sweep's other parameters: `feasible` becomes the share of
variants with a timetable, `days_used` or `carried_over` the mean among those that have one.
A cell without any value is left blank (no variant there has a timetable).
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: How each measure reads in a cell, and what colours it.
_LABELS = {
    "feasible": ("share with a timetable", "{:.0%}", "RdYlGn"),
    "days_used": ("days used (mean)", "{:.1f}", "viridis_r"),
    "carried_over": ("items carried over (mean)", "{:.1f}", "magma_r"),
    "interpreted_meetings": ("interpreted meetings (mean)", "{:.1f}", "viridis"),
}


def sweep_pivot(table: pd.DataFrame, rows: str, columns: str | None, value: str) -> pd.DataFrame:
    """`value` averaged per (rows, columns) pair: the numbers the heat map shows.

    Without `columns`, one column named after `value`.
    """
    for name in (rows, columns, value):
        if name is not None and name not in table.columns:
            raise KeyError(f"the sweep has no column {name!r} (columns: {list(table.columns)})")
    values = table[value].astype("Float64").astype(float)
    if columns is None:
        return values.groupby(table[rows]).mean().to_frame(value)
    frame = pd.DataFrame({rows: table[rows], columns: table[columns], value: values})
    return frame.pivot_table(
        index=rows, columns=columns, values=value, aggfunc="mean", dropna=False
    )


def plot_sweep(
    table: pd.DataFrame,
    rows: str = "budget",
    columns: str | None = "teams",
    value: str = "feasible",
    *,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Heat map of `value` (feasible, days_used, carried_over, ...) by `rows` x `columns`.

    `ax`: draw into these axes (e.g. one panel of a figure with several measures).
    """
    import matplotlib.pyplot as plt

    grid = sweep_pivot(table, rows, columns, value)
    label, form, colours = _LABELS.get(value, (value, "{:g}", "viridis"))
    if ax is None:
        figure, ax = plt.subplots(figsize=(1.2 + 0.9 * len(grid.columns), 0.9 + 0.4 * len(grid)))
    else:
        figure = ax.figure  # type: ignore[assignment]
    low, high = (0.0, 1.0) if value == "feasible" else (None, None)  # a share: 0 to 100 %
    shown = ax.imshow(grid.to_numpy(dtype=float), cmap=colours, aspect="auto", vmin=low, vmax=high)
    ax.set_xticks(range(len(grid.columns)), [str(c) for c in grid.columns])
    ax.set_yticks(range(len(grid.index)), [str(i) for i in grid.index])
    ax.set_xlabel(columns or "")
    ax.set_ylabel(rows)
    numbers = grid.to_numpy(dtype=float)
    for i, j in itertools.product(range(numbers.shape[0]), range(numbers.shape[1])):
        if not math.isnan(numbers[i, j]):
            red, green, blue, _ = shown.cmap(shown.norm(numbers[i, j]))
            ink = "black" if 0.299 * red + 0.587 * green + 0.114 * blue > 0.5 else "white"
            ax.text(
                j, i, form.format(numbers[i, j]), ha="center", va="center", fontsize=8, color=ink
            )
    figure.colorbar(shown, ax=ax, label=label)
    ax.set_title(title or (f"{label}: {rows} x {columns}" if columns else f"{label}: {rows}"))
    return figure
