"""The daily programme: for each day, its meetings by time and room, as the Journal lists them.

During the session delegates follow the Journal, not the annex: each day, each meeting with its
time, room, name ("3e séance plénière"), the items it takes and whether it is interpreted. The
rows are plain data (`programme_days`), written as one sheet (`write_programme_sheet`) either in
a workbook of its own (`write_programme`) or in another workbook. Pre-session days are listed
too: their informal consultations are meetings delegates attend. Calendars (`scheduler.io.ics`)
name and time meetings with the functions here, so both say the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.errors import InputError
from scheduler.io.annex import part_text
from scheduler.io.atomic import write_atomically
from scheduler.io.draft import DRAFT_RED
from scheduler.io.timetable_workbook.sheets import (
    BOLD,
    FONT,
    cell_height,
    header_lines,
    keep_days_together,
    print_setup,
)
from scheduler.io.xlsx import append_row
from scheduler.labels import labels
from scheduler.session import Session
from scheduler.timetable import Meeting, Timetable

_WIDTHS = (22, 24, 34, 60, 22)  # time, room, meeting, items, interpretation (characters)
_LINE_HEIGHT = 15.0  # points per line of 11-point text
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_DRAFT_FONT = Font(name=FONT.name, size=14, bold=True, color=DRAFT_RED)
_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass(frozen=True)
class ProgrammeEntry:
    """One meeting as the Journal lists it."""

    time: str  # "10 heures-13 heures"
    room: str
    meeting: str  # "3e séance plénière"
    items: str  # one line per item or body, "(suite)" on later parts
    interpretation: str


@dataclass(frozen=True)
class ProgrammeDay:
    """A day heading ("Lundi 15 octobre") and that day's meetings in time and room order."""

    date: dt.date
    heading: str
    entries: tuple[ProgrammeEntry, ...]


def programme_header(lang: str = "fr") -> tuple[str, str, str, str, str]:
    """Column headings: time, room, meeting, items, interpretation."""
    words = labels(lang).programme
    return (words.time, words.room, words.meeting, words.items, words.interpretation)


def programme_days(session: Session, timetable: Timetable, lang: str = "fr") -> list[ProgrammeDay]:
    """Every day of the session (and any other day with a meeting), with its meetings."""
    words = labels(lang)
    by_day: dict[dt.date, list[Meeting]] = {}
    for meeting in timetable.meetings():
        by_day.setdefault(meeting.date, []).append(meeting)
    room_rank = {r.id: n for n, r in enumerate(session.rooms)}
    body_rank = {b.id: n for n, b in enumerate(session.bodies)}
    days: list[ProgrammeDay] = []
    for date in sorted({*session.session.days, *by_day}):
        meetings = sorted(
            by_day.get(date, []),
            key=lambda m: (
                meeting_times(session, m),
                room_rank.get(m.room, len(room_rank)),
                body_rank.get(m.body, len(body_rank)),
            ),
        )
        entries = []
        for meeting in meetings:
            start, end = meeting_times(session, meeting)
            entries.append(
                ProgrammeEntry(
                    time=words.period(start.time(), end.time()),
                    room=room_name(session, meeting.room, lang),
                    meeting=meeting_name(session, meeting, lang),
                    items="\n".join(part_text(p, session, lang) for p in meeting.parts),
                    interpretation=words.interpretation(meeting.interpreted),
                )
            )
        days.append(ProgrammeDay(date, words.day(date), tuple(entries)))
    return days


def write_programme_sheet(
    sheet: Worksheet,
    session: Session,
    timetable: Timetable,
    lang: str = "fr",
    *,
    draft: str | None = None,
) -> None:
    """Fill `sheet` with the programme: a header row, then per day a day row and its meetings.

    `draft` (`scheduler.io.draft`) is a first row above the header, in red, printed on every
    page with it.
    """
    words = labels(lang)
    sheet.title = words.programme.title.translate(_SHEET_FORBIDDEN)[:31]
    if draft is not None:
        append_row(sheet, [draft])
    head = sheet.max_row + 1 if draft is not None else 1  # the header row
    append_row(sheet, list(programme_header(lang)))
    bold = {head}
    for day in programme_days(session, timetable, lang):
        append_row(sheet, [day.heading])
        bold.add(sheet.max_row)
        for entry in day.entries:
            append_row(
                sheet, [entry.time, entry.room, entry.meeting, entry.items, entry.interpretation]
            )
    for column, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for cells in sheet.iter_rows(min_row=head, max_col=len(_WIDTHS)):
        for cell in cells:
            cell.alignment = _WRAP
            cell.border = _BORDER
            cell.font = BOLD if cell.row in bold else FONT
        needed = max(cell_height(c.value, w) for c, w in zip(cells, _WIDTHS, strict=True))
        if cells[0].row in bold - {head}:  # a day row, merged across the row
            needed = cell_height(cells[0].value, sum(_WIDTHS))
        sheet.row_dimensions[cells[0].row].height = max(needed, _LINE_HEIGHT)
    days = sorted(bold - {head})
    for row in [*([1] if draft is not None else []), *days]:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(_WIDTHS))
    if draft is not None:
        mark = sheet.cell(1, 1)
        mark.font = _DRAFT_FONT
        mark.alignment = Alignment(horizontal="center", vertical="center")
        sheet.row_dimensions[1].height = 2 * _LINE_HEIGHT
    sheet.freeze_panes = f"A{head + 1}"
    sheet.sheet_view.rightToLeft = words.rtl
    print_setup(sheet, landscape=True)  # A4, one page wide, the header row on every page
    sheet.print_title_rows = f"1:{head}"
    header_lines(sheet, session.title(lang), words.programme.title)
    keep_days_together(sheet, days)


def write_programme(
    path: str | Path,
    session: Session,
    timetable: Timetable,
    lang: str = "fr",
    *,
    draft: str | None = None,
) -> None:
    """Write the daily programme as a workbook of one sheet at `path`, atomically.

    An unknown language or an unwritable path raises `InputError`.
    """
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    write_programme_sheet(sheet, session, timetable, lang, draft=draft)
    try:
        write_atomically(path, book.save)
    except OSError as exc:
        raise InputError(f"cannot be written ({exc.strerror or exc})", file=path) from None


# --- what calendars share ----------------------------------------------------------------------


def meeting_times(session: Session, meeting: Meeting) -> tuple[dt.datetime, dt.datetime]:
    """From the start of the meeting's period to its end (or of its parts, when they go past)."""
    start = min(p.start_at for p in meeting.parts)
    end = max(p.end_at for p in meeting.parts)
    try:
        slot = session.slot(meeting.date, meeting.period)
    except KeyError:  # a period the session does not have (a hand-edited timetable)
        return start, end
    return min(start, slot.start), max(end, slot.end)


def meeting_name(session: Session, meeting: Meeting, lang: str = "fr") -> str:
    """ "3e séance plénière", "Groupe de travail ..., 2e séance": as the Journal names it."""
    try:
        body = session.body(meeting.body)
    except KeyError:  # not a body of this session (a hand-edited timetable): its id
        return labels(lang).meeting_title(meeting.body, meeting.number)
    name = body.name.get(lang)
    plenary = body.kind == "plenary"
    return _spaced(name, labels(lang).meeting_title(name, meeting.number, plenary=plenary))


def _spaced(name: str, title: str) -> str:
    """A body name in Latin letters (no Chinese name given) set apart from the Chinese words
    that follow it ("Working Group 第1次会议"), as Chinese typesetting separates scripts."""
    at = title.find(name)
    after = at + len(name)
    if at < 0 or after >= len(title) or not name[-1:].isascii() or name[-1:].isspace():
        return title
    if _is_cjk(title[after]):
        return f"{title[:after]} {title[after:]}"
    return title


_CJK = (("\u2e80", "\u9fff"), ("\uf900", "\ufaff"), ("\uff00", "\uffef"))


def _is_cjk(char: str) -> bool:
    return any(low <= char <= high for low, high in _CJK)


def body_name(session: Session, body_id: str, lang: str = "fr") -> str:
    try:
        return session.body(body_id).name.get(lang)
    except KeyError:
        return body_id


def room_name(session: Session, room_id: str, lang: str = "fr") -> str:
    """The room's name in `lang` (as the session file gives it), else its id."""
    try:
        return session.room(room_id).label(lang)
    except KeyError:
        return room_id
