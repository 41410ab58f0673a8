"""How findings name things: the way a planner reads the annex, in any of the six languages.

A finding is a message of its rule's wording file (`scheduler/rules/wording/<rule>.yaml`,
key `<rule>.<name>`) whose parameters are terms (`scheduler.messages.terms`): `item 4` /
`point 4`, `Thu 18 Oct 12:00` / `jeu. 18 oct. 12:00`, `plenary Thu 18 Oct AM` (body id, day,
period id). The short names below are the ones the check modules use; activities and bodies,
which need the session, are made by `Findings.act` and `Findings.body`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from scheduler.messages import word
from scheduler.messages.terms import Clock as Clock
from scheduler.messages.terms import Day as Day
from scheduler.messages.terms import Listing as Listing
from scheduler.messages.terms import Meeting, Moment, Slot
from scheduler.messages.terms import Span as Span

#: A meeting: (body id, date, period id), as in docs/RULES.md.
MeetingKey = tuple[str, dt.date | None, str]
#: A slot as named by a row: (date, period id).
SlotKey = tuple[dt.date | None, str]

__all__ = [
    "At",
    "Clock",
    "Day",
    "During",
    "InSlot",
    "Listing",
    "MeetingKey",
    "Mtg",
    "SlotKey",
    "Span",
    "When",
]


def Mtg(meeting: MeetingKey) -> Meeting:
    """A meeting: `plenary Thu 18 Oct AM`."""
    return Meeting(*meeting)


def InSlot(slot: SlotKey) -> Slot:
    """A slot: `Thu 18 Oct AM`."""
    return Slot(*slot)


@dataclass(frozen=True)
class During:
    """A stretch of one day, where a slot would be named: `Tue 5 Mar 15:00-17:00` (meetings
    of periods that overlap without being the same slot)."""

    date: dt.date
    start: dt.datetime | None
    end: dt.datetime | None

    def say(self, lang: str) -> str:
        return word("terms.slot", lang, day=Day(self.date), period=Span(self.start, self.end))


#: When things happen together: a slot, or a stretch of a day.
When = Slot | During


def At(moment: dt.datetime | None) -> Moment:
    """A moment: `Thu 18 Oct 12:00`."""
    return Moment(moment, "short")


def meeting_label(meeting: MeetingKey) -> str:
    """`plenary Thu 18 Oct AM`: how the workbook and reports list a finding's meetings."""
    return Mtg(meeting).say("en")
