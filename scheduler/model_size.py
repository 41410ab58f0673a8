"""How large a session's CP-SAT model will be, estimated from the session before it is built.

The session file's own limits (`scheduler.session`: rooms, bodies, items, 60,000 placements)
bound each list, not their products: 500 rooms x 200 bodies, every body allowed in every room,
is within them and makes two million room literals, a minute and gigabytes to build. What grows
(see `models.variables` and `models.constraints`), per usable slot:

- placements: a part (and its minutes, and two span literals) per activity;
- room choices: a literal per room for each body that has several rooms;
- pairs: a clause per pair that must not run in parallel (`not_in_parallel_with`, expanded to
  the activities a heading or a body stands for) or that may not share (`share: false`).

Measured while building (one core): 100,000 room literals take 1.9 s and 190 MB; the size
grows linearly (447,000 clauses of a `not_in_parallel_with` clique of 150: 5.5 s, 250 MB).
`MAX_MODEL_SIZE` keeps the build within about four seconds and a few hundred MB; COP9 is
near 1,000, the largest generated session (climate) near 20,000.
"""

from __future__ import annotations

from dataclasses import dataclass

from scheduler.errors import InputError
from scheduler.session import Session

#: Placements, room choices and pairs, all slots together (see the module docstring).
MAX_MODEL_SIZE = 300_000

#: The longest time limit accepted, from the command line or the API: a week, as the session
#: file's `solver.time_limit` allows.
MAX_TIME_LIMIT = 7 * 24 * 3600


@dataclass(frozen=True)
class ModelSize:
    """The terms of a session's model that grow with it, each counted over the usable slots."""

    placements: int
    room_choices: int
    pairs: int

    @property
    def total(self) -> int:
        return self.placements + self.room_choices + self.pairs

    def __str__(self) -> str:
        return (
            f"{self.placements:,} placements, {self.room_choices:,} room choices and "
            f"{self.pairs:,} pairs kept apart"
        )


def model_size(session: Session) -> ModelSize:
    """An upper estimate of the model's size, in a pass over the session (no model built)."""
    slots = len(session.usable_slots)
    activities = session.activities
    by_body: dict[str, int] = {}
    for a in activities:
        by_body[a.body] = by_body.get(a.body, 0) + 1
    placements = 4 * len(activities) * slots  # part, minutes, started, pending
    rooms = {r.id: r for r in session.rooms}
    room_choices = 0
    for body in session.bodies:
        allowed = [
            r
            for r in body.rooms
            if r in rooms and (not body.interpreted or rooms[r].interpretation)
        ]
        if len(allowed) > 1 and by_body.get(body.id):
            room_choices += len(allowed) * slots
    under = _activities_under(session)
    pairs = 0
    for a in activities:
        for other in a.not_in_parallel_with:
            if other in by_body and other != a.body:
                pairs += slots  # another body: its meetings
            elif other in by_body:
                pairs += (by_body[other] - 1) * slots
            else:
                pairs += max(1, under.get(other, 0)) * slots
        if not a.share and not a.whole_meetings:
            pairs += (by_body[a.body] - 1) * slots
    return ModelSize(placements, room_choices, pairs)


def check_model_size(session: Session) -> ModelSize:
    """The session's model size; `InputError` naming the sizes when it is beyond the limit."""
    size = model_size(session)
    if size.total > MAX_MODEL_SIZE:
        raise InputError(
            f"the model would hold {size} ({size.total:,} in all, over "
            f"{len(session.usable_slots)} periods); at most {MAX_MODEL_SIZE:,} can be solved: "
            "give bodies fewer rooms, shorten not_in_parallel_with lists, or split the session",
            field="session",
        )
    return size


def _activities_under(session: Session) -> dict[str, int]:
    """Item id -> the activities it stands for: itself, or a heading's sub-items."""
    parent = {i.id: i.parent for i in session.items}
    counts: dict[str, int] = {}
    for a in session.activities:
        item: str | None = a.id
        seen = 0
        while item is not None and seen <= len(parent):
            counts[item] = counts.get(item, 0) + 1
            item = parent.get(item)
            seen += 1
    return counts
