"""Cell values as the session model takes them: typed, trimmed, lists split."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from scheduler.io.session_workbook.layout import Kind


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_TRUE = {"true", "yes", "1", "vrai", "oui"}
_FALSE = {"false", "no", "0", "faux", "non"}


def from_cell(value: object, kind: Kind) -> Any:
    """A cell's value as the session model takes it; what cannot be read goes as it is, for
    the model to refuse with the value named."""
    if is_blank(value):
        return None
    if isinstance(value, str) and kind not in ("text",):
        value = value.strip()
    if isinstance(value, float) and value.is_integer() and kind in ("id", "text", "int", "ids"):
        value = int(value)
    converters: dict[str, Callable[[Any], Any]] = {
        "id": _as_id,
        "text": lambda v: str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v,
        "bool": _as_bool,
        "date": _as_date,
        "datetime": lambda v: v,
        "time": _as_time,
        "ids": _as_ids,
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
    if isinstance(value, float) and 0 <= value < 1:  # an Excel time as a fraction of a day
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60, minutes % 60)
    return value


def _as_ids(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[,;]", value) if part.strip()]
    if isinstance(value, int) and not isinstance(value, bool):
        return [str(value)]
    return value
