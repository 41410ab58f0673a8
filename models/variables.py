"""The decision variables of the slot-grid model, named after the domain.

Per activity `a` and slot `s` it may use: `part[a,s]` (a part of `a` is taken in `s`) and
`minutes[a,s]`. Per body: `held[b,s]` (the body meets in `s`) and `room[b,r,s]`. Per activity,
prefix and suffix ORs of its parts (`started[a,s]`: a part in `s` or before; `pending[a,s]`: a
part in `s` or after) carry agenda order, consecutiveness and first/last at slot level; each
is made for an activity when a rule first asks for it (`OnFirstUse`), so an activity no such
rule concerns has none.

Times inside a slot are offsets in minutes from the period start. For a body taking its
activities in agenda order (the `offsets` layout), the offset of an activity is the sum of the
minutes of the body's earlier activities in that slot, plus an `idle[a,s]` gap only where an
exact time may need one (a start inside a period, the activity marked last, the slot where the
activity marked first may start late). For any other body (the `starts` layout) each part has a
`start[a,s]` variable and the parts of a meeting form a no-overlap, made only for a meeting
whose times some rule asks for (`v.start[key]`, `v.end[key]`: see `Variables.time_meeting`).
Without such a rule the times inside a meeting are free: its parts fit when their minutes fit
the period (within-periods), and with the orders inside the meeting (`Variables.ends_before`)
acyclic they are laid back to back in an order that keeps them (`meeting_order`) when the
timetable is read.

Variables exist only for slots an activity may use: usable slots (no holidays, evenings only
when allowed), pre-session days only for the activities fixed to them, and, for instances
enforced outright, the activity's date, fixed start, earliest start and deadline.

An activity held in one part (`run_on: false`, its instance enforced outright) takes all its
minutes wherever it is: its `minutes[a,s]` is the expression `m_a part[a,s]`, not a variable,
it has no slot shorter than `m_a`, and in the `starts` layout its interval has a fixed size.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from ortools.sat.python import cp_model

from models.switches import Switches
from scheduler.rules.catalogue import sequence_subject
from scheduler.rules.subjects import date_key
from scheduler.session import Activity, Body, Session, Slot

Layout = Literal["offsets", "starts"]
Key = tuple[str, int]  # (activity or body id, slot index)
Expr = cp_model.LinearExprT
V = TypeVar("V")


class OnFirstUse(dict[Key, V]):
    """Expressions by (activity, slot) made when a rule first asks for one (`make`): the
    times of a meeting (`Variables.time_meeting`), an activity's spans (`Variables.span`).
    Rules that need nothing of them add nothing; `get` and `in` never make them."""

    def __init__(self) -> None:
        super().__init__()
        self.make: Callable[[Key], None] | None = None

    def __missing__(self, key: Key) -> V:
        if self.make is not None:
            self.make(key)
        return super().__getitem__(key)  # a KeyError here: no part of that activity there


@dataclass(frozen=True)
class Order:
    """Inside one meeting, `earlier`'s part ends by the start of `later`'s when `enforced`."""

    earlier: str
    later: str
    enforced: list[cp_model.IntVar]


@dataclass
class Variables:
    """The variables, and the start/end expressions derived from them, by domain key."""

    false: cp_model.IntVar  # a literal fixed to false, for "no such part"
    slots: dict[str, list[Slot]] = field(default_factory=dict)  # activity -> its slots
    body_slots: dict[str, list[Slot]] = field(default_factory=dict)  # body -> slots it may use
    layout: dict[str, Layout] = field(default_factory=dict)  # body -> timing layout
    one_part: set[str] = field(default_factory=set)  # activities held whole in one part
    label: dict[int, str] = field(default_factory=dict)  # slot index -> label, for names
    part: dict[Key, cp_model.IntVar] = field(default_factory=dict)
    minutes: dict[Key, Expr] = field(default_factory=dict)
    minute_vars: dict[Key, cp_model.IntVar] = field(default_factory=dict)  # minute activities
    held: dict[Key, cp_model.IntVar] = field(default_factory=dict)
    room: dict[tuple[str, str, int], cp_model.IntVar] = field(default_factory=dict)
    rooms_of: dict[str, list[str]] = field(default_factory=dict)  # body -> rooms it may use
    started: OnFirstUse[cp_model.IntVar] = field(default_factory=OnFirstUse)  # made when used
    pending: OnFirstUse[cp_model.IntVar] = field(default_factory=OnFirstUse)
    idle: dict[Key, cp_model.IntVar] = field(default_factory=dict)
    start: OnFirstUse[cp_model.LinearExpr] = field(default_factory=OnFirstUse)  # from period start
    end: OnFirstUse[cp_model.LinearExpr] = field(default_factory=OnFirstUse)
    late: set[Key] = field(default_factory=set)  # (a, s) whose start may be after the period start
    body_end: dict[Key, cp_model.LinearExpr] = field(default_factory=dict)  # offsets layout
    intervals: dict[Key, list[cp_model.IntervalVar]] = field(default_factory=dict)  # starts
    #: Starts-layout meetings (host, slot) not timed yet -> the activities that may meet there.
    untimed: dict[Key, tuple[Slot, list[Activity]]] = field(default_factory=dict)
    #: Orders inside a meeting not timed yet, by meeting: added as constraints if it is timed.
    orders: dict[Key, list[Order]] = field(default_factory=dict)
    host: dict[Key, str] = field(default_factory=dict)  # (activity, slot) -> its meeting's host
    model: cp_model.CpModel | None = None  # where a meeting's times are made when asked for

    # --- shared queries --------------------------------------------------------------------

    def has(self, activity: str, slot: Slot) -> bool:
        """Whether the activity may have a part in `slot` (a variable exists for it)."""
        return (activity, slot.index) in self.part

    def parts_of(self, activity: str) -> list[tuple[Slot, cp_model.IntVar]]:
        """(slot, part) for every slot the activity may use, in time order."""
        return [(s, self.part[(activity, s.index)]) for s in self.slots[activity]]

    def meetings(self) -> list[tuple[str, Slot, cp_model.IntVar]]:
        """(body, slot, held) for every meeting a body may hold, body by body in time order."""
        return [
            (body, s, self.held[(body, s.index)])
            for body, slots in self.body_slots.items()
            for s in slots
        ]

    # --- slot-level literals ---------------------------------------------------------------

    def part_before(self, activity: str, slot: Slot) -> cp_model.IntVar:
        """True iff the activity has a part in a slot strictly before `slot`."""
        k = self._first_at(activity, slot.index)  # its slots before `slot`: [:k]
        return self.started[(activity, self.slots[activity][k - 1].index)] if k else self.false

    def part_by(self, activity: str, slot: Slot) -> cp_model.IntVar:
        """True iff the activity has a part in `slot` or before."""
        k = self._first_at(activity, slot.index + 1)
        return self.started[(activity, self.slots[activity][k - 1].index)] if k else self.false

    def part_after(self, activity: str, slot: Slot) -> cp_model.IntVar:
        """True iff the activity has a part in a slot strictly after `slot`."""
        return self._pending_from(activity, slot.index + 1)

    def part_from(self, activity: str, slot: Slot) -> cp_model.IntVar:
        """True iff the activity has a part in `slot` or after."""
        return self._pending_from(activity, slot.index)

    def _first_at(self, activity: str, index: int) -> int:
        """Position of the activity's first slot at `index` or later (its slots are in time
        order): one search, where a scan per call made the rules quadratic in the slots."""
        return bisect.bisect_left(self.slots[activity], index, key=_slot_index)

    def _pending_from(self, activity: str, index: int) -> cp_model.IntVar:
        k, slots = self._first_at(activity, index), self.slots[activity]
        return self.pending[(activity, slots[k].index)] if k < len(slots) else self.false

    # --- times inside a meeting ------------------------------------------------------------

    def ends_before(self, earlier: Key, later: Key, enforced: list[cp_model.IntVar]) -> None:
        """`earlier`'s part ends by the start of `later`'s, both in one slot, when `enforced`.

        Inside one meeting not timed yet this is an order (`Order`) kept for the meeting: its
        times are made only if another rule asks for them, or if its orders form a cycle
        (`settle`). Else the constraint on the times.
        """
        meeting = (self.host.get(earlier, ""), earlier[1])
        shared = later[1] == earlier[1] and self.host.get(later) == meeting[0]
        if shared and meeting in self.untimed:
            self.orders.setdefault(meeting, []).append(Order(earlier[0], later[0], enforced))
            return
        assert self.model is not None
        self.model.add(self.end[earlier] <= self.start[later]).only_enforce_if(enforced)

    def time_meeting(self, key: Key) -> None:
        """Make the times of the meeting that the part `key` belongs to: a start per part,
        their intervals in a no-overlap, and the orders kept for it (none if already timed)."""
        meeting = (self.host.get(key, ""), key[1])
        untimed = self.untimed.pop(meeting, None)
        if untimed is None or self.model is None:
            return
        s, present = untimed
        intervals = _starts(self.model, self, meeting[0], s, present)
        if len(intervals) > 1:  # body-one-at-a-time: its parts never overlap
            self.model.add_no_overlap(intervals)
        for order in self.orders.pop(meeting, []):
            earlier, later = (order.earlier, s.index), (order.later, s.index)
            self.model.add(self.end[earlier] <= self.start[later]).only_enforce_if(order.enforced)

    def settle(self) -> None:
        """Once every rule is added: time each meeting whose orders form a cycle (no order
        of its parts keeps them all; its times then say which parts may meet together)."""
        for meeting, orders in list(self.orders.items()):
            untimed = self.untimed.get(meeting)
            if untimed is not None and meeting_order(untimed[1], orders) is None:
                self.time_meeting((untimed[1][0].id, meeting[1]))


def _slot_index(s: Slot) -> int:
    return s.index


def build_variables(
    model: cp_model.CpModel, session: Session, switches: Switches, layout: Layout = "offsets"
) -> Variables:
    """All variables of the model; `layout` forces one timing layout (for measurements)."""
    v = Variables(false=model.new_constant(0))
    v.one_part = {a.id for a in session.activities if held_in_one_part(a, switches)}
    v.label = {s.index: s.label for s in session.slots}  # formatted once, not per variable
    for a in session.activities:
        v.slots[a.id] = candidate_slots(session, a, switches)
    prune_by_sequence(session, switches, v.slots, v.one_part)
    _parts(model, session, v)
    _meetings(model, session, v)
    _spans(model, v)
    _timing(model, session, switches, v, layout)
    return v


def held_in_one_part(a: Activity, switches: Switches) -> bool:
    """Whether a minute activity is held in one part, by `no-running-on` enforced outright:
    that part then has all its minutes (full-duration), a fixed size."""
    return not a.whole_meetings and not a.run_on and switches.prunes("no-running-on", a.id)


def candidate_slots(session: Session, a: Activity, switches: Switches) -> list[Slot]:
    """The slots an activity may use, pruned by the rules enforced outright."""
    fixed_days = {*a.dates, *([a.fixed_start.date()] if a.fixed_start else [])}
    members = session.body(a.body).member_ids
    slots = [
        s
        for s in session.usable_slots
        if (not s.pre_session or s.date in fixed_days) and s.period.allows(members)
    ]  # within-periods: usable days and the periods open to the activity's bodies
    if a.dates and switches.prunes(*date_key(a)):
        slots = [s for s in slots if s.date in a.dates]
    if a.fixed_start is not None and switches.prunes("fixed-start", a.id):
        slots = [s for s in slots if _may_start_after(a, s, a.fixed_start)]
        if slots and a.minutes is not None and a.minutes <= inner_minutes(slots[0], a.fixed_start):
            slots = slots[:1]  # it fits where it starts, and a part that runs on fills its period
    if a.earliest_start is not None and switches.prunes("earliest-start", a.id):
        slots = [s for s in slots if _may_start_after(a, s, a.earliest_start)]
    if a.latest_end is not None and switches.prunes("deadline", a.id):
        deadline = a.latest_end
        if a.whole_meetings:
            slots = [s for s in slots if s.end <= deadline]
        else:
            slots = [s for s in slots if s.start < deadline]
    if held_in_one_part(a, switches):  # its one part holds all its minutes
        slots = [s for s in slots if s.minutes >= (a.minutes or 0)]
    return slots


def prune_by_sequence(
    session: Session, switches: Switches, slots: dict[str, list[Slot]], one_part: set[str]
) -> None:
    """Narrow `slots` by every `after_end_of` enforced outright, to a fixed point: a part of
    `a` can start no earlier than `x` can end, and a part of `x` end no later than `a` can
    start, so a slot where it cannot is dropped (the window of one item travels along its
    chain: the probing of presolve fixed these parts one by one, 525 of the 646 on neutral
    40x20x8). Moments are minutes from the first slot's start, each computed once."""
    from models.relations import stands_for  # relations builds on the variables

    pairs = [
        (a.id, x)
        for a in session.activities
        for target in a.after_end_of
        if switches.prunes("sequence", sequence_subject(a.id, target, "end"))
        for x in stands_for(session, a.id, target)
    ]
    if not pairs:
        return
    origin = session.slots[0].start
    clock = {s.index: (_minutes(origin, s.start), _minutes(origin, s.end)) for s in session.slots}
    bounds = {a.id: _part_bounds(a, a.id in one_part, clock) for a in session.activities}
    touching: dict[str, list[tuple[str, str]]] = {}
    for pair in pairs:
        for activity in pair:
            touching.setdefault(activity, []).append(pair)
    waiting = list(dict.fromkeys(pairs))
    while waiting:
        a, x = waiting.pop()
        firsts, lasts = _firsts(bounds[x][2], slots[x]), _lasts(bounds[a][2], slots[a])
        if not firsts or not lasts:
            continue  # no timetable anyway: full-duration says so
        ends = min(bounds[x][0](s) for s in firsts)  # the earliest x can end
        starts = max(bounds[a][1](s) for s in lasts)  # the latest a can start
        late_enough = [s for s in slots[a] if bounds[a][1](s) >= ends]
        early_enough = [s for s in slots[x] if bounds[x][0](s) <= starts]
        for who, kept in ((a, late_enough), (x, early_enough)):
            if len(kept) < len(slots[who]):
                slots[who] = kept
                waiting += [pair for pair in touching[who] if pair not in waiting]


def _minutes(origin: dt.datetime, moment: dt.datetime) -> int:
    return int((moment - origin).total_seconds() // 60)


Bound = Callable[[Slot], int]


def _part_bounds(
    a: Activity, one_part: bool, clock: dict[int, tuple[int, int]]
) -> tuple[Bound, Bound, int]:
    """For a part of `a` held in a slot: the earliest it can end and the latest it can start
    (minutes on `clock`); and the slots its first and last part are apart by (n - 1 for n whole
    meetings, each in a slot of its own)."""
    if a.whole_meetings:
        return (lambda s: clock[s.index][1]), (lambda s: clock[s.index][0]), (a.meetings or 1) - 1
    size = (a.minutes or 1) if one_part else 1
    return (lambda s: clock[s.index][0] + size), (lambda s: clock[s.index][1] - size), 0


def _firsts(apart: int, slots: list[Slot]) -> list[Slot]:
    """The slots that may hold the activity's last part: from its (apart + 1)-th on."""
    return slots[apart:]


def _lasts(apart: int, slots: list[Slot]) -> list[Slot]:
    """The slots that may hold the activity's first part."""
    return slots[: len(slots) - apart]


def _may_start_after(a: Activity, slot: Slot, moment: dt.datetime) -> bool:
    """Whether a part of `a` in `slot` can start at or after `moment`."""
    if a.whole_meetings:
        return slot.start >= moment
    return slot.end > moment


def inner_minutes(slot: Slot, moment: dt.datetime) -> int:
    """Minutes left in the slot from `moment` (0 when the slot is over)."""
    if moment >= slot.end:
        return 0
    return int((slot.end - max(moment, slot.start)).total_seconds() // 60)


def inner_offset(slot: Slot, moment: dt.datetime) -> int | None:
    """Minutes from the slot's start to `moment`, when `moment` lies strictly inside it."""
    if slot.start < moment < slot.end:
        return int((moment - slot.start).total_seconds() // 60)
    return None


def allowed_rooms(session: Session, body: Body) -> list[str]:
    """The body's rooms, with booths if it is interpreted (body-rooms, interpretation-booths)."""
    return [r for r in body.rooms if not body.interpreted or session.room(r).interpretation]


def _parts(model: cp_model.CpModel, session: Session, v: Variables) -> None:
    """`part[a,s]` and `minutes[a,s]`: 0 without a part, 1.. with; whole meetings fill the slot."""
    for a in session.activities:
        for s in v.slots[a.id]:
            key = (a.id, s.index)
            part = model.new_bool_var(f"part[{a.id},{v.label[s.index]}]")
            v.part[key] = part
            if a.whole_meetings:
                v.minutes[key] = part * s.minutes
                continue
            if a.id in v.one_part:  # all its minutes, where it is held
                v.minutes[key] = part * (a.minutes or 0)
                continue
            cap = min(s.minutes, a.minutes or 0)
            minutes = model.new_int_var(0, cap, f"minutes[{a.id},{v.label[s.index]}]")
            model.add(minutes >= part)
            model.add(minutes <= cap * part)
            v.minutes[key] = minutes
            v.minute_vars[key] = minutes


def _meetings(model: cp_model.CpModel, session: Session, v: Variables) -> None:
    """`held[b,s]` = OR of the body's parts in `s`; `room[b,r,s]` for the rooms it may use.

    `b` is a host: a body, or a joint meeting of several bodies (`a+b`), one meeting each.
    """
    for body in session.hosts:
        activities = session.body_activities(body.id)
        indices = sorted({s.index for a in activities for s in v.slots[a.id]})
        v.body_slots[body.id] = [session.slots[i] for i in indices]
        v.rooms_of[body.id] = allowed_rooms(session, body)
        for s in v.body_slots[body.id]:
            held = model.new_bool_var(f"held[{body.id},{v.label[s.index]}]")
            v.held[(body.id, s.index)] = held
            parts = [v.part[(a.id, s.index)] for a in activities if v.has(a.id, s)]
            for part in parts:
                model.add_implication(part, held)
            model.add_bool_or([~held, *parts])
            rooms = v.rooms_of[body.id]
            for r in rooms:
                if len(rooms) == 1:
                    v.room[(body.id, r, s.index)] = held  # one room: the meeting's own literal
                else:
                    v.room[(body.id, r, s.index)] = model.new_bool_var(
                        f"room[{body.id},{r},{v.label[s.index]}]"
                    )


def _spans(model: cp_model.CpModel, v: Variables) -> None:
    """`started[a,s]` / `pending[a,s]`: exact prefix / suffix ORs of the activity's parts
    (for an activity held in one part, prefix / suffix sums: the same values, tighter LP),
    each made for an activity when a rule first asks for one of them."""
    for name, store, forward in (("started", v.started, True), ("pending", v.pending, False)):
        store.make = _span_maker(model, v, name, store, forward)


def _span_maker(
    model: cp_model.CpModel,
    v: Variables,
    name: str,
    store: OnFirstUse[cp_model.IntVar],
    forward: bool,
) -> Callable[[Key], None]:
    made: set[str] = set()

    def make(key: Key) -> None:
        activity = key[0]
        if activity in made or activity not in v.slots:
            return
        made.add(activity)
        slots = v.slots[activity] if forward else v.slots[activity][::-1]
        previous: cp_model.IntVar | None = None
        for s in slots:
            part = v.part[(activity, s.index)]
            if previous is None:
                store[(activity, s.index)] = part
            else:
                lit = model.new_bool_var(f"{name}[{activity},{v.label[s.index]}]")
                if activity in v.one_part:  # at most one part: the OR is the sum, one LP row
                    model.add(lit == previous + part)
                else:
                    model.add_implication(previous, lit)
                    model.add_implication(part, lit)
                    model.add_bool_or([~lit, previous, part])
                store[(activity, s.index)] = lit
            previous = store[(activity, s.index)]

    return make


def _idle_keys(session: Session, switches: Switches, v: Variables) -> set[Key]:
    """(a, s) that get an `idle` gap: where an exact time may push a start past the prefix."""
    late: set[Key] = set()
    bound_inside: dict[str, set[int]] = {}
    for a in session.activities:
        inside: set[int] = set()
        for moment, rule in ((a.fixed_start, "fixed-start"), (a.earliest_start, "earliest-start")):
            if moment is None or not switches.active(rule, a.id):
                continue
            inside |= {s.index for s in v.slots[a.id] if inner_offset(s, moment) is not None}
        bound_inside[a.id] = inside
        late |= {(a.id, i) for i in inside}
        if a.after_end_of or a.after_start_of:  # sequence: it may wait inside a period
            late |= {(a.id, s.index) for s in v.slots[a.id]}
        if a.last and switches.active("first-last", a.id):
            late |= {(a.id, s.index) for s in v.slots[a.id] if not s.pre_session}
    for first in session.activities:
        if not (first.first and switches.active("first-last", first.id)):
            continue
        for index in bound_inside[first.id]:
            late |= {
                (x.id, index)
                for x in session.activities
                if x.id != first.id and (x.id, index) in v.part
            }
    whole = {a.id for a in session.activities if a.whole_meetings}
    return {key for key in late if key[0] not in whole}


def _timing(
    model: cp_model.CpModel, session: Session, switches: Switches, v: Variables, force: Layout
) -> None:
    """Start and end offsets of every possible part, per body in its layout; in the `starts`
    layout a meeting's are made when a rule asks for them (`Variables.time_meeting`)."""
    idle_keys = _idle_keys(session, switches, v)
    v.model = model
    v.start.make = v.end.make = v.time_meeting
    for body in session.hosts:
        agenda = agenda_outright(session, switches, body)
        v.layout[body.id] = "offsets" if agenda and force == "offsets" else "starts"
        activities = session.body_activities(body.id)
        for s in v.body_slots[body.id]:
            present = [a for a in activities if v.has(a.id, s)]
            if v.layout[body.id] == "offsets":
                _offsets(model, v, body.id, s, present, idle_keys)
                continue
            v.untimed[(body.id, s.index)] = (s, present)
            for a in present:
                v.host[(a.id, s.index)] = body.id
                if not a.whole_meetings:  # its start may be after the period start
                    v.late.add((a.id, s.index))


def meeting_order(activities: list[Activity], orders: list[Order]) -> list[str] | None:
    """The activities of a meeting in an order that keeps `orders` (earlier ones first, else
    in file order); None when the orders form a cycle."""
    position = {a.id: k for k, a in enumerate(activities)}
    after: dict[str, list[str]] = {a.id: [] for a in activities}
    waiting = dict.fromkeys(position, 0)
    for order in orders:
        after[order.earlier].append(order.later)
        waiting[order.later] += 1
    ready = [(position[a], a) for a, n in waiting.items() if not n]
    heapq.heapify(ready)
    found: list[str] = []
    while ready:
        _, a = heapq.heappop(ready)
        found.append(a)
        for c in after[a]:
            waiting[c] -= 1
            if not waiting[c]:
                heapq.heappush(ready, (position[c], c))
    return found if len(found) == len(activities) else None


def agenda_outright(session: Session, switches: Switches, host: Body) -> bool:
    """Whether a host's activities are taken in file order by rules enforced outright.

    So for a body (or a joint meeting: each of its bodies) in agenda order whose `agenda-order`
    instance is hard, or that has at most one activity (no instance).
    """
    if host.order != "agenda":
        return False
    return all(
        len(session.agenda_of(m)) < 2 or switches.prunes("agenda-order", m) for m in host.member_ids
    )


#: In the `offsets` layout, a start or end is the sum of the body's earlier parts in the slot;
#: every this many parts, that sum is stored in a variable (`end[a,s]`) and the sums go on
#: from it. Short sums keep the LP tight (cop-5x proves its optimum 3x faster than with a
#: variable after every part); the checkpoints keep the model linear in a body's activities
#: per slot (0.93 million linear terms for a 40x COP9 commission without them).
CHAIN_EVERY = 16


def _offsets(
    model: cp_model.CpModel,
    v: Variables,
    body: str,
    s: Slot,
    present: list[Activity],
    idle_keys: set[Key],
) -> None:
    """Agenda order inside the slot: each part starts where the body's earlier parts end."""
    terms: list[Expr] = []
    for n, a in enumerate(present):
        key = (a.id, s.index)
        if key in idle_keys:
            idle = model.new_int_var(0, s.minutes - 1, f"idle[{a.id},{v.label[s.index]}]")
            model.add(idle <= (s.minutes - 1) * v.part[key])
            v.idle[key] = idle
            terms.append(idle)
        if terms:
            v.late.add(key)
        v.start[key] = cp_model.LinearExpr.sum(list(terms))
        terms.append(v.minutes[key])
        if n % CHAIN_EVERY == CHAIN_EVERY - 1 and n + 1 < len(present):
            end = model.new_int_var(0, s.minutes, f"end[{a.id},{v.label[s.index]}]")
            model.add(end == cp_model.LinearExpr.sum(terms))
            terms = [end]
        v.end[key] = cp_model.LinearExpr.sum(list(terms))
    v.body_end[(body, s.index)] = cp_model.LinearExpr.sum(terms)


def _starts(
    model: cp_model.CpModel, v: Variables, body: str, s: Slot, present: list[Activity]
) -> list[cp_model.IntervalVar]:
    """Free order inside the slot: a start variable per part, intervals for the no-overlap."""
    intervals: list[cp_model.IntervalVar] = []
    for a in present:
        key = (a.id, s.index)
        part = v.part[key]
        if a.whole_meetings:
            v.start[key] = cp_model.LinearExpr.sum([])
            v.end[key] = cp_model.LinearExpr.sum([v.minutes[key]])
            intervals.append(
                model.new_optional_fixed_size_interval_var(
                    0, s.minutes, part, f"meeting[{a.id},{v.label[s.index]}]"
                )
            )
            continue
        if a.id in v.one_part:  # a fixed size: the start alone, by the period's end
            size = a.minutes or 0
            start = model.new_int_var(0, s.minutes - size, f"start[{a.id},{v.label[s.index]}]")
            model.add(start <= (s.minutes - size) * part)
            v.start[key] = cp_model.LinearExpr.sum([start])
            v.end[key] = start + size * part
            v.late.add(key)
            intervals.append(
                model.new_optional_fixed_size_interval_var(
                    start, size, part, f"part[{a.id},{v.label[s.index]}]"
                )
            )
            continue
        start = model.new_int_var(0, s.minutes - 1, f"start[{a.id},{v.label[s.index]}]")
        # the end is by the period's end
        end = model.new_int_var(0, s.minutes, f"end[{a.id},{v.label[s.index]}]")
        model.add(start <= (s.minutes - 1) * part)
        model.add(end == start + v.minute_vars[key])
        v.start[key] = cp_model.LinearExpr.sum([start])
        v.end[key] = cp_model.LinearExpr.sum([end])
        v.late.add(key)
        intervals.append(
            model.new_optional_interval_var(
                start, v.minute_vars[key], end, part, f"part[{a.id},{v.label[s.index]}]"
            )
        )
    v.intervals[(body, s.index)] = intervals
    return intervals
