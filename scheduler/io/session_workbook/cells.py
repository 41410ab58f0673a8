"""Where each value of the session data came from, so errors can name their cell."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from openpyxl.cell.cell import Cell

Loc = tuple[str | int, ...]


@dataclass
class Cells:
    """Where each value of the session data came from: location -> (`Sheet!A1`, value)."""

    at: dict[Loc, tuple[str, object]] = field(default_factory=dict)

    def put(self, loc: Loc, cell: Cell | str, value: object = None) -> None:
        if isinstance(cell, str):
            self.at.setdefault(loc, (cell, None))
        else:
            self.at[loc] = (f"{cell.parent.title}!{cell.coordinate}", cell.value)

    def find(self, loc: Loc, message: str) -> tuple[str, object] | None:
        """The cell of `loc`; for a list or entry, the cell whose value the message names."""
        if loc in self.at and not self._has_children(loc):
            return self.at[loc]
        inside = [(k, v) for k, v in self.at.items() if k[: len(loc)] == loc and k != loc]
        named = [
            place for _, place in inside if place[1] is not None and _named_in(place[1], message)
        ]
        if named:  # "listed twice": the second one is the one to remove
            return named[-1] if "twice" in message else named[0]
        if loc in self.at:
            return self.at[loc]
        if inside:
            return inside[0][1]
        return self.find(loc[:-1], message) if loc else None

    def move(self, old: Loc, new: Loc) -> None:
        """What came from cells at `old` (and inside it) is now at `new`."""
        for loc in [k for k in self.at if k[: len(old)] == old]:
            self.at[(*new, *loc[len(old) :])] = self.at.pop(loc)

    def renumber(self, target: Loc, moves: dict[int, Loc]) -> None:
        """The entries of the list at `target` moved, entry k to `moves[k]` (all at once)."""
        depth = len(target)
        inside = [k for k in self.at if k[:depth] == target and len(k) > depth]
        places = {k: self.at.pop(k) for k in inside}
        for loc, place in places.items():
            index = loc[depth]
            if isinstance(index, int) and index in moves:
                self.at[(*moves[index], *loc[depth + 1 :])] = place
            else:
                self.at[loc] = place

    def knows(self, loc: Loc) -> bool:
        """Whether `loc` or something inside it came from a cell."""
        return loc in self.at or self._has_children(loc)

    def _has_children(self, loc: Loc) -> bool:
        return any(len(k) > len(loc) and k[: len(loc)] == loc for k in self.at)


def _named_in(value: object, message: str) -> bool:
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        value = value.date()
    text = str(value).strip()
    return bool(text) and (f"'{text}'" in message or (len(text) > 3 and text in message))
