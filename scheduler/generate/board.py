"""The witness's room board: who sits where in each slot, within teams and the parallel cap.

Every meeting of the witness is booked here, so the rules on rooms, interpretation teams and
the parallel cap hold by construction: a booking that would break one is never made.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from scheduler.generate.calendar import GenSlot
from scheduler.generate.plan import BodyPlan


class Board:
    def __init__(
        self, teams: int, parallel_cap: int | None, capped_kinds: tuple[str, ...] | None = None
    ) -> None:
        self.teams = teams
        self.parallel_cap = parallel_cap
        self.capped_kinds = capped_kinds  # the kinds the cap counts; None: every body
        self._rooms: dict[int, set[str]] = {}
        self._bodies: dict[int, set[str]] = {}
        self._capped: dict[int, int] = {}
        self._interpreted: dict[int, int] = {}

    def counted(self, body: BodyPlan) -> bool:
        """Whether the parallel cap counts this body's meetings."""
        return self.capped_kinds is None or body.kind in self.capped_kinds

    def meetings_in(self, slot: GenSlot) -> int:
        """The meetings in `slot` that the parallel cap counts."""
        return self._capped.get(slot.index, 0)

    def rooms_taken(self, slot: GenSlot) -> int:
        """Every meeting in `slot`, each in a room of its own."""
        return len(self._rooms.get(slot.index, ()))

    def interpreted_in(self, slot: GenSlot) -> int:
        return self._interpreted.get(slot.index, 0)

    def room_for(self, body: BodyPlan, slot: GenSlot) -> str | None:
        """A free room the body may use in `slot` (its usual room when free), or None."""
        if body.id in self._bodies.get(slot.index, ()):
            return None
        if body.interpreted and self.interpreted_in(slot) >= self.teams:
            return None
        capped = self.parallel_cap is not None and self.counted(body)
        if capped and self.meetings_in(slot) >= (self.parallel_cap or 0):
            return None
        taken = self._rooms.get(slot.index, set())
        usual = [room for _, room in body.meetings]
        for room in [*usual, *body.eligible_rooms]:
            if room not in taken and room in body.eligible_rooms:
                return room
        return None

    def book(self, body: BodyPlan, slot: GenSlot, room: str) -> None:
        assert room not in self._rooms.get(slot.index, set()), (slot, room)
        self._rooms.setdefault(slot.index, set()).add(room)
        self._bodies.setdefault(slot.index, set()).add(body.id)
        if self.counted(body):
            self._capped[slot.index] = self.meetings_in(slot) + 1
        if body.interpreted:
            self._interpreted[slot.index] = self.interpreted_in(slot) + 1
        body.add_meeting(slot, room)

    def book_run(
        self,
        body: BodyPlan,
        candidates: Sequence[GenSlot],
        count: int,
        rng: random.Random,
    ) -> int:
        """Book up to `count` meetings from `candidates`, mostly back to back; return how many.

        Starting from a random candidate and walking on in time order keeps a body's meetings
        together, as a working group's are.
        """
        if not candidates or count <= 0:
            return 0
        start = rng.randrange(len(candidates))
        booked = 0
        for k in range(len(candidates)):
            slot = candidates[(start + k) % len(candidates)]
            room = self.room_for(body, slot)
            if room is None:
                continue
            self.book(body, slot, room)
            booked += 1
            if booked == count:
                break
        return booked
