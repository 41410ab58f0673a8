"""A model's errors mapped back to the sheet and cell each value came from, for any workbook."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from scheduler.errors import InputError, InputErrors
from scheduler.io.session_workbook.cells import Cells, Loc
from scheduler.io.session_workbook.values import is_blank

_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _loc(field_text: str) -> Loc:
    """`items[3].title.en` as a location ("items", 3, "title", "en")."""
    return tuple(int(index) if index else name for name, index in _TOKEN.findall(field_text))


def in_cells(errors: Iterable[InputError], cells: Cells, path: Path) -> InputError:
    """The model's errors, each naming the cell its value came from."""
    found = [_in_cell(error, cells, path) for error in errors]
    return found[0] if len(found) == 1 else InputErrors(found)


def refused_cells(exc: ValidationError, cells: Cells, path: Path) -> InputError:
    """A model's refusals of values read from cells (`from_cell`), each naming its cell.

    `cells` holds the cell of each location the model sees, e.g. (3, "start") for the fourth
    row's `start` when a list of rows is validated at once.
    """
    errors = [
        InputError(
            str(err["msg"]).removeprefix("Value error, "),
            field="".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"]),
            value=err.get("input"),
            has_value=True,
        )
        for err in exc.errors(include_url=False)
    ]
    return in_cells(errors, cells, path)


def _in_cell(error: InputError, cells: Cells, path: Path) -> InputError:
    problem = error.problem
    candidates = [_loc(part) for part in (error.field or "").split("/") if part]
    head, colon, rest = problem.partition(": ")
    for loc in list(candidates):  # "days: ... listed twice" found on `session`
        if colon and re.fullmatch(r"\w+", head) and cells.knows((*loc, head)):
            candidates.insert(0, (*loc, head))
            problem = rest
            break
    place = next(
        (found for loc in candidates if (found := cells.find(loc, problem)) is not None), None
    )
    if problem == "missing":
        problem = "required, but empty"
    elif problem.startswith("List should have at least 1 item"):
        problem = "no rows; give at least one"
    if place is None:
        return InputError(
            problem, file=path, field=error.field, value=error.value, has_value=error.has_value
        )
    ref, value = place
    return InputError(
        problem,
        file=path,
        field=ref,
        value=value,
        has_value=error.has_value and not is_blank(value),
    )
