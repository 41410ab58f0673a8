"""Structure-aware mutations for the fuzzing suite: small edits a planner, a spreadsheet
program or an attacker could make, drawn by hypothesis so that each failure shrinks to one.

Values are drawn from what breaks parsers and models: wrong types, huge and negative numbers,
NaN, long and control-character text, formulas, empty lists, deep lists, unknown keys.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from hypothesis import strategies as st

HOSTILE_TEXT = [
    "",
    " ",
    '=HYPERLINK("http://example.org","x")',
    "=1+1",
    "x" * 5000,
    "\x00\x01\x1b[31m",
    "\u202eevil",
    "日本語",
    "AM",
    "10:00",
    "25:00",
    "2030-02-30",
    "1e23",
    "true",
    "null",
    "*alias",
    "&anchor x",
    "{a: 1}",
    "- - -",
]

HOSTILE_VALUES: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.sampled_from([0, -1, 1, 2**31, 2**63, 10**30, 1e23, -1e23, 0.5, True, False, None]),
    st.sampled_from([float("nan"), float("inf")]),
    st.just([]),
    st.just({}),
    st.just([[[[[]]]]]),
    st.dates(dt.date(1900, 1, 1), dt.date(2200, 1, 1)),
    st.integers(-(10**6), 10**6),
    st.text(max_size=20),
)


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every location in nested dicts and lists, parents before children."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(paths(value, (*prefix, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(paths(value, (*prefix, index)))
    return found


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


@st.composite
def mutated(draw: st.DrawFn, data: dict[str, Any], edits: int = 3) -> dict[str, Any]:
    """`data` with a few edits: a value replaced, a key dropped or added, an entry duplicated."""
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, edits))):
        where = draw(st.sampled_from(paths(data)[1:]))
        parent, last = _at(data, where[:-1]), where[-1]
        kind = draw(st.sampled_from(["replace", "drop", "add-key", "duplicate", "swap-type"]))
        if kind == "replace":
            parent[last] = copy.deepcopy(draw(HOSTILE_VALUES))
        elif kind == "drop":
            del parent[last]
        elif kind == "add-key" and isinstance(parent[last], dict):
            key = draw(st.sampled_from(["minute", "rooms", "x", "meetings", "date"]))
            parent[last][key] = copy.deepcopy(draw(HOSTILE_VALUES))
        elif kind == "duplicate" and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        elif kind == "swap-type":
            value = parent[last]
            parent[last] = [value] if not isinstance(value, list) else (value[0] if value else {})
    return data


TEXT_EDITS = st.sampled_from(
    ["delete", "duplicate", "swap", "garbage", "number", "truncate", "join", "blank"]
)


@st.composite
def mutated_lines(draw: st.DrawFn, lines: list[str], edits: int = 6) -> list[str]:
    """A document's lines with a few edits: lines lost, doubled, swapped, cut, garbled."""
    lines = list(lines)
    for _ in range(draw(st.integers(1, edits))):
        if not lines:
            lines = [draw(st.text(max_size=40))]
        k = draw(st.integers(0, len(lines) - 1))
        kind = draw(TEXT_EDITS)
        if kind == "delete":
            del lines[k]
        elif kind == "duplicate":
            lines.insert(k, lines[k])
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[k], lines[j] = lines[j], lines[k]
        elif kind == "garbage":
            lines[k] = draw(st.text(max_size=60))
        elif kind == "number":
            number, text = draw(st.integers(-5, 10**6)), draw(st.sampled_from(HOSTILE_TEXT))
            lines.insert(k, f"{number}. {text}")
        elif kind == "truncate":
            lines[k] = lines[k][: draw(st.integers(0, max(len(lines[k]) - 1, 0)))]
        elif kind == "join" and k + 1 < len(lines):
            lines[k : k + 2] = [lines[k] + " " + lines[k + 1]]
        elif kind == "blank":
            lines.insert(k, "")
    return lines


#: What a spreadsheet cell can hold, hostile: text, numbers, booleans, dates, times, empty.
CELL_VALUES: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.sampled_from([0, -1, 1, 2**31, 10**15, 1e20, -1e20, 0.5, 1.999, True, False, None]),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(2200, 1, 1)),
    st.dates(dt.date(1900, 3, 1), dt.date(2200, 1, 1)),
    st.times(),
    st.integers(-(10**6), 10**6),
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=20),
)
