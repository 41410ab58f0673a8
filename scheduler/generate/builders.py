"""One builder per profile: the rooms, bodies and agendas, laid on the board as the witness.

Order matters and mirrors how a secretariat plans: the plenaries first (they fix the
session's frame: opening, closing), then the formal parallel bodies within the interpretation
teams, then the informal consultations within the parallel cap.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from scheduler.generate.agenda import SHORTEST, agenda_items, lay_agenda
from scheduler.generate.board import Board
from scheduler.generate.calendar import Calendar, GenSlot
from scheduler.generate.names import (
    AGENDA_TOPICS,
    COMMISSION_WORKING_GROUPS,
    CONTACT_GROUPS,
    TREATY_WORKING_GROUPS,
    pick,
)
from scheduler.generate.plan import ActivityPlan, BodyPlan, Part, RoomPlan, SessionPlan
from scheduler.generate.profiles import Parameters, Profile

#: Average minutes per agenda item below which an agenda is refused as unrealistic.
DENSEST = 2 * SHORTEST


def build_plan(params: Parameters, profile: Profile, rng: random.Random) -> SessionPlan:
    builder = {"treaty-cop": _treaty_cop, "commission": _commission, "climate": _climate}
    return builder[params.profile](params, profile, rng)


# --- rooms --------------------------------------------------------------------------------


def _room(ident: str, name: str, booths: bool, capacity: int) -> RoomPlan:
    return RoomPlan(ident, name, booths, capacity)


def _side_rooms(count: int, booths: int, rng: random.Random) -> list[RoomPlan]:
    """`count` smaller rooms named B, C, ...; the first `booths` have interpretation booths."""
    rooms = []
    for n in range(count):
        letter = _room_letter(n)
        with_booths = n < booths
        kind = "Conference room" if with_booths else "Meeting room"
        capacity = rng.choice((120, 150, 200, 250)) if with_booths else rng.choice((30, 40, 60))
        rooms.append(_room(f"room-{letter.lower()}", f"{kind} {letter}", with_booths, capacity))
    return rooms


def _room_letter(n: int) -> str:
    letters = "BCDEFGHJKLMNPQRSTUVWXYZ"
    return letters[n] if n < len(letters) else f"{letters[n % len(letters)]}{n // len(letters)}"


# --- shared steps ---------------------------------------------------------------------------


def _plenary_meetings(
    board: Board,
    body: BodyPlan,
    slots: Sequence[GenSlot],
    items: int,
    share: float,
    rng: random.Random,
    *,
    keep: Sequence[GenSlot] = (),
) -> None:
    """Book an agenda body in `keep` and in about `share` of the other `slots`.

    It gets at least enough meetings for `items` items of DENSEST minutes on average.
    """
    if not slots:
        raise ValueError(f"{body.id}: no slot left for its meetings")
    needed = math.ceil(items * DENSEST / max(s.minutes for s in slots))
    if needed > len(slots):
        most = len(slots) * min(s.minutes for s in slots) // DENSEST
        raise ValueError(
            f"items: {items} agenda items do not fit in {len(slots)} meetings of {body.en} "
            f"(at most about {most}); give fewer items or more days"
        )
    chosen = {s.index: s for s in keep}
    others = [s for s in slots if s.index not in chosen]
    wanted = max(needed - len(chosen), round(share * len(others)))
    chosen.update((s.index, s) for s in rng.sample(others, min(wanted, len(others))))
    for index in sorted(chosen):
        slot = chosen[index]
        room = board.room_for(body, slot)
        if room is None:
            raise ValueError(f"{body.id}: its room is taken on {slot.date} {slot.period.id}")
        board.book(body, slot, room)


def _headroom(board: Board, slots: Sequence[GenSlot], body: BodyPlan, rooms: int) -> int:
    """How many more meetings of bodies like `body` the board can take in `slots`."""
    total = 0
    interpreted = body.interpreted
    for slot in slots:
        free = rooms - board.rooms_taken(slot)
        if board.parallel_cap is not None and board.counted(body):
            free = min(free, board.parallel_cap - board.meetings_in(slot))
        if interpreted:
            free = min(free, board.teams - board.interpreted_in(slot))
        total += max(free, 0)
    return total


def _fill(
    board: Board,
    bodies: Sequence[BodyPlan],
    slots: Sequence[GenSlot],
    fill: float,
    rng: random.Random,
    rooms: int,
) -> None:
    """Give each body one meeting, then more, up to about `fill` of the board's headroom."""
    if not bodies:
        return
    target = fill * _headroom(board, slots, bodies[0], rooms)
    for body in bodies:
        if board.book_run(body, slots, 1, rng) == 0:
            raise ValueError(
                f"bodies: no room left for {body.en}; give fewer bodies, more rooms or more days"
            )
    base = max(target / len(bodies) - 1, 0)
    for body in bodies:
        wanted = round(base * rng.uniform(0.5, 1.5))
        board.book_run(body, slots, wanted, rng)


def _entries(body: BodyPlan, rng: random.Random, *, longest: int = 3) -> list[ActivityPlan]:
    """Split a body's witness meetings into `meetings:` entries of 1..`longest` meetings.

    Pre-session meetings get entries of their own, fixed to their date (the only way a
    pre-session day may be used).
    """
    chunks: list[list[tuple[GenSlot, str]]] = []
    current: list[tuple[GenSlot, str]] = []
    size = rng.randint(1, longest)
    for meeting in body.meetings:
        if current and (
            len(current) == size
            or current[-1][0].pre_session != meeting[0].pre_session
            or (meeting[0].pre_session and current[-1][0].date != meeting[0].date)
        ):
            chunks.append(current)
            current, size = [], rng.randint(1, longest)
        current.append(meeting)
    if current:
        chunks.append(current)
    entries = []
    for k, chunk in enumerate(chunks, start=1):
        several = len(chunks) > 1
        entry = ActivityPlan(
            id=f"{body.id}-{k}",
            body=body.id,
            kind="meetings",
            en=f"{body.en}, part {k}" if several else body.en,
            fr=f"{body.fr}, partie {k}" if several else body.fr,
            meetings=len(chunk),
        )
        entry.parts = [Part(slot, room, 0, slot.minutes) for slot, room in chunk]
        if chunk[0][0].pre_session:
            entry.attrs["date"] = chunk[0][0].date
        entries.append(entry)
    return entries


def _fill_share(tight: bool) -> float:
    return 0.9 if tight else 0.6


# --- treaty-cop ---------------------------------------------------------------------------


def _treaty_cop(params: Parameters, profile: Profile, rng: random.Random) -> SessionPlan:
    """Like COP9: a plenary in every period, working groups beside it, informals the day before."""
    calendar = Calendar.draw(profile, params.days, rng)
    hall = _room("plenary-hall", "Plenary hall", True, rng.choice((800, 1000, 1200)))
    side = _side_rooms(params.rooms - 1, params.rooms - 2, rng)
    rooms = [hall, *side]
    booth_rooms = [r.id for r in side if r.booths]
    plain_rooms = [r.id for r in side if not r.booths]
    plan = SessionPlan(calendar, rooms, teams=profile.teams, parallel_cap=profile.parallel_cap)
    board = Board(profile.teams, profile.parallel_cap, profile.capped_kinds)
    plenary = BodyPlan("plenary", "Plenary", "Séance plénière", "plenary", True, [hall.id])
    wgs = [
        BodyPlan(f"wg-{slug}", en, fr, "working_group", True, _shuffled(booth_rooms, rng))
        for slug, en, fr in pick(TREATY_WORKING_GROUPS, params.bodies - 2, rng)
    ]
    informals = BodyPlan(
        "informals",
        "Pre-session informal consultations",
        "Consultations informelles d'avant-session",
        "informal",
        False,
        plain_rooms + booth_rooms,
    )
    plan.bodies = [plenary, *wgs, informals]
    slots = calendar.session_slots()
    share = 1.0 if params.tight else rng.uniform(0.8, 0.95)
    _plenary_meetings(board, plenary, slots, params.items, share, rng, keep=(slots[0], slots[-1]))
    plan.items = agenda_items("plenary", "", params.items, AGENDA_TOPICS, rng)
    lay_agenda(
        plan.items,
        plenary.meetings,
        rng,
        first=rng.choice((10, 15, 20, 30)),
        last=rng.choice((30, 45, 60, 75, 90)),
        tight=params.tight,
    )
    _fill(board, wgs, slots, _fill_share(params.tight), rng, len(rooms))
    for slot in calendar.pre_session_slots():
        room = board.room_for(informals, slot)
        assert room is not None
        board.book(informals, slot, room)
    for body in [*wgs, informals]:
        plan.entries.extend(_entries(body, rng))
    return plan


# --- commission ---------------------------------------------------------------------------


def _commission(params: Parameters, profile: Profile, rng: random.Random) -> SessionPlan:
    """A plenary and its Committee of the Whole in parallel, working groups, informals."""
    calendar = Calendar.draw(profile, params.days, rng)
    hall = _room("plenary-hall", "Plenary hall", True, rng.choice((600, 800)))
    board_room = _room("board-room", "Board room", True, rng.choice((300, 400)))
    plain = 2 if params.rooms >= 7 else 1
    side = _side_rooms(params.rooms - 2, params.rooms - 2 - plain, rng)
    rooms = [hall, board_room, *side]
    booth_rooms = [r.id for r in side if r.booths]
    plain_rooms = [r.id for r in side if not r.booths]
    plan = SessionPlan(calendar, rooms, teams=profile.teams, parallel_cap=profile.parallel_cap)
    board = Board(profile.teams, profile.parallel_cap, profile.capped_kinds)
    plenary = BodyPlan("plenary", "Plenary", "Séance plénière", "plenary", True, [hall.id])
    cow = BodyPlan(
        "cow", "Committee of the Whole", "Comité plénier", "committee", True, [board_room.id]
    )
    wgs = [
        BodyPlan(f"wg-{slug}", en, fr, "working_group", True, _shuffled(booth_rooms, rng))
        for slug, en, fr in pick(COMMISSION_WORKING_GROUPS, params.bodies - 3, rng)
    ]
    informals = BodyPlan(
        "informals",
        "Informal consultations on draft resolutions",
        "Consultations informelles sur les projets de résolution",
        "informal",
        False,
        plain_rooms + booth_rooms,
    )
    plan.bodies = [plenary, cow, *wgs, informals]
    slots = calendar.session_slots()
    last_day = [s for s in slots if s.date == calendar.days[-1]]
    first_day = [s for s in slots if s.date == calendar.days[0]]
    cow_items = max(2, round(params.items * rng.uniform(0.35, 0.45)))
    plenary_items = params.items - cow_items
    if plenary_items < 3:
        raise ValueError("items: the commission profile needs at least 5 items")
    share = 0.8 if params.tight else rng.uniform(0.45, 0.65)
    _plenary_meetings(
        board, plenary, slots, plenary_items, share, rng, keep=[*first_day, *last_day]
    )
    plenary_agenda = agenda_items("plenary", "", plenary_items, AGENDA_TOPICS, rng)
    lay_agenda(
        plenary_agenda,
        plenary.meetings,
        rng,
        first=rng.choice((15, 20, 30)),
        last=rng.choice((45, 60, 90)),
        tight=params.tight,
    )
    # The Committee of the Whole starts once the plenary has opened and ends before the last day.
    cow_slots = [s for s in slots[1:] if s.date != calendar.days[-1]]
    _plenary_meetings(board, cow, cow_slots, cow_items, 0.9 if params.tight else 0.7, rng)
    cow_agenda = agenda_items("cow", "cw", cow_items, AGENDA_TOPICS, rng, first=False, last=False)
    lay_agenda(cow_agenda, cow.meetings, rng, first=None, last=None, tight=params.tight)
    plan.items = [*plenary_agenda, *cow_agenda]
    parallel_slots = [s for s in slots if s.date != calendar.days[-1]]
    _fill(board, wgs, parallel_slots, _fill_share(params.tight), rng, len(rooms))
    for slot in calendar.pre_session_slots():
        room = board.room_for(informals, slot)
        assert room is not None
        board.book(informals, slot, room)
    _fill(board, [informals], parallel_slots[1:], 0.5, rng, len(rooms))
    for body in [*wgs, informals]:
        plan.entries.extend(_entries(body, rng))
    return plan


# --- climate ------------------------------------------------------------------------------


def _climate(params: Parameters, profile: Profile, rng: random.Random) -> SessionPlan:
    """Two subsidiary bodies, dozens of contact groups, informal consultations everywhere."""
    calendar = Calendar.draw(profile, params.days, rng)
    halls = [
        _room("plenary-1", "Plenary I", True, 1500),
        _room("plenary-2", "Plenary II", True, 1000),
    ]
    booths = max(2, round((params.rooms - 2) * rng.uniform(0.3, 0.4)))
    side = _side_rooms(params.rooms - 2, booths, rng)
    rooms = [*halls, *side]
    booth_rooms = [r.id for r in side if r.booths]
    plain_rooms = [r.id for r in side if not r.booths]
    plan = SessionPlan(calendar, rooms, teams=profile.teams, parallel_cap=profile.parallel_cap)
    board = Board(profile.teams, profile.parallel_cap, profile.capped_kinds)
    sbsta = BodyPlan(
        "sbsta",
        "Subsidiary Body for Scientific and Technological Advice",
        "Organe subsidiaire de conseil scientifique et technologique",
        "plenary",
        True,
        ["plenary-1", "plenary-2"],
    )
    sbi = BodyPlan(
        "sbi",
        "Subsidiary Body for Implementation",
        "Organe subsidiaire de mise en œuvre",
        "plenary",
        True,
        ["plenary-2", "plenary-1"],
    )
    groups = params.bodies - 2
    n_contact = max(1, round(groups * 0.55))
    n_informal = max(1, groups - n_contact)
    contact = [
        BodyPlan(f"cg-{slug}", f"Contact group on {en}", f"Groupe de contact : {fr}",
                 "working_group", True,
                 _shuffled(booth_rooms, rng))
        for slug, en, fr in pick(CONTACT_GROUPS, n_contact, rng)
    ]  # fmt: skip
    informal = [
        BodyPlan(f"ic-{slug}", f"Informal consultations on {en}",
                 f"Consultations informelles : {fr}", "informal", False,
                 _shuffled(plain_rooms, rng) + _shuffled(booth_rooms, rng),
                 order=rng.choice(("agenda", "free")))
        for slug, en, fr in pick(CONTACT_GROUPS, n_informal, rng)
    ]  # fmt: skip
    plan.bodies = [sbsta, sbi, *contact, *informal]
    slots = calendar.session_slots()
    day = [s for s in slots if not s.evening]
    first_day = [s for s in day if s.date == calendar.days[0]]
    last_day = [s for s in day if s.date == calendar.days[-1]]
    final = last_day[-1]
    sb_items = max(3, round(params.items * rng.uniform(0.45, 0.55)))
    sbi_items = params.items - sb_items
    if sbi_items < 3:
        raise ValueError("items: the climate profile needs at least 6 items")
    share = 0.35 if params.tight else 0.2
    middle = [s for s in day if s.date not in (calendar.days[0], calendar.days[-1])]
    _plenary_meetings(board, sbsta, middle, sb_items, share, rng, keep=[first_day[0], last_day[0]])
    _plenary_meetings(board, sbi, middle, sbi_items, share, rng, keep=[first_day[-1], final])
    for body, count, prefix, first, last in (
        (sbsta, sb_items, "sbsta-", True, False),
        (sbi, sbi_items, "sbi-", False, True),
    ):
        agenda = agenda_items(body.id, prefix, count, AGENDA_TOPICS, rng, first=first, last=last)
        lay_agenda(
            agenda,
            body.meetings,
            rng,
            first=rng.choice((15, 20, 30)) if first else None,
            last=rng.choice((30, 45, 60)) if last else None,
            tight=params.tight,
        )
        if not first:  # the other body opens at a fixed time too
            opening = next(a for a in agenda if a.is_activity)
            opening.attrs["fixed_start"] = opening.start
        plan.items.extend(agenda)
    # Contact groups meet once the subsidiary bodies have opened, and conclude before the
    # closing plenaries; informal consultations run until the last afternoon.
    opened = [s for s in slots if s.start >= first_day[-1].end]
    working = [s for s in opened if s.date != calendar.days[-1]]
    _fill(board, contact, working, 0.95 if params.tight else 0.75, rng, len(rooms))
    informal_slots = [s for s in opened if s.end <= final.end]
    _fill(board, informal, informal_slots, 0.5 if params.tight else 0.3, rng, len(rooms))
    for body in contact:
        plan.entries.extend(_entries(body, rng, longest=3))
    for body in informal:
        plan.entries.extend(_entries(body, rng, longest=2))
    return plan


def _shuffled(values: Sequence[str], rng: random.Random) -> list[str]:
    result = list(values)
    rng.shuffle(result)
    return result
