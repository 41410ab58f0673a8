"""The cell-to-value step of every workbook reader: cell values typed, trimmed, lists split.

Both session workbooks and the timetable workbook's `Assignments` sheet read each cell through
`from_cell`, then hand the values to a pydantic model, which refuses what it cannot take and
names the value: what cannot be read here goes on as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from scheduler.io.session_workbook.layout import Kind


def is_blank(value: object) -> bool:
    """An empty cell, or one holding only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


_TRUE = {"true", "yes", "1", "vrai", "oui"}
_FALSE = {"false", "no", "0", "faux", "non"}
_BOOLEAN_FORMULA = re.compile(r"=\s*(TRUE|FALSE)\s*(\(\s*\))?\s*", re.IGNORECASE)


def formula_value(formula: str) -> bool | None:
    """The value of a formula that is a boolean constant, `=TRUE()` or `=FALSE()`, else None.

    LibreOffice saves a TRUE typed in a cell as the formula `=TRUE()` with its value cached;
    a tool that drops cached values (openpyxl, pandas) leaves only the formula.
    """
    match = _BOOLEAN_FORMULA.fullmatch(formula)
    return None if match is None else match.group(1).upper() == "TRUE"


def from_cell(value: object, kind: Kind) -> Any:
    """A cell's value as a model takes it; what cannot be read goes as it is, for the model to
    refuse with the value named."""
    if is_blank(value):
        return None
    if isinstance(value, str) and value.lstrip().startswith("="):
        constant = formula_value(value)
        value = value if constant is None else constant
    if isinstance(value, str) and kind not in ("text",):
        value = value.strip()
    if (
        isinstance(value, float)
        and value.is_integer()
        and kind in ("id", "text", "int", "ids", "body")
    ):
        value = int(value)
    converters: dict[str, Callable[[Any], Any]] = {
        "id": _as_id,
        "text": lambda v: str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v,
        "bool": _as_bool,
        "date": _as_date,
        "datetime": lambda v: v,
        "time": _as_time,
        "ids": _as_ids,
        "body": _as_body,
        "dates": _as_dates,
    }
    convert = converters.get(kind)
    return convert(value) if convert else value


def _as_id(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _as_bool(value: Any) -> Any:
    if isinstance(value, str):
        text = value.lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
        return bool(value)
    return value


def _as_date(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    return value


def _as_time(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 1:
        return _excel_time(value)
    return value


def _excel_time(fraction: float) -> dt.time:
    """A time Excel stores as a fraction of a day: to the minute when within a second of one
    (what floating point leaves of a typed 10:30), else to the microsecond, seconds kept as a
    time cell keeps them, for the model to refuse or keep."""
    seconds = fraction * 86400
    minutes = round(seconds / 60)
    if abs(seconds - minutes * 60) < 1 and minutes < 24 * 60:
        return dt.time(minutes // 60, minutes % 60)
    whole, micro = divmod(min(round(seconds * 1_000_000), 86_400_000_000 - 1), 1_000_000)
    return dt.time(whole // 3600, whole // 60 % 60, whole % 60, micro)


def _as_ids(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[,;]", value) if part.strip()]
    if isinstance(value, int) and not isinstance(value, bool):
        return [str(value)]
    return value


def _as_body(value: Any) -> Any:
    """One body (an id), or the bodies of a joint meeting (`wg-a, wg-b`)."""
    if isinstance(value, str) and re.search(r"[,;]", value):
        return _as_ids(value)
    return _as_id(value)


def _as_dates(value: Any) -> Any:
    """A date cell is one date; a text may list several, comma-separated."""
    if isinstance(value, dt.datetime | dt.date):
        return [_as_date(value)]
    return _as_ids(value)
