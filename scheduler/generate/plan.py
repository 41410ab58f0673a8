"""The generator's working notes: rooms, bodies and activities with their witness parts.

A plan holds the session being generated together with the witness timetable laid for it. The
profile builders fill it, `derive` adds the rules the witness satisfies, and `render` turns it
into session data and a `Timetable`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from scheduler.generate.calendar import Calendar, GenSlot


@dataclass(frozen=True)
class RoomPlan:
    id: str
    name: str
    booths: bool
    capacity: int


@dataclass(frozen=True)
class Part:
    """One part of an activity in the witness: `minutes` from `offset` into `slot`."""

    slot: GenSlot
    room: str
    offset: int
    minutes: int

    @property
    def start(self) -> dt.datetime:
        return self.slot.start + dt.timedelta(minutes=self.offset)

    @property
    def end(self) -> dt.datetime:
        return self.slot.start + dt.timedelta(minutes=self.offset + self.minutes)


BodyKind = Literal["plenary", "working_group", "committee", "round_table", "informal", "other"]


@dataclass
class BodyPlan:
    id: str
    en: str
    fr: str
    kind: BodyKind
    interpreted: bool
    eligible_rooms: list[str]  # rooms it could use, preferred first
    order: Literal["agenda", "free"] = "agenda"
    meetings: list[tuple[GenSlot, str]] = field(default_factory=list)  # witness, in time order
    rooms: list[str] = field(default_factory=list)  # the `rooms` written to the file
    earliest_start: dt.datetime | None = None
    latest_end: dt.datetime | None = None

    def add_meeting(self, slot: GenSlot, room: str) -> None:
        self.meetings.append((slot, room))
        self.meetings.sort(key=lambda m: m[0].index)


@dataclass
class ActivityPlan:
    """An agenda item (with or without a duration) or an entry of `meetings:`."""

    id: str
    body: str
    kind: Literal["item", "heading", "meetings"]
    en: str
    fr: str
    minutes: int | None = None
    meetings: int | None = None
    parent: str | None = None
    parts: list[Part] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)  # further fields of the file entry

    @property
    def is_activity(self) -> bool:
        return self.kind != "heading"

    @property
    def slot_indices(self) -> set[int]:
        return {p.slot.index for p in self.parts}

    @property
    def start(self) -> dt.datetime:
        return self.parts[0].start

    @property
    def end(self) -> dt.datetime:
        return self.parts[-1].end


@dataclass
class SessionPlan:
    calendar: Calendar
    rooms: list[RoomPlan]
    bodies: list[BodyPlan] = field(default_factory=list)
    items: list[ActivityPlan] = field(default_factory=list)  # `items:` in file order
    entries: list[ActivityPlan] = field(default_factory=list)  # `meetings:` in file order
    teams: int = 2
    parallel_cap: int | None = None
    parallel_cap_bodies: list[str] | None = None  # the bodies the cap counts; None: every body
    budget: int = 0

    @property
    def activities(self) -> list[ActivityPlan]:
        """What the timetable places, in the order `Session.activities` lists them."""
        return [i for i in self.items if i.is_activity] + list(self.entries)

    def meetings_held(self) -> int:
        return sum(len(b.meetings) for b in self.bodies)

    def interpreted_meetings(self) -> int:
        return sum(len(b.meetings) for b in self.bodies if b.interpreted)
