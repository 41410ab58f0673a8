"""One tiny case per hard rule that breaks that rule and no other.

Each per-rule test module has its own, more detailed cases; this table makes sure that no rule
of `scheduler.rules` is left without one, and it can serve any other component that needs "a
timetable that breaks rule X" (for example to check explanations).
"""

from __future__ import annotations

from collections.abc import Callable

from scheduler.session import Session
from scheduler.timetable import Timetable
from tests.validation.layout import row, tiny_session, tiny_timetable

Case = Callable[[], tuple[Session, Timetable]]

#: Item 4 in parallel with the working group on Tuesday morning, still ending last.
_PARALLEL = (row("4", "Tue AM", "12:00-13:00"),)
_TWO_ROOMS = {"plenary": {"rooms": ["hall", "small"]}}

BREAKS_ONLY: dict[str, Case] = {
    "full-duration": lambda: (tiny_session(), tiny_timetable(row("3", "Mon PM", "17:00-17:20"))),
    "within-periods": lambda: (tiny_session(), tiny_timetable(row("3", "Mon PM", "17:45-18:15"))),
    "body-one-at-a-time": lambda: (
        tiny_session(bodies=_TWO_ROOMS),
        tiny_timetable(row("3", "Mon PM", "17:00-17:30", room="small")),
    ),
    "room-one-meeting": lambda: (
        tiny_session(bodies=_TWO_ROOMS),
        tiny_timetable(row("4", "Tue AM", "12:00-13:00", room="small")),
    ),
    "body-rooms": lambda: (
        tiny_session(),
        tiny_timetable(row("4", "Tue PM", "15:00-16:00", room="small")),
    ),
    "interpretation-booths": lambda: (
        tiny_session(
            rooms={"small": {"interpretation": False}}, bodies={"wg": {"rooms": ["hall", "small"]}}
        ),
        tiny_timetable(),
    ),
    "agenda-order": lambda: (
        tiny_session(),
        tiny_timetable(
            row("3", "Mon AM", "11:00-11:30"),
            row("2", "Mon AM", "11:30-13:00", part="1/2"),
            row("2", "Mon PM", "15:00-17:30", part="2/2"),
        ),
    ),
    "first-last": lambda: (tiny_session(), tiny_timetable(row("4", "Tue AM", "10:00-11:00"))),
    # The opening starts half an hour late; the rest follows it.
    "fixed-start": lambda: (
        tiny_session(),
        tiny_timetable(
            row("1", "Mon AM", "10:30-11:30"),
            row("2", "Mon AM", "11:30-13:00", part="1/2"),
            row("2", "Mon PM", "15:00-17:30", part="2/2"),
            row("3", "Mon PM", "17:30-18:00"),
        ),
    ),
    "held-on-date": lambda: (
        tiny_session(meetings={"wg-1": {"date": "2030-03-04"}}),
        tiny_timetable(),
    ),
    "earliest-start": lambda: (
        tiny_session(meetings={"wg-1": {"earliest_start": "2030-03-05T15:00"}}),
        tiny_timetable(),
    ),
    "deadline": lambda: (
        tiny_session(bodies={"wg": {"latest_end": "2030-03-05T12:00"}}),
        tiny_timetable(),
    ),
    "not-in-parallel": lambda: (
        tiny_session(),
        tiny_timetable(row("wg-1", "Mon PM", "15:00-18:00")),
    ),
    "no-sharing": lambda: (tiny_session(items={"3": {"share": False}}), tiny_timetable()),
    "no-running-on": lambda: (tiny_session(items={"2": {"run_on": False}}), tiny_timetable()),
    "consecutive-meetings": lambda: (
        tiny_session(),
        tiny_timetable(
            row("2", "Mon AM", "11:00-12:30", part="1/2"),
            row("2", "Mon PM", "15:00-17:30", part="2/2"),
            row("3", "Mon PM", "17:30-18:00"),
        ),
    ),
    "interpretation-budget": lambda: (
        tiny_session(interpretation={"budget": 3}),
        tiny_timetable(),
    ),
    "interpretation-teams": lambda: (
        tiny_session(interpretation={"teams": 1}),
        tiny_timetable(*_PARALLEL),
    ),
    "parallel-cap": lambda: (
        tiny_session(interpretation={"parallel_cap": 1}),
        tiny_timetable(*_PARALLEL),
    ),
    # Item 2 continues on Monday afternoon in the small room, not in the hall.
    "same-room": lambda: (
        tiny_session(bodies=_TWO_ROOMS, items={"2": {"same_room": True}}),
        tiny_timetable(
            row("2", "Mon AM", "11:00-13:00", part="1/2"),
            row("2", "Mon PM", "15:00-17:00", part="2/2", room="small"),
            row("3", "Mon PM", "17:00-17:30", room="small"),
        ),
    ),
    # The working group meets in the small room on Tuesday morning, while it is closed.
    "room-closed": lambda: (
        tiny_session(rooms={"small": {"closed": ["2030-03-05 AM"]}}),
        tiny_timetable(),
    ),
    # The plenary meets twice on Monday.
    "max-meetings-per-day": lambda: (
        tiny_session(bodies={"plenary": {"max_meetings_per_day": 1}}),
        tiny_timetable(),
    ),
}

# Relations across bodies and caps on a body's calendar (scheduler/validation/relations.py).
BREAKS_ONLY.update(
    {
        # The working group meets Tuesday morning, item 3 on Monday afternoon.
        "in-parallel": lambda: (
            tiny_session(meetings={"wg-1": {"in_parallel_with": ["3"]}}),
            tiny_timetable(),
        ),
        # The working group meets Tuesday morning, before item 4 (Tuesday afternoon).
        "sequence": lambda: (
            tiny_session(meetings={"wg-1": {"after_end_of": ["4"]}}),
            tiny_timetable(),
        ),
        # The plenary meets on Monday and Tuesday.
        "max-days": lambda: (tiny_session(bodies={"plenary": {"max_days": 1}}), tiny_timetable()),
        # Item 4 in parallel with the working group, both hybrid, one remote team.
        "remote-capacity": lambda: (
            tiny_session(
                interpretation={"remote_teams": 1},
                bodies={"plenary": {"mode": "hybrid"}, "wg": {"mode": "hybrid"}},
            ),
            tiny_timetable(*_PARALLEL),
        ),
    }
)
