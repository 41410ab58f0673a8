"""Turn a published grid (which activities in which period) into timed assignments.

A published annex says which activities are taken in which period, sometimes at which time and
in which room, and is often known only in part. To check it like any other timetable, each
meeting's parts are laid out without inventing anything the grid does not say:

- the parts of one meeting are taken in agenda order (the host's file order), whatever the
  order of the rows; a row that prints `start`/`end` keeps those times;
- a part never runs past what is left of its period: the last listed part of an activity takes
  what remains of its minutes, an earlier one runs on to the end of the meeting, and either
  leaves room for the parts after it in the same meeting (each gets at least an equal share);
- a part that follows another activity (`after_end_of`, `after_start_of`: the General
  Committee "upon completion of item 1.3") starts no earlier than that activity's end (start)
  when it falls inside its period: overlapping meetings are laid out in that order;
- a row without a room is given one of its body's rooms that no other meeting uses at that time
  (clock overlap), rooms with booths first for an interpreted body;
- periods are those of the row's own day (`Session.slot(date, period)`).

A grid that lists every activity is complete; one that leaves some out is partial
(`PublishedGrid.partial`): what needs the whole timetable cannot be judged on it (`schedule
check --published`; docs/RULES.md, "Published grids").
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from scheduler.session import Activity, PublishedEntry, Session, Slot
from scheduler.timetable import Assignment, Timetable

MeetingKey = tuple[str, dt.date, str]  # host body, date, period


@dataclass(frozen=True)
class PublishedGrid:
    """The published grid as a timetable, with what it lists and what it leaves out."""

    timetable: Timetable
    listed: tuple[str, ...]  # activities with at least one row, in file order
    absent: tuple[str, ...]  # activities without a row, in file order
    timed: frozenset[MeetingKey] = frozenset()  # (activity, date, period) of rows with times
    roomed: frozenset[MeetingKey] = frozenset()  # (activity, date, period) of rows with a room

    @property
    def partial(self) -> bool:
        """Some activities are not in the grid: it is known only in part."""
        return bool(self.absent)

    @property
    def total(self) -> int:
        return len(self.listed) + len(self.absent)

    def pinned(self) -> Timetable:
        """Every row of the grid marked pinned, to be kept by a re-plan (`solve --keep`)."""
        return Timetable.of(replace(row, pinned=True) for row in self.timetable)


@dataclass
class _Part:
    """One row of the grid on its way to an assignment."""

    entry: PublishedEntry
    activity: Activity
    slot: Slot
    position: int  # the activity's place in the file: agenda order
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    room: str | None = None


def published_grid(session: Session, lang: str = "en") -> PublishedGrid:
    """The session's published grid, laid out as the module docstring says."""
    position = {a.id: n for n, a in enumerate(session.activities)}
    parts: list[_Part] = []
    seen: set[tuple[str, dt.date, str, dt.time | None, dt.time | None]] = set()
    for entry in session.published or []:
        row = (entry.activity, entry.date, entry.period, entry.start, entry.end)
        if row in seen:  # the same row twice says nothing more
            continue
        seen.add(row)
        activity = session.activity(entry.activity)
        slot = session.slot(entry.date, entry.period)
        parts.append(_Part(entry, activity, slot, position[activity.id]))
    meetings: dict[MeetingKey, list[_Part]] = {}
    for part in parts:
        meetings.setdefault((part.activity.body, part.slot.date, part.slot.period.id), []).append(
            part
        )
    for group in meetings.values():
        group.sort(key=lambda p: (p.position, p.entry.start or dt.time.min))
    order = sorted(meetings, key=lambda k: (_meeting_start(meetings[k]), k[0]))
    layout = _Layout(
        session,
        last_meeting={p.activity.id: k for k in order for p in meetings[k]},
        left={a.id: a.minutes or 0 for a in session.activities},
        later_parts=dict(Counter(p.activity.id for p in parts)),
    )
    for key in _after_what_they_follow(session, meetings, order):
        layout.meeting(meetings[key], key)
    _give_rooms(session, meetings, order)
    rows = _assignments(session, parts, lang)
    listed = {p.activity.id for p in parts}
    return PublishedGrid(
        timetable=rows,
        listed=tuple(a.id for a in session.activities if a.id in listed),
        absent=tuple(a.id for a in session.activities if a.id not in listed),
        timed=frozenset(
            (p.activity.id, p.slot.date, p.slot.period.id)
            for p in parts
            if p.entry.start is not None and p.entry.end is not None
        ),
        roomed=frozenset(
            (p.activity.id, p.slot.date, p.slot.period.id) for p in parts if p.entry.room
        ),
    )


def published_timetable(session: Session, lang: str = "en") -> Timetable:
    """The session's published timetable as assignments; empty if it has none."""
    return published_grid(session, lang).timetable


def _meeting_start(parts: list[_Part]) -> dt.datetime:
    slot = parts[0].slot
    given = [_on(slot.date, p.entry.start) for p in parts if p.entry.start is not None]
    return min([slot.start, *given])


def _on(date: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(date, time)


def _minutes(span: dt.timedelta) -> int:
    return int(span.total_seconds() // 60)


def stands_for(session: Session, entry: str) -> set[str]:
    """The activities a relation's entry stands for: itself, a heading's sub-items at any
    depth, or a body's whole agenda (its joint meetings included)."""
    ids = {a.id for a in session.activities}
    if entry in {b.id for b in session.bodies}:
        return {a.id for a in session.agenda_of(entry)}
    found, parents = {entry} & ids, {entry}
    while parents:
        parents = {i.id for i in session.items if i.parent in parents}
        found |= parents & ids
    return found


def _follows(session: Session, activity: Activity) -> tuple[set[str], set[str]]:
    """The activities `activity` starts after the end of, and after the start of."""
    ends = {a for e in activity.after_end_of for a in stands_for(session, e)}
    starts = {a for e in activity.after_start_of for a in stands_for(session, e)}
    return ends, starts


def _after_what_they_follow(
    session: Session, meetings: dict[MeetingKey, list[_Part]], order: list[MeetingKey]
) -> list[MeetingKey]:
    """Meetings in time order, except that a meeting with a part that follows another
    activity (`after_end_of`, `after_start_of`) comes after an overlapping meeting of that
    activity, so the part can be laid out after it."""
    spans = {key: _span(meetings[key]) for key in order}
    needs: dict[MeetingKey, set[MeetingKey]] = {}
    for key in order:
        followed: set[str] = set()
        for p in meetings[key]:
            ends, starts = _follows(session, p.activity)
            followed |= ends | starts
        needs[key] = {
            other
            for other in order
            if other != key
            and spans[other][0] < spans[key][1]
            and spans[key][0] < spans[other][1]
            and any(p.activity.id in followed for p in meetings[other])
        }
    done: list[MeetingKey] = []
    waiting = list(order)
    while waiting:
        ready = next((k for k in waiting if not needs[k] - set(done)), waiting[0])  # a cycle:
        waiting.remove(ready)  # time order
        done.append(ready)
    return done


@dataclass
class _Layout:
    """The state of the layout as meetings are laid out: minutes still to place and rows not
    yet laid out, by activity; the meeting of each activity's last listed part; the parts
    laid out so far."""

    session: Session
    last_meeting: dict[str, MeetingKey]
    left: dict[str, int]
    later_parts: dict[str, int]
    placed: dict[str, list[_Part]] = field(default_factory=dict)

    def meeting(self, group: list[_Part], key: MeetingKey) -> None:
        """Times of one meeting's parts, in agenda order, within its period (see the module)."""
        slot = group[0].slot
        cursor = slot.start
        for k, part in enumerate(group):
            entry, activity = part.entry, part.activity
            self.later_parts[activity.id] -= 1
            if entry.start is not None and entry.end is not None:
                part.start, part.end = _on(slot.date, entry.start), _on(slot.date, entry.end)
            elif activity.whole_meetings:  # fills its period but for a time the grid prints
                part.start = _on(slot.date, entry.start) if entry.start is not None else slot.start
                part.end = _on(slot.date, entry.end) if entry.end is not None else slot.end
            else:
                if entry.start is not None:
                    start = _on(slot.date, entry.start)
                else:
                    start = max(cursor, self._ready(activity, slot))
                if entry.end is not None:
                    end = _on(slot.date, entry.end)
                else:
                    end = start + dt.timedelta(minutes=self._share(group, k, start, key))
                part.start, part.end = start, end
            if not activity.whole_meetings:  # one sharing its meeting: no-sharing says so,
                self.left[activity.id] -= max(_minutes(part.end - part.start), 0)
                cursor = max(cursor, part.end)  # and the others keep their time
            self.placed.setdefault(activity.id, []).append(part)

    def _ready(self, activity: Activity, slot: Slot) -> dt.datetime:
        """The earliest start in `slot` that its `after_end_of` and `after_start_of` allow:
        the end (the start) of what it follows, when that falls inside this period."""
        ends, starts = _follows(self.session, activity)
        moments = [
            moment
            for followed, at_end in ((ends, True), (starts, False))
            for other in followed
            for p in self.placed.get(other, [])
            if p.slot.date == slot.date and (moment := p.end if at_end else p.start) is not None
        ]
        inside = [m for m in moments if slot.start < m < slot.end]
        return max([slot.start, *inside])

    def _share(self, group: list[_Part], k: int, start: dt.datetime, key: MeetingKey) -> int:
        """Minutes of the untimed part `group[k]` starting at `start`: what is left of its
        activity (all of the rest if this is its last listed part), bounded by the time left
        before the next timed part or the period's end less what the parts after it need, and
        at least an equal share of that time."""
        part, slot = group[k], group[k].slot
        following: list[_Part] = []
        limit = slot.end
        for other in group[k + 1 :]:
            if other.entry.start is not None:
                limit = min(limit, _on(slot.date, other.entry.start))
                break
            following.append(other)
        room = max(_minutes(limit - start), 0)
        reserve = sum(
            min(self.left[o.activity.id], room) if self.last_meeting[o.activity.id] == key else 0
            for o in following
            if not o.activity.whole_meetings
        )
        floor = room // (len(following) + 1)
        remaining = self.left[part.activity.id]
        if self.last_meeting[part.activity.id] == key:
            wanted = remaining
        else:  # continued later: runs on to the meeting's end, leaving a minute per later part
            wanted = max(remaining - self.later_parts[part.activity.id], 1)
        minutes = min(wanted, max(room - reserve, floor))
        return max(min(minutes, room), 0)


def _give_rooms(
    session: Session, meetings: dict[MeetingKey, list[_Part]], order: list[MeetingKey]
) -> None:
    """Rooms: as the grid gives them; a meeting without one takes the first of its body's
    rooms free all through its period (booths first for an interpreted body)."""
    busy: list[tuple[str, dt.datetime, dt.datetime]] = []
    spans = {key: _span(meetings[key]) for key in order}
    for key in order:
        named = [p.entry.room for p in meetings[key] if p.entry.room]
        if named:
            busy.append((named[0], *spans[key]))
    for key in order:
        group = meetings[key]
        named = [p.entry.room for p in group if p.entry.room]
        if named:
            room = named[0]
        else:
            room = _free_room(session, key[0], spans[key], busy)
            busy.append((room, *spans[key]))
        for part in group:
            part.room = part.entry.room or room


def _span(group: list[_Part]) -> tuple[dt.datetime, dt.datetime]:
    """A meeting holds its room for its whole period (and any time a row prints beyond it)."""
    slot = group[0].slot
    starts = [p.start for p in group if p.start is not None]
    ends = [p.end for p in group if p.end is not None]
    return min([slot.start, *starts]), max([slot.end, *ends])


def _free_room(
    session: Session,
    host: str,
    span: tuple[dt.datetime, dt.datetime],
    busy: Iterable[tuple[str, dt.datetime, dt.datetime]],
) -> str:
    body = session.body(host)
    taken = {room for room, start, end in busy if start < span[1] and span[0] < end}
    candidates = list(body.rooms)
    if body.interpreted:
        candidates.sort(key=lambda r: not session.room(r).interpretation)
    return next((r for r in candidates if r not in taken), candidates[0])


def _assignments(session: Session, parts: list[_Part], lang: str) -> Timetable:
    by_activity: dict[str, list[_Part]] = {}
    for part in parts:
        by_activity.setdefault(part.activity.id, []).append(part)
    rows: list[Assignment] = []
    for activity_id, own in by_activity.items():
        own.sort(key=lambda p: (p.start or p.slot.start, p.slot.index))
        for number, part in enumerate(own, start=1):
            assert part.start is not None and part.end is not None and part.room is not None
            body = session.body(part.activity.body)
            rows.append(
                Assignment(
                    date=part.slot.date,
                    start=part.start.time(),
                    end=part.end.time(),
                    body=body.id,
                    activity=activity_id,
                    room=part.room,
                    period=part.slot.period.id,
                    minutes=_minutes(part.end - part.start),
                    part=number,
                    parts=len(own),
                    title=part.activity.title.get(lang),
                    interpreted=body.interpreted,
                )
            )
    return Timetable.of(rows)
