"""Write session data as YAML with comments: the report on top, notes beside their fields.

PyYAML drops comments, so the layout is written here: block style for the structure, flow
style (`{id: AM, start: '10:00', end: '13:00'}`) for small mappings and lists that fit on a
line, PyYAML itself for every value so quoting is always right.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

import yaml

from scheduler.agenda_import.cleaning import UNPRINTABLE

#: Where a field sits in the data: ("items", 3, "minutes").
FieldPath = tuple[str | int, ...]
WIDTH = 100


def _plain(value: Any) -> Any:
    """Datetimes as `2018-10-18T12:00`, the way session files write them."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _dump(value: Any, flow: bool) -> str:
    text = yaml.safe_dump(
        _plain(value), default_flow_style=flow, allow_unicode=True, sort_keys=False,
        width=10**9,
    )  # fmt: skip
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool | dt.date)


def _commented_below(path: FieldPath, comments: dict[FieldPath, str]) -> bool:
    return any(len(p) > len(path) and p[: len(path)] == path for p in comments)


def _inline(value: Any, path: FieldPath, comments: dict[FieldPath, str], room: int) -> str | None:
    """`value` on one line, if it fits in `room` characters and nothing inside is commented."""
    if _is_scalar(value):
        return _dump(value, flow=True)
    if _commented_below(path, comments):
        return None
    if isinstance(value, list) and not value:
        return "[]"
    if isinstance(value, dict | list):
        text = _dump(value, flow=True)
        return text if len(text) <= room else None
    return None


def _printable(text: str) -> str:
    """`text` without the characters YAML refuses even in comments."""
    return UNPRINTABLE.sub("?", text.replace("\n", " ").replace("\r", " "))


def _append(out: list[str], line: str, comment: str | None, indent: int) -> None:
    if comment is not None:
        comment = _printable(comment)
    if comment is None:
        out.append(line)
    elif len(line) + 4 + len(comment) <= WIDTH:
        out.append(f"{line}  # {comment}")
    else:
        pad = " " * indent
        out.extend(textwrap.wrap(comment, WIDTH - indent, initial_indent=f"{pad}# ",
                                 subsequent_indent=f"{pad}#   "))  # fmt: skip
        out.append(line)


def _mapping(
    data: dict[str, Any],
    path: FieldPath,
    indent: int,
    comments: dict[FieldPath, str],
    out: list[str],
    first_prefix: str | None = None,
) -> None:
    for n, (key, value) in enumerate(data.items()):
        prefix = first_prefix if n == 0 and first_prefix is not None else " " * indent
        here = (*path, key)
        head = f"{prefix}{key}:"
        inline = _inline(value, here, comments, WIDTH - len(head) - 1)
        if inline is not None:
            _append(out, f"{head} {inline}", comments.get(here), indent)
        elif isinstance(value, dict):
            _append(out, head, comments.get(here), indent)
            _mapping(value, here, indent + 2, comments, out)
        else:
            _append(out, head, comments.get(here), indent)
            _sequence(value, here, indent + 2, comments, out)


def _sequence(
    data: list[Any], path: FieldPath, indent: int, comments: dict[FieldPath, str], out: list[str]
) -> None:
    pad = " " * indent
    for n, value in enumerate(data):
        here = (*path, n)
        inline = _inline(value, here, comments, WIDTH - indent - 2)
        if inline is not None:
            _append(out, f"{pad}- {inline}", comments.get(here), indent)
        elif isinstance(value, dict):
            if here in comments:
                _append(out, f"{pad}# {comments[here]}", None, indent)
            _mapping(value, here, indent + 2, comments, out, first_prefix=f"{pad}- ")
        else:
            out.append(f"{pad}-")
            _sequence(value, here, indent + 2, comments, out)


def to_yaml_text(data: dict[str, Any], comments: dict[FieldPath, str], header: list[str]) -> str:
    """The YAML text of `data`, `header` lines as comments on top, `comments` by field path."""
    out: list[str] = []
    for line in map(_printable, header):
        if not line:
            out.append("#")
            continue
        out.extend(textwrap.wrap(line, WIDTH - 2, initial_indent="# ", subsequent_indent="#   ",
                                 break_long_words=False, break_on_hyphens=False))  # fmt: skip
    top = dict(comments)
    for key, value in data.items():
        if out:
            out.append("")
        _mapping({key: value}, (), 0, top, out)
    return "\n".join(out) + "\n"
