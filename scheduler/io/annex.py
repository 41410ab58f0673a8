"""The annex "Projet d'organisation des travaux" / "Proposed organization of work", as text rows.

The rows are plain data, built before any spreadsheet exists, so they can be tested without
Excel and written by other exporters (a Word document) the same way. The layout is that of the
printed annex of CTOC/COP/2018/1: a day row ("Lundi 15 octobre"), then one row per period of the
day ("10 heures-13 heures"), the plenary's items in one cell and every other body's meetings in
the other, one line each, in time order, with "(suite)" on an activity's later parts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from scheduler.labels import Labels, labels
from scheduler.session import Session
from scheduler.timetable import Assignment, Timetable


class AnnexRow(NamedTuple):
    """One row of the annex: a day row has only `date`, a period row has the other three."""

    date: str
    time: str
    plenary: str
    parallel: str

    @property
    def is_day(self) -> bool:
        return bool(self.date)

    @property
    def is_note(self) -> bool:
        """A row of text under a day, not a period: a holiday's name."""
        return not self.date and not self.time and bool(self.plenary) and not self.parallel


def annex_heading(lang: str = "fr") -> tuple[str, str]:
    """("Annexe", "Projet d'organisation des travaux"): the text above the table."""
    words = labels(lang).annex
    return (words.heading, words.title)


def annex_header(lang: str = "fr") -> AnnexRow:
    """The column headings; the date and time share the first column ("Date/heure")."""
    words = labels(lang).annex
    return AnnexRow(words.date_time, "", words.plenary, words.parallel)


def annex_rows(session: Session, timetable: Timetable, lang: str = "fr") -> list[AnnexRow]:
    """Day and period rows of the annex (without the header), for session days and holidays.

    Every non-evening period of the day (its own periods when `day_periods` gives them) gets a
    row, empty or not, as in the printed annex; evening periods only when evening meetings are
    allowed. A holiday has its day row and, when `holiday_names` names it, one row with that name
    in the document's language ("Official United Nations holiday"). A period that the timetable
    uses anyway (a timetable breaking `within-periods`) is shown, so nothing placed is hidden
    from the reader. Pre-session days are not part of the annex.
    """
    words = labels(lang)
    info = session.session
    plenary = _plenary_bodies(session)
    by_slot: dict[tuple[dt.date, str], list[Assignment]] = {}
    for part in timetable:
        by_slot.setdefault((part.date, part.period), []).append(part)
    order = _order(session)
    rows: list[AnnexRow] = []
    for date in sorted({*info.days, *info.holidays}):
        rows.append(AnnexRow(words.day(date), "", "", ""))
        if date in info.holiday_names:
            rows.append(AnnexRow("", "", info.holiday_names[date].get(lang), ""))
        for period in info.periods_on(date):
            parts = sorted(by_slot.get((date, period.id), []), key=order)
            usual = date not in info.holidays and (info.evening_meetings or not period.evening)
            if not parts and not usual:
                continue
            lines = [(p.body in plenary, _entry(p, session, words, lang)) for p in parts]
            rows.append(
                AnnexRow(
                    "",
                    words.period(period.start, period.end),
                    "\n".join(text for is_plenary, text in lines if is_plenary),
                    "\n".join(text for is_plenary, text in lines if not is_plenary),
                )
            )
    return rows


def part_text(part: Assignment, session: Session, lang: str = "fr") -> str:
    """A part as the annex prints it ("Point 5. Assistance technique (suite)"), for the other
    exports (calendars, daily programme) to list a meeting's items in the same words."""
    return _entry(part, session, labels(lang), lang)


def _plenary_bodies(session: Session) -> set[str]:
    """Bodies of kind "plenary" and their joint meetings (a COP/CMP joint plenary); without
    one, the first body listed stands for the plenary."""
    plenary = {b.id for b in session.bodies if b.kind == "plenary"} or {session.bodies[0].id}
    return {h.id for h in session.hosts if set(h.member_ids) & plenary}


_Key = tuple[dt.time, dt.time, int, int, str]


def _order(session: Session) -> Callable[[Assignment], _Key]:
    """Sort key of the parts in one cell: time, then body and agenda order."""
    body_rank = {b.id: n for n, b in enumerate(session.bodies)}
    activity_rank = {a.id: n for n, a in enumerate(session.activities)}

    def key(part: Assignment) -> _Key:
        return (
            part.start,
            part.end,
            body_rank.get(part.body, len(body_rank)),
            activity_rank.get(part.activity, len(activity_rank)),
            part.activity,
        )

    return key


def _entry(part: Assignment, session: Session, words: Labels, lang: str) -> str:
    """An agenda item as "Point 2 a). Convention ...", a body's meetings by their title."""
    try:
        activity = session.activity(part.activity)
    except KeyError:  # not in the session (a hand-edited timetable): show what the row says
        text = part.title or part.activity
    else:
        label = activity.label(lang)
        numbered = activity.kind == "item" and activity.agenda_item
        text = words.item_line(activity.id, label) if numbered else label
    return words.continued(text) if part.part > 1 else text
