"""`schedule sweep`: every combination of a few parameters solved, in one table and one picture.

    schedule sweep cop9.yaml --vary budget=12..20 --vary teams=1,2 -o sweep.xlsx
    schedule sweep cop9.yaml --vary days=4,5 --executor dask://scheduler-host:8786

The workbook has one sheet: a row per variant (its parameters, status, reason and measures,
as `Sweep.table()`), and a heat map of the share of variants with a timetable over the first
two parameters. Exit code 0 when the workbook is written, whatever the variants' answers;
2 for invalid input.
"""

from __future__ import annotations

import io
from concurrent.futures import Executor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scheduler.cli.app import app
from scheduler.cli.common import console, ensure_writable, load, planner_errors
from scheduler.cli.options import (
    Quiet,
    Seed,
    SessionFile,
    SweepCache,
    SweepExecutor,
    SweepOutput,
    TimeLimit,
    Vary,
    Workers,
)
from scheduler.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

SHEET = "Sweep"


@app.command("sweep")
def sweep_command(
    session: SessionFile,
    vary: Vary,
    executor: SweepExecutor = "local",
    output: SweepOutput = Path("sweep.xlsx"),
    time_limit: TimeLimit = None,
    workers: Workers = 1,
    seed: Seed = None,
    cache: SweepCache = None,
    quiet: Quiet = False,
) -> None:
    """Solve every combination of the parameters given, into one table and one heat map."""
    from scheduler.explore import solve_variants, variant_grid

    with planner_errors():
        ensure_writable(output)
        loaded, _ = load(session)
        parameters = dict(parse_vary(text) for text in vary)
        grid = variant_grid(loaded, **parameters)
        pool = _executor(executor)
        swept = solve_variants(
            grid,
            executor=pool,
            cache=cache,
            progress=not quiet,
            time_limit=time_limit,
            workers=workers,
            seed=seed,
        )
        table = swept.table()
        write_sweep(output, table, list(parameters))
    if not quiet:
        counts = table["status"].value_counts()
        summary = ", ".join(f"{n} {status}" for status, n in counts.items())
        console.print(f"{len(table)} variants: {summary}", markup=False)
        if cache is not None:
            console.print(f"solved {swept.solved}, from the cache {swept.from_cache}")
    console.print(str(output), markup=False)


def parse_vary(text: str) -> tuple[str, list[Any]]:
    """`budget=12..20` -> ("budget", [12, ..., 20]); `teams=1,2` -> ("teams", [1, 2])."""
    name, sep, values = text.partition("=")
    name = name.strip()
    if not sep or not name or not values.strip():
        raise InputError(
            "give name=values, e.g. budget=12..20 or teams=1,2", field="--vary", value=text
        )
    if ".." in values:
        low, _, high = values.partition("..")
        try:
            start, stop = int(low), int(high)
        except ValueError:
            raise InputError(
                "a range is two whole numbers, e.g. 12..20", field="--vary", value=text
            ) from None
        if stop < start:
            raise InputError("the range is empty", field="--vary", value=text)
        return name, list(range(start, stop + 1))
    return name, [_value(v.strip()) for v in values.split(",") if v.strip()]


def _value(text: str) -> Any:
    lowered = text.lower()
    if lowered in {"yes", "true"}:
        return True
    if lowered in {"no", "false"}:
        return False
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def _executor(name: str) -> Executor | None:
    from scheduler.explore import SerialExecutor

    if name == "local":
        return None
    if name == "serial":
        return SerialExecutor()
    if name.startswith("dask://"):
        try:
            from distributed import Client
        except ImportError:
            raise InputError(
                "needs Dask: pip install 'schedule[dask]'", field="--executor", value=name
            ) from None
        address = "tcp://" + name.removeprefix("dask://")
        try:
            client = Client(address, timeout=10)
        except OSError as exc:
            raise InputError(
                f"no Dask scheduler there ({exc})", field="--executor", value=name
            ) from None
        return client.get_executor()
    raise InputError("is local, serial or dask://HOST:PORT", field="--executor", value=name)


def write_sweep(path: Path, table: pd.DataFrame, parameters: list[str]) -> None:
    """One sheet: the table from A1, the heat map to its right."""
    import pandas as pd
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from scheduler.io.atomic import write_atomically

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    flat = table.reset_index()
    sheet.append(list(flat.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in flat.itertuples(index=False):
        sheet.append([None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in row])
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = max(12, min(60, int(flat["variant"].str.len().max()) + 2))
    picture = _heat_map(table, parameters)
    if picture is not None:
        sheet.add_image(Image(picture), f"{get_column_letter(len(flat.columns) + 2)}2")
    write_atomically(path, book.save)


def _heat_map(table: pd.DataFrame, parameters: list[str]) -> io.BytesIO | None:
    """The share of variants with a timetable over the first two parameters, as a PNG."""
    import matplotlib.pyplot as plt

    from scheduler.explore import plot_sweep

    if not parameters:
        return None
    rows = parameters[0]
    columns = parameters[1] if len(parameters) > 1 else None
    figure = plot_sweep(table, rows, columns, "feasible")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    buffer.seek(0)
    return buffer
