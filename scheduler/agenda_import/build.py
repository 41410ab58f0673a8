"""Assemble what was read into the data of a session file, with notes on every guess.

Each field is either read from the document, implied by it (an estimate), assumed from UN
practice (an assumption), or missing (a placeholder marked TO BE COMPLETED). Every field that
is not plainly read gets a comment at its path and, when the planner must act, a report line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from scheduler.agenda_import.agenda import AgendaList
from scheduler.agenda_import.annex import Annex
from scheduler.agenda_import.annex_timetable import (
    DEFAULT_PERIODS,
    AnnexActivity,
    PeriodSpec,
    PlannedSlot,
    day_periods_of,
    differs,
    implied_minutes,
    periods_of,
    planned_slots,
)
from scheduler.agenda_import.annotations import Facts
from scheduler.agenda_import.bodies import (
    STOP_WORDS,
    OtherBody,
    StatedDeadline,
    bind_deadlines,
    gather_bodies,
)
from scheduler.agenda_import.dates import working_days
from scheduler.agenda_import.words import (
    CLOSING_ITEM,
    INFORMALS_NAME,
    INFORMALS_NAMES,
    PARALLEL,
    PLENARY_NAME,
    PLENARY_NAMES,
    fold,
)
from scheduler.agenda_import.yaml_text import FieldPath

PLACEHOLDER = "TO BE COMPLETED"
UN_LANGUAGES = ["ar", "zh", "en", "fr", "ru", "es"]


@dataclass
class Draft:
    """Session data being assembled, with comments per field path and the planner's report."""

    data: dict[str, Any] = field(default_factory=dict)
    comments: dict[FieldPath, str] = field(default_factory=dict)
    report: list[str] = field(default_factory=list)
    deadlines: list[StatedDeadline] = field(default_factory=list)

    def note(self, path: FieldPath, comment: str, report: str | None = None) -> None:
        """Comment the field at `path`; add `report` (if given) for the planner."""
        if path in self.comments and comment not in self.comments[path]:
            self.comments[path] += "; " + comment
        else:
            self.comments[path] = comment
        if report:
            self.report.append(report)


class SessionBuilder:
    """Turns agenda, facts and annex into a `Draft`."""

    def __init__(
        self,
        lang: str,
        agenda: AgendaList,
        facts: Facts,
        annex: Annex | None,
        header_symbols: Sequence[str],
        notes: Sequence[str],
    ) -> None:
        self.lang = lang
        self.items = agenda.items
        self.facts = facts
        self.annex = annex if annex and annex.slots else None
        self.symbols = list(header_symbols)
        self.draft = Draft(report=[*notes, *agenda.notes, *facts.notes])
        if annex:
            self.draft.report.extend(annex.notes)
        self.periods: list[PeriodSpec] = []
        self.day_periods: list[tuple[list[dt.date], list[PeriodSpec]]] = []
        self.days: list[dt.date] = []
        self.planned: list[PlannedSlot] = []
        self.wording: dict[str, str] = {}
        self.bodies: list[OtherBody] = []
        self.holidays: list[dt.date] = []

    def text(self, value: str) -> dict[str, str]:
        return {self.lang: value}

    def _both(self, pair: dict[str, str], six: dict[str, str]) -> dict[str, str]:
        """A fixed name: French and English, plus the document's language when it is another."""
        names = dict(pair)
        if self.lang not in names and self.lang in six:
            names = {self.lang: six[self.lang], **names}
        return names

    # --- the parts of the file, in the order they are decided ------------------------------

    def build(self) -> Draft:
        self._periods()
        if self.annex:
            self.planned, self.wording, notes = planned_slots(self.annex, self.items)
            self.draft.report.extend(notes)
        self._days()
        report = self.draft.report
        self.bodies = gather_bodies(self.facts.announcements, self.planned, self.days, report)
        self.draft.deadlines = bind_deadlines(
            self.facts.deadlines, self.bodies, self.days, self.periods[-1].end, report
        )
        data = self.draft.data
        data["session"] = self._session_info()
        data["interpretation"] = self._interpretation()
        data["rooms"] = self._rooms()
        data["bodies"] = self._bodies_data()
        data["items"] = self._items_data()
        data["meetings"] = self._meetings_data()
        if self.annex:
            data["published"] = self._published()
        return self.draft

    def _periods(self) -> None:
        if self.annex:
            self.periods, notes = periods_of(self.annex)
            self.draft.report.extend(notes)
            self.day_periods, notes = day_periods_of(self.annex, self.periods)
            self.draft.report.extend(notes)
        if not self.periods:
            self.periods = list(DEFAULT_PERIODS)
            self.draft.note(
                ("session", "periods"),
                "assumption: the standard UN periods 10:00-13:00 and 15:00-18:00",
                "periods: no timetable in the document; the standard UN periods are assumed",
            )

    def _days(self) -> None:
        facts, note = self.facts, self.draft.note
        base: list[dt.date] = []
        source = ""
        if facts.span:
            first, last = facts.span
            base = [d for d in working_days(first, 366) if d <= last]
            opening = facts.opening_date
            if opening and first <= opening <= last and opening not in base:
                base = sorted([opening, *base])  # a session opening on a Sunday
            source = f"the dates on the cover ({first:%d %B %Y} to {last:%d %B %Y})"
        elif facts.opening_date and facts.working_days:
            base = working_days(facts.opening_date, facts.working_days)
            source = f"the opening on {facts.opening_date:%A %d %B %Y} and {facts.working_days} "
            source += "working days"
        annex_days = sorted({row.date for row in self.planned})
        days = sorted(set(base) | set(annex_days))
        if not days and facts.opening_date:
            days = [facts.opening_date]
            note(
                ("session", "days"),
                "TO COMPLETE: only the opening day is known",
                "session.days: only the opening day is stated; list every working day",
            )
        elif not days:
            note(
                ("session", "days"),
                "TO COMPLETE: no date found",
                "session.days: no session date found; list the working days (YYYY-MM-DD)",
            )
        elif not base:
            note(("session", "days"), "from the days of the annex")
        else:
            note(("session", "days"), f"from {source}")
            extra = [d for d in annex_days if d not in base]
            off = set(self.annex.holidays) if self.annex else set()
            idle = [d for d in base if annex_days and d not in annex_days and d not in off]
            if extra:
                self.draft.report.append(
                    "session.days: the annex has meetings on "
                    + ", ".join(f"{d:%a %d %b}" for d in extra)
                    + f", outside {source}; check the dates"
                )
            if idle:
                self.draft.report.append(
                    "session.days: no meeting in the annex on "
                    + ", ".join(f"{d:%a %d %b}" for d in idle)
                    + " (a holiday? then list it under holidays)"
                )
        if facts.working_days and days and len(days) != facts.working_days:
            self.draft.report.append(
                f"session.days: the annotations speak of {facts.working_days} working days but "
                f"{len(days)} days were found; check the dates"
            )
        holidays = sorted(set(self.annex.holidays)) if self.annex else []
        if holidays:
            days = [d for d in days if d not in holidays]
            self.holidays = [h for h in holidays if days and days[0] < h < days[-1]]
            self.draft.note(("session", "holidays"), "the annex's rows without meetings")
        if facts.opening_date and days and facts.opening_date != days[0]:
            self.draft.report.append(
                f"session.days: the opening ({facts.opening_date}) is not the first day ({days[0]})"
            )
        self.days = days

    # --- data -------------------------------------------------------------------------------

    def _session_info(self) -> dict[str, Any]:
        facts, note = self.facts, self.draft.note
        info: dict[str, Any] = {}
        name = facts.body_name
        if facts.cover_body and (not name or len(name.split()) == 1):  # "the Board"
            name = facts.cover_body
            note(("session", "body"), "from the cover")
        if name:
            info["body"] = self.text(name)
        else:
            info["body"] = self.text(PLACEHOLDER)
            note(("session", "body"), "TO COMPLETE", "session.body: the body's name was not found")
        symbol = self._symbol()
        if symbol:
            info["symbol"] = symbol
        info["number"] = facts.session_number or 1
        if not facts.session_number:
            note(("session", "number"), "TO COMPLETE", "session.number: not found (1 is a "
                 "placeholder)")  # fmt: skip
        venue = facts.venue or self._venue_from_meetings()
        info["venue"] = venue or PLACEHOLDER
        if not facts.venue:
            note(
                ("session", "venue"),
                f"from a meeting held in parallel in {venue}" if venue else "TO COMPLETE",
                None if venue else "session.venue: not found",
            )
        info["languages"] = list(UN_LANGUAGES)
        note(("session", "languages"), "assumption: the six official languages")
        if self.lang in UN_LANGUAGES:
            info["language"] = self.lang
            note(("session", "language"), "the document's language: the default --lang of commands")
        info["days"] = list(self.days)
        pre = sorted({d for b in self.bodies for d in b.dates if self.days and d < self.days[0]})
        info["pre_session_days"] = pre
        if pre:
            note(("session", "pre_session_days"), "from the meetings announced before the session")
        info["holidays"] = list(self.holidays)
        names = self.annex.holiday_names if self.annex else {}
        printed = {day: self.text(names[day]) for day in self.holidays if names.get(day)}
        if printed:
            info["holiday_names"] = printed
            note(("session", "holiday_names"), "as the annex prints the holiday")
        info["periods"] = [p.as_data() for p in self.periods]
        if self.annex:
            note(("session", "periods"), "from the times in the annex")
        known = {*self.days, *pre, *self.holidays}
        own = [(dates, periods) for dates, periods in self.day_periods if set(dates) <= known]
        if own:
            info["day_periods"] = [
                {"dates": dates, "periods": [p.as_data() for p in periods]}
                for dates, periods in own
            ]
            note(("session", "day_periods"), "the annex's days with other hours")
        info["evening_meetings"] = False
        return info

    def _periods_on(self, date: dt.date) -> list[PeriodSpec]:
        """A day's periods: its own, when the annex gives it other hours, else the daily ones."""
        return next((p for dates, p in self.day_periods if date in dates), self.periods)

    def _symbol(self) -> str | None:
        symbols = self.symbols or ([self.facts.cover_symbol] if self.facts.cover_symbol else [])
        if not symbols:
            return None
        parts = symbols[0].split("/")
        for n, part in enumerate(parts):
            if n > 0 and part.isdigit() and len(part) == 4:
                return "/".join(parts[:n])
        return "/".join(parts[:-1]) or None

    def _venue_from_meetings(self) -> str | None:
        for ann in self.facts.announcements:
            if PARALLEL.search(ann.sentence.text):
                m = re.search(r"\b(?:à|in)\s+([A-Z][\w-]+)", ann.sentence.text)
                if m:
                    return m.group(1)
        return None

    def _interpretation(self) -> dict[str, Any]:
        note = self.draft.note
        interpreted = {b.id for b in self.bodies if b.interpreted}
        by_row = [
            (1 if row.items else 0) + sum(1 for b in self.bodies if b.interpreted and row in b.rows)
            for row in self.planned
        ]
        budget = self.facts.interpreted_meetings
        data: dict[str, Any] = {}
        if budget is None:
            # Every period of every day for each team: a placeholder that never makes the draft
            # infeasible, and that a partial annex (a few published meetings) cannot shrink.
            usable = [p for p in self.periods if not p.evening]
            teams = max(max(by_row, default=1), 1 + (1 if interpreted else 0))
            budget = max(sum(by_row), max(len(self.days), 1) * len(usable) * teams)
            note(
                ("interpretation", "budget"),
                "TO COMPLETE: the number of meetings with interpretation is not stated "
                f"(placeholder: every period of every day, {budget})",
                f"interpretation.budget: not stated; TO COMPLETE (placeholder {budget}: every "
                "period of every day, so that the draft can be solved)",
            )
        data["budget"] = budget
        if by_row:
            data["teams"] = max(max(by_row), 1)
            note(("interpretation", "teams"), "estimate: most interpreted meetings at once in "
                 "the annex")  # fmt: skip
        else:
            data["teams"] = 1 + (1 if interpreted else 0)
            note(
                ("interpretation", "teams"),
                "assumption: the plenary plus one interpreted parallel meeting"
                if interpreted
                else "assumption: the plenary only",
            )
        return data

    def _rooms(self) -> list[dict[str, Any]]:
        rooms: list[dict[str, Any]] = [
            {"id": "plenary-hall", "name": "Plenary hall", "interpretation": True}
        ]
        for body in self.bodies:
            letter = body.room.removeprefix("room-").upper()
            kind = "Conference room" if body.interpreted else "Consultation room"
            rooms.append({"id": body.room, "name": f"{kind} {letter}",
                          "interpretation": body.interpreted})  # fmt: skip
        self.draft.note(
            ("rooms",),
            "TO COMPLETE: the document names no rooms; these are placeholders",
            "rooms: placeholders (plenary hall and one room per other body); give the venue's",
        )
        return rooms

    def _bodies_data(self) -> list[dict[str, Any]]:
        data: list[dict[str, Any]] = [
            {
                "id": "plenary",
                "kind": "plenary",
                "name": self._both(PLENARY_NAME, PLENARY_NAMES),
                "rooms": ["plenary-hall"],
                "interpreted": True,
            }
        ]
        for body in self.bodies:
            n = len(data)
            name = self.text(body.name)
            own = INFORMALS_NAMES.get(self.lang, "")
            if body.kind == "informal" and fold(body.name) == fold(own):
                name = self._both(INFORMALS_NAME, INFORMALS_NAMES)
            entry: dict[str, Any] = {
                "id": body.id,
                "kind": body.kind,
                "name": name,
                "rooms": [body.room],
                "interpreted": body.interpreted,
            }
            if body.latest_end:
                entry["latest_end"] = body.latest_end
                self.draft.note(("bodies", n, "latest_end"), "from the deadline in the annotations")
            if body.kind == "informal":
                self.draft.note(("bodies", n, "interpreted"), "informal consultations have no "
                                "interpretation")  # fmt: skip
            else:
                self.draft.note(
                    ("bodies", n, "interpreted"),
                    "assumption: interpreted like the plenary",
                )
            data.append(entry)
        return data

    def _items_data(self) -> list[dict[str, Any]]:
        note = self.draft.note
        own = {d: {p.id: p for p in periods} for dates, periods in self.day_periods for d in dates}
        durations = implied_minutes(self.planned, {p.id: p for p in self.periods}, own)
        parents = {item.parent for item in self.items if item.parent}
        items: list[dict[str, Any]] = []
        placeholder_minutes = self.periods[0].minutes
        missing: list[str] = []
        for n, item in enumerate(self.items):
            entry: dict[str, Any] = {"id": item.id}
            if item.parent:
                entry["parent"] = item.parent
            entry["title"] = self.text(item.title)
            wording = self.wording.get(item.id)
            if wording and differs(item.title, wording):
                entry["annex_title"] = self.text(wording)
                note(("items", n, "annex_title"), "as worded in the annex")
            if item.id in durations:
                entry["minutes"], why = durations[item.id]
                note(("items", n, "minutes"), why)
            elif item.id not in parents:
                entry["minutes"] = placeholder_minutes
                note(("items", n, "minutes"), "TO COMPLETE: no duration in the document "
                     "(placeholder: one meeting)")  # fmt: skip
                missing.append(item.label)
            documents = self.facts.documents.get(item.id)
            if documents:
                entry["documents"] = documents
            items.append(entry)
        if not items:
            items.append({"id": "1", "title": self.text(PLACEHOLDER), "minutes": 180})
            note(("items", 0), "TO COMPLETE: no agenda item was read",
                 "items: no agenda item could be read; type them in")  # fmt: skip
        self._annex_activities(items, durations)
        if missing:
            where = "not in the annex" if self.annex else "no organization of work in the document"
            self.draft.report.append(
                f"items: no duration for item(s) {', '.join(missing)} ({where}); one meeting "
                "each is a placeholder"
            )
        if durations:
            self.draft.report.append(
                "items: durations are estimates implied by the annex (items sharing a meeting "
                "split it equally); adjust them to the expected speakers"
            )
        self._first_and_last(items)
        return items

    def _annex_activities(
        self, items: list[dict[str, Any]], durations: dict[str, tuple[int, str]]
    ) -> None:
        """What the annex shows the plenary taking that is no agenda item (the President's
        address): an item with `agenda_item: false`, placed in the agenda after the item the
        annex cites before it, so the plenary's order keeps the annex's."""
        seen: dict[str, AnnexActivity] = {}
        for row in self.planned:
            for activity in row.activities:
                seen.setdefault(activity.id, activity)
        parents = {str(entry.get("parent")) for entry in items if entry.get("parent")}
        for activity in seen.values():
            at = 0
            if activity.follows is not None:
                ids = [str(entry["id"]) for entry in items]
                at = ids.index(activity.follows) + 1 if activity.follows in ids else len(items)
                inside = {activity.follows}
                while at < len(items) and (
                    items[at].get("parent") in inside or items[at].get("agenda_item") is False
                ):
                    if str(items[at]["id"]) in parents:
                        inside.add(str(items[at]["id"]))
                    at += 1
            else:
                while at < len(items) and items[at].get("agenda_item") is False:
                    at += 1
            minutes, why = durations.get(activity.id, (self.periods[0].minutes, "placeholder"))
            items.insert(
                at,
                {
                    "id": activity.id,
                    "title": self.text(activity.title),
                    "agenda_item": False,
                    "minutes": minutes,
                },
            )
            self._shift_comments(at)
            self.draft.note(("items", at, "agenda_item"), "in the annex, not on the agenda")
            self.draft.note(("items", at, "minutes"), why)
        if seen:
            self.draft.report.append(
                "items: "
                + ", ".join(repr(a.title) for a in seen.values())
                + " (in the annex, not on the agenda) added with agenda_item: false; check "
                "where each is taken"
            )

    def _shift_comments(self, at: int) -> None:
        """An entry inserted at `items[at]`: the comments of the entries from there move down."""
        moved: dict[Any, str] = {}
        for path, comment in list(self.draft.comments.items()):
            if len(path) > 1 and path[0] == "items" and isinstance(path[1], int) and path[1] >= at:
                del self.draft.comments[path]
                moved[("items", path[1] + 1, *path[2:])] = comment
        self.draft.comments.update(moved)

    def _first_and_last(self, items: list[dict[str, Any]]) -> None:
        note = self.draft.note
        timed = [n for n, entry in enumerate(items) if "minutes" in entry]
        if not timed:
            return
        first = timed[0]
        items[first]["first"] = True
        facts = self.facts
        if facts.opening_date and facts.opening_date in self.days:
            time = facts.opening_time or self._periods_on(facts.opening_date)[0].start
            items[first]["fixed_start"] = dt.datetime.combine(facts.opening_date, time)
            if facts.opening_time:
                note(("items", first, "fixed_start"), "the opening stated in the annotations")
            else:
                note(
                    ("items", first, "fixed_start"),
                    "TO COMPLETE: opening time not stated; start of the first period assumed",
                    "opening: the time is not stated; the first period's start is assumed",
                )
        else:
            note(
                ("items", first, "first"),
                "the opening item",
                "opening: date and time not found; set fixed_start on the opening item",
            )
        on_agenda = [n for n in timed if items[n].get("agenda_item") is not False] or timed
        last = on_agenda[-1]
        item_by_id = {item.id: item for item in self.items}
        closing = item_by_id.get(str(items[last]["id"]))
        if closing and CLOSING_ITEM.match(closing.title) and last == timed[-1]:
            items[last]["last"] = True
            note(("items", last, "last"), "the adoption of the report closes the session")
        else:
            self.draft.report.append(
                "items: the last item is not the adoption of a report; mark the closing item "
                "with last: true if there is one"
            )

    def _meetings_data(self) -> list[dict[str, Any]]:
        note = self.draft.note
        meetings: list[dict[str, Any]] = []
        usable = [p for p in self.periods if not p.evening]
        for body in self.bodies:
            n = len(meetings)
            ann = next((a for a in body.announcements if a.meeting_number), None)
            if body.kind == "informal":
                mid = "informal-consultations"
            elif ann and ann.meeting_number:
                mid = f"{body.id}-{ann.meeting_number}"
            else:
                mid = f"{body.id}-meetings"
            entry: dict[str, Any] = {"id": mid, "body": body.id, "title": self.text(body.name)}
            if body.rows:
                entry["meetings"] = len(body.rows)
                note(("meetings", n, "meetings"), "as many as in the annex")
            else:
                entry["meetings"] = max(len(body.dates), 1) * len(usable)
                note(
                    ("meetings", n, "meetings"),
                    "estimate: every period of its day(s)" if body.dates else "TO COMPLETE",
                    f"meetings: {mid}: number of meetings not stated; "
                    + ("every period of its day(s) assumed" if body.dates else "placeholder"),
                )
            if len(body.dates) == 1:
                entry["date"] = body.dates[0]
                note(("meetings", n, "date"), "the date announced in the annotations")
            elif body.dates:
                entry["dates"] = list(body.dates)  # one entry over several days, pre-session too
                entry["earliest_start"] = dt.datetime.combine(body.dates[0], usable[0].start)
                entry["latest_end"] = dt.datetime.combine(body.dates[-1], usable[-1].end)
                note(("meetings", n), "within the dates announced in the annotations")
                note(("meetings", n, "dates"), "the dates announced in the annotations")
            elif not body.rows:
                self.draft.report.append(f"meetings: {mid}: no date found; place it or give one")
            off = [r for r in body.rows if body.dates and r.date not in body.dates]
            if off:
                self.draft.report.append(
                    f"meetings: {mid}: the annex places it on {off[0].date}, not on the date(s) "
                    "announced in the annotations; check"
                )
            related = self._related_items(body)
            if related:
                self.draft.report.append(
                    f"meetings: {mid} and item(s) {', '.join(related)} share a subject; if the "
                    f"same experts follow both, add not_in_parallel_with: {related}"
                )
            meetings.append(entry)
        return meetings

    def _related_items(self, body: OtherBody) -> list[str]:
        """Items whose title shares the distinctive words of the body's name."""
        if body.kind == "informal":
            return []
        distinctive = set(fold(body.name).split()[len(fold(body.keyword).split()) :])
        distinctive -= STOP_WORDS
        if len(distinctive) < 2:
            return []
        parents = {item.parent for item in self.items if item.parent}
        return [
            item.id
            for item in self.items
            if item.id not in parents and distinctive <= set(fold(item.title).split())
        ]

    def _published(self) -> list[dict[str, Any]]:
        entries: list[dict[str, Any]] = []
        meetings = self.draft.data["meetings"]
        activity_of = {m["body"]: m["id"] for m in meetings}
        usable = [p for p in self.periods if not p.evening]
        for body in self.bodies:  # announced but not in the annex: placed from the annotations
            if body.rows or not body.dates:
                continue
            for day in body.dates:
                for period in usable:
                    entries.append({"activity": activity_of[body.id], "date": day,
                                    "period": period.id})  # fmt: skip
            self.draft.report.append(
                f"published: {activity_of[body.id]} is not in the annex; its entries come from "
                "the annotations"
            )
        for row in self.planned:
            for item_id in row.taken:
                entries.append({"activity": item_id, "date": row.date, "period": row.period})
            for body in self.bodies:
                if row in body.rows:
                    entries.append({"activity": activity_of[body.id], "date": row.date,
                                    "period": row.period})  # fmt: skip
        self.draft.note(("published",), "the annex as printed; rooms are each body's first room")
        return entries


def build_session(
    lang: str,
    agenda: AgendaList,
    facts: Facts,
    annex: Annex | None,
    header_symbols: Sequence[str],
    notes: Sequence[str],
) -> Draft:
    """The session data, comments and report for what was read."""
    return SessionBuilder(lang, agenda, facts, annex, header_symbols, notes).build()


__all__ = ["PLACEHOLDER", "Draft", "StatedDeadline", "build_session"]
