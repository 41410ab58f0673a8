"""The annex "Projet d'organisation des travaux" / "Proposed organization of work".

The table reads, once extracted, as a day line (`Lundi 15 octobre`), then per period a time
range (`10 heures-13 heures`, `10 a.m.-1 p.m.`) followed by the cell texts: references to
agenda items (`Point 1 a). Ouverture de la session`, `Items 6-9`) for the plenary, and the
names of bodies meeting in parallel (`Groupe de travail sur la coopération internationale`).
A single-body annex puts the item numbers in a column of their own ("Date and time | Agenda
item | Title or description"), and its rows that cite no item are activities that are no
agenda items (an address, a ceremony). A day with no meetings prints its name ("Official United
Nations holiday"): a holiday, with that name.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from scheduler.agenda_import.cleaning import Vocabulary, clean_phrase, join_lines
from scheduler.agenda_import.dates import (
    MONTH,
    WEEKDAY,
    find_dates,
    find_time_range,
    normal_clock,
)
from scheduler.agenda_import.words import (
    ANNEX_HEADING,
    BODY_KEYWORDS,
    CONTINUED,
    FOOTNOTE_MARK,
    INFORMAL_CONSULTATIONS,
    NOT_AN_ITEM,
    ORGANIZATION_OF_WORK,
    fold,
)

#: A day of the annex with no meetings: "Monday, 5 September  Official United Nations holiday".
HOLIDAY = re.compile(
    r"(holiday|jour f[ée]ri[ée]|f[ée]ri[ée]|feriado|d[ií]a festivo|праздни|عطلة|假日)", re.I
)
#: The header of an annex whose agenda item numbers have a column of their own ("Date and time
#: | Agenda item | Title or description"); a cell over two lines comes out of a PDF as "Date/time
#: Agenda Title or description item".
_ITEM_COLUMN = re.compile(
    r"(agenda item|point de l.ordre du jour|tema del programa|пункт повестки|البند|议程项目"
    r"|title or description|titre ou description|t[íi]tulo o descripci[óo]n"
    r"|название или описание|العنوان أو الوصف|标题或说明)",
    re.I,
)
_BARE_NUMBER = re.compile(r"^(\d{1,2})((?:\s*\(?[a-z]\))?)\s+(?=[^\W\d_])")

_DAY_LINE = re.compile(
    rf"^(?:{WEEKDAY})[,،]?\s+(?:le\s+|el\s+)?\d{{1,2}}(?:er|st|nd|rd|th)?\s+(?:de\s+)?{MONTH}"
    r"|^\d{1,2}\s*月\s*\d{1,2}\s*日"  # 10月15日，星期一
)
_DAY_LINE_US = re.compile(rf"^(?:{WEEKDAY}),?\s+{MONTH}\s+\d{{1,2}}")
_REF = re.compile(
    r"(?:\b(?:Agenda\s+)?(?:Points?|Items?|Temas?|Пункты?)|البنود|البند|项目)\s*(?P<n>\d{1,2})"
    r"(?:\s*(?:\(\s*(?P<l1>[a-z])\s*\.?\s*\)|(?P<l2>[a-z])\s*\.?\s*\)))?"
    r"(?P<more>(?:\s*(?:[-–—]|\bà\b|\bto\b|,|\bet\b|\band\b|\by\b|\bи\b|و)\s*\d{1,2}\b)*)",
    re.IGNORECASE,
)


@dataclass
class Ref:
    """A reference to agenda items in one cell: `Point 2 b)` or `Items 6-9`."""

    numbers: list[int]
    letter: str | None
    title: str  # the annex's own wording, when it gives one
    continued: bool

    @property
    def item_ids(self) -> list[str]:
        if self.letter:
            return [f"{self.numbers[0]}{self.letter}"]
        return [str(n) for n in self.numbers]


@dataclass
class AnnexSlot:
    """One row of the table: a day and a period, the plenary's items and parallel bodies."""

    date: dt.date
    start: dt.time
    end: dt.time
    text: str = ""
    refs: list[Ref] = field(default_factory=list)
    bodies: list[tuple[str, bool]] = field(default_factory=list)  # (name, continued)
    #: What the plenary takes that is no agenda item (the President's address), with how many
    #: of the row's references come before it.
    activities: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Annex:
    slots: list[AnnexSlot]
    notes: list[str]
    holidays: list[dt.date] = field(default_factory=list)
    holiday_names: dict[dt.date, str] = field(default_factory=dict)  # as the row prints it


def annex_start(lines: list[str], after: int) -> int | None:
    """Index of the annex heading, or of its "organization of work" title."""
    for i in range(after, len(lines)):
        folded = fold(FOOTNOTE_MARK.sub("", lines[i]))
        if ANNEX_HEADING.match(folded) or ORGANIZATION_OF_WORK.match(folded):
            return i
    return None


def _numbers(first: int, more: str) -> list[int]:
    """`6` and ` à 9` -> 6, 7, 8, 9; `6` and `, 7 and 8` -> 6, 7, 8."""
    numbers = [first]
    for m in re.finditer(r"([-–—]|\bà\b|\bto\b|,|\bet\b|\band\b|\by\b|\bи\b|و)\s*(\d{1,2})", more):
        n = int(m.group(2))
        if m.group(1) in {"-", "–", "—", "à", "to"}:
            numbers.extend(range(numbers[-1] + 1, n + 1))
        else:
            numbers.append(n)
    return numbers


def _name_segments(text: str, name: str, gap: int = 3) -> list[list[tuple[int, int]]]:
    """Each occurrence of `name` in `text`, as character ranges of its words.

    The words must come in order, but up to `gap` other words may sit between two of them:
    PDF extraction interleaves the columns of the annex ("Groupe de travail sur la / des
    personnes / coopération internationale").
    """
    wanted = fold(name).split()
    tokens = [
        (m.start(), m.end(), m.group()) for m in re.finditer(r"[a-z0-9]+", _ascii(text).lower())
    ]
    found: list[list[tuple[int, int]]] = []
    i = 0
    while wanted and i < len(tokens):
        if tokens[i][2] != wanted[0]:
            i += 1
            continue
        matched, k = [i], i
        for word in wanted[1:]:
            nxt = next((j for j in range(k + 1, min(k + 2 + gap, len(tokens)))
                        if tokens[j][2] == word), None)  # fmt: skip
            if nxt is None:
                break
            matched.append(nxt)
            k = nxt
        if len(matched) < len(wanted):
            i += 1
            continue
        segments: list[tuple[int, int]] = []
        for j in matched:
            start, end, _ = tokens[j]
            if segments and j - 1 in matched:
                segments[-1] = (segments[-1][0], end)
            else:
                segments.append((start, end))
        found.append(segments)
        i = matched[-1] + 1
    return found


def _read_cell(
    slot: AnnexSlot, known_bodies: list[str], vocabulary: Vocabulary, lang: str,
    single_body: bool = False,
) -> None:  # fmt: skip
    """Fill `slot.bodies` and `slot.refs` from the cell text of one row; in the single-body
    layout (an item column), a cell that cites no item and names no body is an activity that
    is no agenda item."""
    text = slot.text
    spans: list[tuple[int, int, str]] = []  # (start, end of the last word, name)
    cuts: list[tuple[int, int]] = []  # body names are not part of an item's wording
    for name in known_bodies:
        for segments in _name_segments(text, name):
            spans.append((segments[0][0], segments[-1][1], name))
            cuts.extend(segments)
    keywords = [k for k, _ in BODY_KEYWORDS] + [INFORMAL_CONSULTATIONS.pattern]
    for keyword in keywords:
        for m in re.finditer(rf"\b{keyword}\b", text, re.IGNORECASE):
            if any(s <= m.start() < e for s, e, _ in spans):
                continue
            next_ref = _REF.search(text, m.end())
            end = next_ref.start() if next_ref else len(text)
            cut = CONTINUED.search(text, m.end(), end)
            end = cut.start() if cut else end
            spans.append((m.start(), end, clean_phrase(text[m.start() : end], vocabulary, lang)))
            cuts.append((m.start(), end))
    spans.sort()
    for _, end, name in spans:
        gap = len(text[end:]) - len(text[end:].lstrip())
        more = CONTINUED.match(text, end + gap)  # "Working Group ... (continued)"
        if more:
            cuts.append((end, more.end()))
        slot.bodies.append((name, more is not None))
    refs = list(_REF.finditer(text))
    for n, m in enumerate(refs):
        stop = refs[n + 1].start() if n + 1 < len(refs) else len(text)
        raw = _without(text, m.end(), stop, cuts)
        continued = bool(CONTINUED.search(raw))
        title = clean_phrase(CONTINUED.sub("", raw), vocabulary, lang)
        title = re.sub(r"^[\s.:;,)\-–]+|[\s.:;,]+$", "", title)
        slot.refs.append(
            Ref(_numbers(int(m["n"]), m["more"] or ""), m["l1"] or m["l2"], title, continued)
        )
    if not refs and not spans and fold(text):
        phrase = clean_phrase(text, vocabulary, lang)
        if single_body or NOT_AN_ITEM.match(phrase):
            slot.activities.append((0, CONTINUED.sub("", phrase).strip()))
        else:
            slot.bodies.append((phrase, False))


def _without(text: str, start: int, stop: int, cuts: list[tuple[int, int]]) -> str:
    """`text[start:stop]` less the parts in `cuts`."""
    kept, at = [], start
    for a, b in sorted(cuts):
        if b <= at or a >= stop:
            continue
        kept.append(text[at : max(a, at)])
        at = max(at, b)
    kept.append(text[at:stop] if at < stop else "")
    return " ".join(kept)


def _ascii(text: str) -> str:
    """`text` folded character by character, so positions stay those of `text`."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)[:1]
        out.append(base if base.isascii() else ch)
    return "".join(out)


def parse_annex(
    lines: list[str],
    start: int,
    year: int | None,
    known_bodies: list[str],
    vocabulary: Vocabulary,
    lang: str,
) -> Annex:
    """The annex table from line `start` on: one `AnnexSlot` per day and period."""
    slots: list[AnnexSlot] = []
    notes: list[str] = []
    holidays: list[dt.date] = []
    names: dict[dt.date, str] = {}
    date: dt.date | None = None
    cell: list[str] = []
    item_column = False  # "Date and time | Agenda item | Title": "6 Provisions on ..."

    def close() -> None:
        if slots and cell:
            slots[-1].text = join_lines(cell, vocabulary)
        cell.clear()

    for line in lines[start:]:
        if not line:
            continue
        line = _day_line_mended(normal_clock(line))
        if not slots and _ITEM_COLUMN.search(line) and not find_time_range(line):
            item_column = True
            continue
        day_line = bool(_DAY_LINE.match(line) or _DAY_LINE_US.match(line))
        same_day = bool(slots) and slots[-1].date == date
        holiday = not same_day and not day_line and HOLIDAY.search(line)
        if date is not None and holiday and find_time_range(line) is None:
            if date not in holidays:
                holidays.append(date)
            names.setdefault(date, _holiday_name(line))
            continue
        if _DAY_LINE.match(line) or _DAY_LINE_US.match(line):
            close()
            mentions = [m for m in find_dates(line, year) if m.date] or find_dates(line, year)
            date = mentions[0].date if mentions else None
            if date is None:
                notes.append(f"annex: the day {line!r} has no year; give the session dates")
            line = line[mentions[0].end :].strip(" ,") if mentions else ""
            if date is not None and HOLIDAY.search(line) and find_time_range(line) is None:
                holidays.append(date)
                names.setdefault(date, _holiday_name(line))
                continue
            if not line:
                continue
        found = find_time_range(line)
        if found is not None and found[0] <= 2:
            close()
            if date is None:
                continue
            slots.append(AnnexSlot(date, found[2], found[3]))
            line = line[found[1] :].strip()
        if slots and line:
            if found is not None and _BARE_NUMBER.match(line) and not _REF.search(line):
                item_column = True  # "10:00-13:00  6 Provisions ...": the item in a column
            if item_column and NOT_AN_ITEM.match(line) and not _BARE_NUMBER.match(line):
                cited = sum(1 for part in cell if part.startswith("Item "))
                slots[-1].activities.append((cited, CONTINUED.sub("", line).strip()))
                continue
            if item_column:
                line = _BARE_NUMBER.sub(r"Item \1\2. ", line)
            cell.append(line)
    close()
    for slot in slots:
        _read_cell(slot, known_bodies, vocabulary, lang, item_column)
    return Annex(slots, notes, holidays, names)


#: A day line whose columns interleave: "الاثنين، 5 عطلة رسمية للأمم المتحدة أيلول/سبتمبر" (the
#: holiday's cell between the day and its month).
_SPLIT_DAY_LINE = re.compile(
    rf"^(?P<wd>(?:{WEEKDAY})[,،]?)\s+(?P<d>\d{{1,2}})\s+(?P<text>[^\d]+?)\s+(?P<m>{MONTH})\s*$"
)


def _day_line_mended(line: str) -> str:
    """A day line with a cell's text between the day and the month, put back in order."""
    m = _SPLIT_DAY_LINE.match(line)
    if m is None or _DAY_LINE.match(line):
        return line
    return f"{m['wd']} {m['d']} {m['m']} {m['text']}"


def _holiday_name(line: str) -> str:
    """What a holiday row prints ("Official United Nations holiday"), without the cell's dashes
    or a footnote mark."""
    return FOOTNOTE_MARK.sub("", re.sub(r"\s+", " ", line)).strip(" -–—.,;:")
