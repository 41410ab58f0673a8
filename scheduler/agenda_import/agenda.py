"""The provisional agenda proper: numbered items, lettered sub-items, one clean title each.

Items are numbered `1.`, `2.`, ... (`1 -` in Arabic) and sub-items lettered `a)` or `(a)`
(Cyrillic `а)`, Arabic `(أ)`), in sequence; a title runs over lines until it ends with `:` (it
has sub-items), `;` or `.` (the last one). Lists without that punctuation are read too: a line
then continues a title when it starts in lower case or the title ends mid-phrase. Only numbers
and letters in sequence count, so a quoted "2." inside a paragraph is not taken for an item.

Real documents also give the list run together on one line ("1. Opening. 2. Election of
officers. ..."), split here before reading, or no list at all but the items as headings of
the annotations ("Point 1. Élection du Bureau", "Point 1 de l'ordre du jour. Ouverture de la
réunion", "A. Opening of the meeting (item 1 of the provisional agenda)"), read when no list
is found. Segment headings ("Operational segment", "I. Preparatory segment") are not items
and end no title; when a segment numbers its items from 1 again, only the items before it are
read, and the report says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scheduler.agenda_import.cleaning import Vocabulary, clean_phrase, join_lines
from scheduler.agenda_import.words import AGENDA_HEADING, ANNOTATIONS_HEADING, fold

ITEM_LINE = re.compile(r"^(\d{1,2})(?:\.|\s*-)\s*(?=\S)(?![\d.])(\S.*)$")
#: Sub-item letters of each script, in order, and the Latin letter each stands for.
_LETTERS = {
    **{c: c for c in "abcdefghijklmnopqrstuvwxyz"},
    **dict(zip("абвгдежзиклмнопрстуфхцчшщэюя", "abcdefghijklmnopqrstuvwxyz", strict=False)),
    **dict(zip(["أ", "ب", "ج", "د", "هـ", "ه", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م"],
               "abcdeefghijklm", strict=True)),
}  # fmt: skip
_LETTER = "|".join(sorted(_LETTERS, key=len, reverse=True))
SUB_ITEM_LINE = re.compile(
    rf"^(?:[(（](?P<a>{_LETTER})[)）]|(?P<b>{_LETTER})\))\s*(?P<title>\S.*)$"
)
_ROMAN_LINE = re.compile(r"^\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)\s+\S")
_OPEN_END = re.compile(
    r"([,(\-/]|\b(de|des|du|la|le|les|et|à|aux|au|en|sur|of|the|and|to|in|on|for|with|a|an))$",
    re.IGNORECASE,
)
_TERMINATED = re.compile(r"[;:.؛。；：]\s*((et|and|ou|or|y|e|и|و)\s*)?$")


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


def sub_letter(match: re.Match[str]) -> str:
    """The Latin letter of a `SUB_ITEM_LINE` match (`б)` is b, `(ب)` is b)."""
    return _LETTERS[match["a"] or match["b"]]


# A list run together: "...; (b) Election of officers; ... 2. Review of ..." on one line.
_RUN_TOGETHER = re.compile(
    rf"(?<=[.;:])\s+(?=(?:\d{{1,2}}\.\s|[(（](?:{_LETTER})[)）]\s|(?:{_LETTER})\)\s))"
)
_MARKERS = re.compile(rf"(?:^|\s)(?:\d{{1,2}}\.|[(（](?:{_LETTER})[)）]|(?:{_LETTER})\))\s")
_SENTENCE_AFTER = re.compile(r"(?<=[a-z\u00e0-\u024f)][.;])\s+(?=[A-Z\u00c0-\u00de*])")


def split_run_together(lines: list[str]) -> list[str]:
    """Lines holding several items ("1. Opening. 2. Review."), one item per line.

    Only a line with at least three item or sub-item marks is split, so a sentence quoting
    "article 63, paragraph 4 (c)" stays whole. Text after the last item's full stop (a page
    footer run in, the annotations) goes to a line of its own.
    """
    out: list[str] = []
    for line in lines:
        if len(_MARKERS.findall(line)) < 3:
            out.append(line)
            continue
        first = re.search(r"(?:^|\s)(?=1\.\s)", line)  # "... Provisional agenda 1. Opening"
        if first and first.end() > 0:
            out.append(line[: first.start()])
            line = line[first.end() :]
        pieces = _RUN_TOGETHER.split(line)
        last = _SENTENCE_AFTER.split(pieces[-1], maxsplit=1)
        out.extend([*pieces[:-1], *last])
    return out


# Items as headings of the annotations, when there is no list.
_HEADING_ITEM = re.compile(
    rf"(?:^|(?<=\s))(?:Point|Item|Tema|Punto|Пункт|البند|项目)\s+(?P<n>\d{{1,2}})"
    rf"(?:\s*(?:[(（](?P<l1>{_LETTER})[)）]|(?P<l2>{_LETTER})\)))?"
    r"(?:\s+(?:de l'ordre du jour|of the (?:provisional )?agenda|del programa(?: provisional)?"
    r"|повестки дня|من جدول الأعمال))?\s*[.:]\s*(?P<title>\S.*?)(?=\s+\d{1,2}\.\s|$)",
    re.IGNORECASE,
)
_LETTERED_HEADING = re.compile(
    r"^[A-Z]\.\s*(?P<title>\S.*?)\s*\((?:item|point|tema|пункт)\s+(?P<n>\d{1,2})"
    rf"(?:\s*[(（](?P<l1>{_LETTER})[)）]|\s*(?P<l2>{_LETTER})\))?\s+(?:of|de|del)\b[^)]*\)\s*$",
    re.IGNORECASE,
)
#: A segment heading, a line of its own that starts with a capital: "Operational segment",
#: "I. Preparatory segment (1–3 November 2015)"; a wrapped title's "high-level segment." is not.
SEGMENT_LINE = re.compile(
    r"^(?:[IVX]+\.\s*)?(?=[A-ZÀ-ÝА-Я])(?P<name>[\w-]+(?:\s[\w-]+)?\s+(?:segment|s[ée]gment"
    r"|serie de sesiones|serie de sessions|этап))\s*(?:\([^)]*\))?$"
)


def heading_items(lines: list[str], vocabulary: Vocabulary, lang: str) -> AgendaList | None:
    """Items read from headings ("Point 2 de l'ordre du jour. ..."), in sequence; None if none."""
    items: list[AgendaItem] = []
    first = None
    found: list[tuple[int, re.Match[str]]] = []
    for i, raw in enumerate(lines):
        lettered = _LETTERED_HEADING.match(raw.strip())
        matches = [lettered] if lettered else list(_HEADING_ITEM.finditer(raw.strip()))
        found.extend((i, m) for m in matches)
    for i, m in found:
        number, letter = int(m["n"]), m["l1"] or m["l2"]
        letter = _LETTERS[letter] if letter else None
        last = items[-1] if items else None
        if last is None:
            ok = number == 1 and letter is None
        elif letter is None:
            ok = number == last.number + 1
        else:
            ok = number == last.number and ord(letter) == ord(last.letter or "`") + 1
        if not ok:
            continue
        first = i if first is None else first
        items.append(AgendaItem(number, letter, [m["title"]]))
    if not items:
        return None
    for it in items:
        it.title = _title(it.lines, vocabulary, lang)
    note = "agenda: no numbered list; the items were read from the headings of the annotations"
    # The annotations are the whole text: what precedes the first heading (the opening) too.
    return AgendaList(items, first or 0, 0, [note])


def _paragraphs(items: list[AgendaItem], lang: str = "en") -> bool:
    """Whether numbered "items" are paragraphs of a note rather than agenda titles.

    Titles begin with a capital letter (or a letter of a script without case) and hold one
    phrase; numbered paragraphs run to sentences ("... (OSE): a) pidió ...", "。" inside).
    """
    if not items:
        return False
    odd = 0
    for item in items:
        text = item.title
        lower = text[:1].islower() and not (item.letter and lang == "ru")  # "а) выборы"
        sentences = bool(re.search(r"[.。!?]\s*\S", text.rstrip(".。"))) and len(text) > 120
        if lower or sentences or len(text) > 300:
            odd += 1
    return odd * 2 > len(items)


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
    text = re.sub(r"\s*[;:.,؛،。；：]\s*((et|and|ou|or|y|e|и|و)\s*)?$", "", text)
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
        by_headings = heading_items(lines, vocabulary, lang)
        if by_headings is not None:
            return by_headings
        return AgendaList([], 0, 0, ["no numbered agenda list ('1. ...') was found"])
    limit = next(
        (i for i in range(start, len(lines)) if ANNOTATIONS_HEADING.match(fold(lines[i]))),
        None,
    )
    items: list[AgendaItem] = []
    notes: list[str] = []
    end = limit if limit is not None else len(lines)
    terminated = 0  # how many titles, all but the current one, end with ; : or .
    segment: str | None = None
    for i in range(start, limit if limit is not None else len(lines)):
        line = lines[i]
        if not line:
            continue
        if SEGMENT_LINE.match(line) and not ITEM_LINE.match(line):
            segment = line  # "Operational segment": a heading, not part of a title
            continue
        current = items[-1] if items else None
        item = ITEM_LINE.match(line)
        if item and item.group(1) == "1" and items and segment is not None:
            notes.append(
                f"agenda: the segment {segment!r} numbers its items from 1 again; only the items "
                "before it were read: import that segment's items separately"
            )
            end = i
            break
        sub = SUB_ITEM_LINE.match(line)
        expected = (items[-1].number + 1) if items else 1
        if item and expected <= int(item.group(1)) <= expected + 2:
            number = int(item.group(1))
            if number > expected:
                notes.append(f"agenda: item(s) {expected} to {number - 1} not found in the list")
            if current is not None and _TERMINATED.search(" ".join(current.lines)):
                terminated += 1
            items.append(AgendaItem(number, None, [item.group(2)]))
            continue
        if current is not None and sub:
            letter = sub_letter(sub)
            last_letter = current.letter or chr(ord("a") - 1)
            if ord(letter) == ord(last_letter) + 1:
                if _TERMINATED.search(" ".join(current.lines)):
                    terminated += 1
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
        uses_terminators = terminated > 0 and terminated * 2 >= len(items) - 1
        if uses_terminators or line[0].islower() or _OPEN_END.search(so_far):
            current.lines.append(line)
            continue
        if limit is None:
            end = i
            break
        notes.append(f"agenda: line not read as part of a title: {line!r}")
    for it in items:
        it.title = _title(it.lines, vocabulary, lang)
    heading_line = any(AGENDA_HEADING.match(fold(line)) for line in lines[:start])
    if _paragraphs(items, lang) or (
        not heading_line and (_paragraphs(items[:1], lang) or len(items) < 2)
    ):
        by_headings = heading_items(lines, vocabulary, lang)
        if by_headings is not None:
            return by_headings
        return AgendaList(
            [], 0, 0,
            ["no agenda list: the numbered lines found are paragraphs of a note, not agenda "
             "items (is this the annotated provisional agenda?)"],
        )  # fmt: skip
    if not heading_line:
        by_headings = heading_items(lines, vocabulary, lang)
        if by_headings is not None and len(by_headings.items) >= len(items):
            return by_headings
    if items and not _uses_terminators(items):
        notes.append("agenda: titles end with no punctuation; check where each title ends")
    return AgendaList(items, start, end, notes)
