"""The provisional agenda proper: numbered items, lettered sub-items, one clean title each.

Items are numbered `1.`, `2.`, ... and sub-items lettered `a)` or `(a)`, in sequence; a title
runs over lines until it ends with `:` (it has sub-items), `;` or `.` (the last one). Lists
without that punctuation are read too: a line then continues a title when it starts in lower
case or the title ends mid-phrase. Only numbers and letters in sequence count, so a quoted
"2." inside a paragraph is not taken for an item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scheduler.agenda_import.cleaning import Vocabulary, clean_phrase, join_lines
from scheduler.agenda_import.words import AGENDA_HEADING, ANNOTATIONS_HEADING, fold

ITEM_LINE = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
SUB_ITEM_LINE = re.compile(r"^(?:\((?P<a>[a-z])\)|(?P<b>[a-z])\))\s+(?P<title>\S.*)$")
_ROMAN_LINE = re.compile(r"^\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)\s+\S")
_OPEN_END = re.compile(
    r"([,(\-/]|\b(de|des|du|la|le|les|et|à|aux|au|en|sur|of|the|and|to|in|on|for|with|a|an))$",
    re.IGNORECASE,
)
_TERMINATED = re.compile(r"[;:.]\s*((et|and|ou|or)\s*)?$")


@dataclass
class AgendaItem:
    """An item (`2`) or sub-item (`2b`) of the provisional agenda."""

    number: int
    letter: str | None
    lines: list[str] = field(default_factory=list)
    title: str = ""

    @property
    def id(self) -> str:
        return f"{self.number}{self.letter or ''}"

    @property
    def parent(self) -> str | None:
        return str(self.number) if self.letter else None

    @property
    def label(self) -> str:
        """As a planner writes it: `2 b)`."""
        return f"{self.number} {self.letter})" if self.letter else str(self.number)


@dataclass
class AgendaList:
    items: list[AgendaItem]
    start: int  # index of the line `1. ...`
    end: int  # index of the first line after the list
    notes: list[str]


def _start(lines: list[str]) -> int | None:
    """Index of the line `1. ...` that opens the list, after the agenda heading if any."""
    heading = next((i for i, line in enumerate(lines) if AGENDA_HEADING.match(fold(line))), 0)
    for i in range(heading, len(lines)):
        m = ITEM_LINE.match(lines[i])
        if m and m.group(1) == "1":
            return i
    return None


def _title(lines: list[str], vocabulary: Vocabulary, lang: str) -> str:
    text = clean_phrase(join_lines(lines, vocabulary), vocabulary, lang)
    text = re.sub(r"\s*[;:.,]\s*((et|and|ou|or)\s*)?$", "", text)
    return text.strip()


def _uses_terminators(items: list[AgendaItem]) -> bool:
    """Whether most titles so far end with `;`, `:` or `.` (then only they end a title)."""
    ended = sum(1 for it in items if _TERMINATED.search(" ".join(it.lines)))
    return ended > 0 and ended * 2 >= len(items)


def parse_agenda(lines: list[str], vocabulary: Vocabulary, lang: str) -> AgendaList:
    """The items of the provisional agenda found in `lines` (cleaned page lines)."""
    lines = [line.strip() for line in lines]
    start = _start(lines)
    if start is None:
        return AgendaList([], 0, 0, ["no numbered agenda list ('1. ...') was found"])
    limit = next(
        (i for i in range(start, len(lines)) if ANNOTATIONS_HEADING.match(fold(lines[i]))),
        None,
    )
    items: list[AgendaItem] = []
    notes: list[str] = []
    end = limit if limit is not None else len(lines)
    for i in range(start, limit if limit is not None else len(lines)):
        line = lines[i]
        if not line:
            continue
        current = items[-1] if items else None
        item = ITEM_LINE.match(line)
        sub = SUB_ITEM_LINE.match(line)
        expected = (items[-1].number + 1) if items else 1
        if item and expected <= int(item.group(1)) <= expected + 2:
            number = int(item.group(1))
            if number > expected:
                notes.append(f"agenda: item(s) {expected} to {number - 1} not found in the list")
            items.append(AgendaItem(number, None, [item.group(2)]))
            continue
        if current is not None and sub:
            letter = sub["a"] or sub["b"]
            last_letter = current.letter or chr(ord("a") - 1)
            if ord(letter) == ord(last_letter) + 1:
                items.append(AgendaItem(current.number, letter, [sub["title"]]))
                continue
        if current is not None and _ROMAN_LINE.match(line):
            notes.append(f"agenda: a third level under item {current.label} was not kept: {line}")
            continue
        if current is None:
            continue
        so_far = " ".join(current.lines)
        if _TERMINATED.search(so_far):
            if limit is None:
                end = i  # the list is over: the annotations follow without a heading
                break
            notes.append(f"agenda: line not read as part of a title: {line!r}")
            continue
        if _uses_terminators(items[:-1]) or line[0].islower() or _OPEN_END.search(so_far):
            current.lines.append(line)
            continue
        if limit is None:
            end = i
            break
        notes.append(f"agenda: line not read as part of a title: {line!r}")
    for it in items:
        it.title = _title(it.lines, vocabulary, lang)
    if items and not _uses_terminators(items):
        notes.append("agenda: titles end with no punctuation; check where each title ends")
    return AgendaList(items, start, end, notes)
