"""A first timetable built in Python, to start CP-SAT from: agenda order, first fit.

CP-SAT alone may search a long time before its first timetable on a large session (commission
40x COP9: 34 s with one worker, of which 25 s of probing). A planner's way is faster: take each
body's agenda in order and put every activity into the body's earliest meeting with room left,
opening a meeting in the earliest period where a room is free, within the teams, the parallel
cap and the budget. `first_fit` does that, period by period, the activity whose chain is due
first ahead of the others, keeping the rules a greedy can keep:

- every time rule of the activity (its candidate slots, fixed start, earliest start, deadline,
  date), agenda order and running on into the body's next meeting (no other meeting of the
  body in between), sharing and running on;
- `order: free` bodies: any activity whose sequence rules are met may come next (several
  chains in one body's meetings), not the file's order;
- one meeting per body and per room at a time (on the clock), booths, closed rooms;
  `same_room` activities in consecutive periods of their body's sequence, in one room;
- the interpretation budget (meetings kept for what other bodies still need), teams and
  remote teams, the parallel cap (within its bodies), meetings per day and days per body;
  not-in-parallel pairs; `first` before and `last` after everything else; `after_end_of` /
  `after_start_of` once the target is placed.

Looking ahead where a greedy would otherwise spend what a later activity needs: an activity
that can start in one period only (a fixed start, a one-period window) has its meeting opened
before the pass; a body leaves its narrow-window activities enough room (`_leaves_room`); an
interpreted agenda body may wait rather than open a meeting it would leave part empty before
an activity that may not start yet (`_defers`, one of the `VARIANTS`).

Nearer the optimum (`AWARE_VARIANTS`, tried first, kept when as complete and cheaper by the
objective recomputed from the timetable): an item that fits in one period waits for a meeting
of its own rather than carry over, while the interpretation budget has a meeting to spare;
other bodies keep away from the plenary's opening and closing meetings; a body's whole
meetings are laid in one run of consecutive periods (leaving the teams that bodies still
placing items need), and an item waits for its preferred period next rather than join its
body's meeting; each only while the rest of its agenda still fits before its deadlines.

Following a pattern (`guided_fit`: the counting relaxation's meetings, which trade the bodies'
meetings against each other under the shared capacities as a greedy in time order cannot): the
aware variants again, an activity that may wait holding back from a period its host's pattern
leaves out; a host the pattern makes leave activities out, and the hosts sharing its rooms, run
again on their own.

What it does not look for: `in_parallel_with`, and any rule a later choice would need an
earlier one undone for. An activity it cannot place is left out (`FirstFit.unplaced`); the
timetable is then partial. Either way it is only a hint: the solver checks every rule.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from models.constraints import _parallel_targets
from models.context import moment_groups
from models.relations import REMOTE_MODES, stands_for
from models.variables import allowed_rooms
from scheduler.session import Activity, Body, Session, Slot
from scheduler.timetable import Assignment, Timetable


@dataclass(frozen=True)
class FirstFit:
    """What the first fit found: the timetable (complete or partial) and what it left out."""

    timetable: Timetable
    unplaced: tuple[str, ...] = ()  # activities it found no place for
    #: the dates a completion should place anew: where each activity left out may go between
    #: what is placed before and after it in its chain (None: every date it may use)
    reopen: frozenset[dt.date] | None = None

    @property
    def complete(self) -> bool:
        return not self.unplaced


@dataclass
class _Meeting:
    host: str
    slot: Slot
    room: str
    used: int = 0  # minutes taken from the period start
    closed: bool = False  # a `share: false` activity or a whole meeting: nothing more
    ceiling: int | None = None  # where a `last` (or fixed) activity placed beforehand starts
    reserved_for: str | None = None  # opened ahead for this fixed activity, still to come
    empty: bool = True  # nothing placed in it yet
    ahead: bool = False  # opened before the pass (for a fixed activity)


@dataclass
class _Part:
    slot: Slot
    start: int  # minutes from the period start
    minutes: int

    @property
    def begins(self) -> dt.datetime:
        return self.slot.start + dt.timedelta(minutes=self.start)

    @property
    def ends(self) -> dt.datetime:
        return self.slot.start + dt.timedelta(minutes=self.start + self.minutes)


@dataclass
class _State:
    """The timetable under construction, with the counts the rules need."""

    meetings: dict[tuple[str, int], _Meeting] = field(default_factory=dict)
    rooms: dict[tuple[str, int], str] = field(default_factory=dict)  # (room, slot) -> host
    busy: dict[tuple[str, int], str] = field(default_factory=dict)  # (body, slot) -> host
    parts: dict[str, list[_Part]] = field(default_factory=dict)  # activity -> parts
    in_slot: dict[int, list[str]] = field(default_factory=dict)  # slot -> activities
    count: dict[tuple[str, int], int] = field(default_factory=dict)  # (counter, group) -> n
    per_day: dict[tuple[str, dt.date], int] = field(default_factory=dict)  # (body, date) -> n
    days: dict[str, set[dt.date]] = field(default_factory=dict)  # body -> dates it meets
    cursor: dict[str, int] = field(default_factory=dict)  # host -> its latest slot index
    interpreted: int = 0  # meetings with interpretation


def first_fit(session: Session, slots: Mapping[str, Sequence[Slot]] | None = None) -> FirstFit:
    """A first timetable in agenda order, each activity in its body's earliest free place.

    `slots` gives each activity's candidate slots (`models.variables.Variables.slots`); by
    default those of the model with every rule enforced outright. Of the variants tried
    (`AWARE_VARIANTS`, then `VARIANTS` until one is complete), the one that leaves the fewest
    activities out, and among those the cheapest by the objective recomputed from its
    timetable (`scheduler.validation.costs`): the search starts nearer the optimum.
    """
    from scheduler.validation.costs import objective, preference_costs

    if slots is None:
        slots = _candidate_slots(session)
    began = time.perf_counter()
    best: tuple[int, int, FirstFit] | None = None
    plain = 0  # plain variants tried
    for whole, alone, runs, variant in (
        *((True, alone, runs, variant) for alone, runs, variant in AWARE_VARIANTS),
        *((False, False, False, variant) for variant in VARIANTS),
    ):
        if not whole and best is not None and plain and best[2].complete:
            break  # as before: the plain variants until one is complete
        plain += not whole
        found = _run(session, slots, whole, alone, runs, variant)
        cost = objective(preference_costs(session, found.timetable))
        if best is None or (len(found.unplaced), cost) < best[:2]:
            best = (len(found.unplaced), cost, found)
        if time.perf_counter() - began > VARIANTS_WITHIN:
            break
    assert best is not None
    return best[2]


def guided_fit(
    session: Session,
    slots: Mapping[str, Sequence[Slot]],
    meetings: Mapping[str, frozenset[int]],
) -> FirstFit | None:
    """A first timetable that follows a pattern of meetings (host -> slot indices: the
    counting relaxation's, `models.count_bound.CountBound.meetings`), or None.

    In each of the `AWARE_VARIANTS`, an activity that may wait does not open its host's
    meeting in a period the pattern leaves out while a period of the pattern is still ahead
    among its own (`_off_pattern`). The pattern knows periods, not minutes, rooms nor agenda
    order, so a host may fail to place its activities by it, or another host waiting for its
    pattern may take its room: the variant is then run again, the hosts that left activities
    out, and those that may use one of their rooms, on their own (`GUIDED_ROUNDS` runs at
    most). Of the complete timetables, the cheapest by the objective recomputed from its
    timetable; None when none is complete."""
    from scheduler.validation.costs import objective, preference_costs

    began = time.perf_counter()
    rooms = {h.id: set(allowed_rooms(session, h)) for h in session.hosts}
    best: tuple[int, FirstFit] | None = None
    for alone, runs, variant in AWARE_VARIANTS:
        pattern = dict(meetings)
        for _ in range(GUIDED_ROUNDS):
            found = _run(session, slots, True, alone, runs, variant, pattern)
            if found.complete:
                cost = objective(preference_costs(session, found.timetable))
                if best is None or cost < best[0]:
                    best = (cost, found)
                break
            failed = {session.activity(a).body for a in found.unplaced}
            near = {h for h in pattern if h in failed or any(rooms[h] & rooms[f] for f in failed)}
            if not near:
                break
            for host in near:
                del pattern[host]
        if time.perf_counter() - began > VARIANTS_WITHIN:
            break
    return None if best is None else best[1]


def _run(
    session: Session,
    slots: Mapping[str, Sequence[Slot]],
    whole: bool,
    alone: bool,
    runs: bool,
    variant: tuple[bool, bool, bool],
    pattern: Mapping[str, frozenset[int]] | None = None,
) -> FirstFit:
    """One pass of the first fit: an aware variant's choices (`whole`, `alone`, `runs`) and a
    plain variant's (`VARIANTS`), following `pattern` if given."""
    reserve, room, defer = variant
    return _FirstFit(
        session,
        slots,
        reserve=reserve,
        room_for_all=room,
        defer=defer,
        whole_items=whole,
        alone_first=alone,
        runs=runs,
        pattern=pattern,
    ).run()


def _preferred(a: Activity, s: Slot) -> bool:
    """Whether `s` matches one of `a`'s preferred slots."""
    return any(
        (p.date is None or p.date == s.date) and (p.period is None or p.period == s.period.id)
        for p in a.preferred
    )


def _candidate_slots(session: Session) -> dict[str, list[Slot]]:
    from ortools.sat.python import cp_model

    from models.switches import Switches
    from models.variables import candidate_slots
    from scheduler.rules import rule_instances

    switches = Switches(cp_model.CpModel(), rule_instances(session), guarded=False)
    return {a.id: candidate_slots(session, a, switches) for a in session.activities}


#: The first fit's variants, tried in this order until one is complete: whether it keeps
#: interpreted meetings for what other bodies still need, whether an activity of n whole
#: meetings counts as due n periods before its last one, and whether interpreted agenda bodies
#: wait rather than open a meeting left part empty (`_defers`). Each helps some sessions and
#: hurts others; on the large benchmark sessions (activities left out by each variant):
#: commission 40x 0 / 2 / 1 / 1 / 2, commission 85x 15 / 0 / 2 / 9 / 1, climate 15 days x 60
#: rooms 0 / 4 / 4 / 4 / 4, climate two weeks 0 / 11 / 3 / 11 / 3.
VARIANTS: tuple[tuple[bool, bool, bool], ...] = (
    (True, True, True),
    (False, False, False),
    (True, True, False),
    (False, True, False),
    (True, False, False),
)

#: The objective-aware variants, tried first, each (`alone`, `runs`, a plain variant's
#: choices): every item that one period holds waits for a meeting that holds it whole rather
#: than carry over (`_carries_over`); with `alone` other bodies keep away from the plenary's
#: opening and closing meetings (`_costly`); with `runs` a body's whole meetings are laid in
#: one run of consecutive periods (`_place_run`) and an item waits for its preferred period
#: next (`_prefers_later`); each waits only while its agenda has the time (`_can_wait`). Each is
#: the cheapest complete one on some benchmark session, and none is complete on all.
#: Objective of the first fit (recomputed by `scheduler.validation.costs`), plain / chosen,
#: and the activities each aware variant leaves out: cop-20x 472 / 236 [1 0 0 0 0],
#: climate 10 days x 30 rooms 795 / 547 [0 0 0 0 0], commission 40x 801 / 439 [0 1 0 0 0],
#: 85x 798 / 643 [16 1 15 0 19], climate 15 days x 60 rooms 2972 / 2817 [2 19 0 7 4], climate
#: two weeks 2148 / 1412 [0 3 0 11 1]. A second `runs` variant (`defer` off) gave cop-20x 207
#: and nothing elsewhere, for about 1 s more on climate 15 days x 60 rooms: not kept.
AWARE_VARIANTS: tuple[tuple[bool, bool, tuple[bool, bool, bool]], ...] = (
    (True, False, (True, True, True)),
    (True, False, (True, True, False)),
    (False, False, (True, True, True)),
    (False, False, (False, False, False)),
    (True, True, (True, True, True)),
)

#: No further variant is tried after this many seconds.
VARIANTS_WITHIN = 6.0

#: Runs of one variant of `guided_fit` at most, each without the pattern of the hosts that
#: left activities out in the run before, and of the hosts sharing a room with them. On
#: climate 15 days x 60 rooms (the first fit 2,817), the aware variants leave out 10-17
#: activities on the first run; with the relaxation's pattern at 5 s deterministic (its
#: solution 1,586), four of five are complete within 4 runs, the cheapest at 2,108; with its
#: pattern at 3.4 s (the solve's wall-time cap), two, at 2,469 and 2,491. Dropping only the
#: hosts that left activities out, two and none were complete (2,066).
GUIDED_ROUNDS = 4

#: An activity with at most this many candidate periods keeps them: its host's other
#: activities leave it enough of them free (`_leaves_room`).
NARROW = 6


class _FirstFit:
    def __init__(
        self,
        session: Session,
        slots: Mapping[str, Sequence[Slot]],
        *,
        reserve: bool = True,
        room_for_all: bool = True,
        defer: bool = False,
        whole_items: bool = False,
        alone_first: bool = False,
        runs: bool = False,
        pattern: Mapping[str, frozenset[int]] | None = None,
    ) -> None:
        self.session = session
        self.pattern = pattern or {}  # host -> the slots it meets in (`guided_fit`)
        self.defer = defer  # interpreted hosts wait rather than open a meeting left part empty
        self.whole_items = whole_items  # an item waits for a meeting that holds it whole
        self.alone_first = alone_first  # the plenary's opening and closing meetings alone
        self.runs = runs  # whole meetings in one run, items in their preferred period next
        self.run_ahead: dict[str, list[tuple[Activity, list[Slot]]]] = {}  # `_place_run`'s
        self.out: set[str] = set()  # activities given up
        self.spans: dict[str, list[tuple[int, int]]] = {}  # host -> first, last slot of a run-on
        self.narrow: dict[str, list[Activity]] = {}  # host -> its activities with few periods
        for a in session.activities:
            if len(slots[a.id]) <= NARROW:
                self.narrow.setdefault(a.body, []).append(a)
        self.queues: dict[str, list[Activity]] = {}
        self.urgency: dict[str, int] = {}
        self.room_for_all = room_for_all  # n whole meetings are due n periods before the end
        self.reserve = reserve  # keep interpreted meetings for what other bodies still need
        self.slots = slots
        self.state = _State()
        self.hosts: dict[str, Body] = {h.id: h for h in session.hosts}
        self.rooms_of = {h.id: allowed_rooms(session, h) for h in session.hosts}
        self.room_by_id = {r.id: r for r in session.rooms}
        by_date: dict[dt.date, list[Slot]] = {}
        for s in session.slots:
            by_date.setdefault(s.date, []).append(s)
        self.overlap = {
            s.index: [t.index for t in by_date[s.date] if s.start < t.end and t.start < s.end]
            for s in session.slots
        }
        self.groups: dict[int, list[int]] = {}  # slot -> the moment groups it belongs to
        for n, group in enumerate(moment_groups(session.slots)):
            for s in group:
                self.groups.setdefault(s.index, []).append(n)
        info = session.interpretation
        scope = info.parallel_cap_bodies
        self.capped = {
            h.id for h in session.hosts if scope is None or set(h.member_ids) & set(scope)
        }
        self.remote = {h.id for h in session.hosts if h.interpreted and h.mode in REMOTE_MODES}
        self.conflicts = self._conflicts()
        self.first_moment: dt.datetime | None = None
        self.last_moment: dt.datetime | None = None  # where the `last` activities end
        self.end_by: dict[str, dt.datetime] = {}  # activity -> when it must be over
        # interpreted meetings each host still needs at least, kept free within the budget
        longest = max((s.minutes for s in session.usable_slots), default=1)
        self.longest = longest
        self.owed: dict[str, list[int]] = {}  # interpreted host -> [meetings, minutes] to place
        for a in session.activities:
            if self.hosts[a.body].interpreted:
                owed = self.owed.setdefault(a.body, [0, 0])
                owed[0 if a.whole_meetings else 1] += (
                    a.meetings if a.whole_meetings else a.minutes
                ) or 0
        self.targets: dict[tuple[str, str], list[str]] = {}  # a relation's activities
        self.before: dict[str, set[str]] = {}  # activity -> what must be placed first
        self.chain: dict[str, set[str]] = {}  # activity -> what comes before it in its chain
        self.ahead: dict[str, int] = {}  # host -> interpreted meetings opened ahead, still empty
        self.sequence: dict[str, dict[int, int]] = {}  # host -> slot index -> place in its
        self.sequence_slots: dict[str, list[Slot]] = {}  # sequence: every usable slot open
        for h in session.hosts:  # to it (`same_room`, `_defers`)
            open_to = [s for s in session.usable_slots if s.period.allows(h.member_ids)]
            self.sequence_slots[h.id] = open_to
            self.sequence[h.id] = {s.index: n for n, s in enumerate(open_to)}
        # the plenary's opening and closing meetings, kept alone (`alone_first`, `_costly`)
        plenary = session.plenary if session.preferences.beside_opening_closing else None
        self.plenary_hosts = {h.id for h in session.hosts if plenary in h.member_ids}
        self.plenary_left = sum(1 for a in session.activities if a.body in self.plenary_hosts)
        self.alone: set[int] = set()  # slots beside the plenary's opening or closing meeting
        self.opening: Slot | None = None  # the plenary's first meeting on a session day
        self.through: dict[str, dict[int, int]] = {}  # host -> slot -> its minutes up to it
        self.slack: dict[str, float] = {}  # activity -> its host's minutes that may pass

    # --- the pass -------------------------------------------------------------------------

    def run(self) -> FirstFit:
        """Period by period in time order, each host takes its next ready activities there,
        the one whose last possible period comes first before the others (earliest deadline
        first); an activity that can start in no later period is given up.

        Ready: an agenda-order body's next activity, or any activity of an `order: free`
        body whose predecessors (its sequence rules) are placed. Activities that can start
        in one period only have their meetings opened first, before the pass."""
        session = self.session
        queues: dict[str, list[Activity]] = {h.id: [] for h in session.hosts}
        self.queues = queues
        for a in session.activities:
            queues[a.body].append(a)
        done: set[str] = set()
        unplaced: list[str] = []
        for a in [a for a in session.activities if a.last and not a.first]:
            queues[a.body].remove(a)  # placed first, at the latest, so that all ends before
            parts = self._place_last(a)
            if parts is None:
                self._settle(a)
                unplaced.append(a.id)
            else:
                self._commit(a, parts, advance=False)
                ends = parts[-1].ends
                self.last_moment = ends if self.last_moment is None else min(ends, self.last_moment)
            done.add(a.id)
        self._reserve_pinned(done)
        last_start = {a.id: self._last_start(a) for a in session.activities}
        rank = {a.id: n for n, a in enumerate(session.activities)}
        urgency = self._urgency(last_start)
        self.urgency = urgency
        self._slack(last_start)

        def key(a: Activity) -> tuple[bool, bool, int, int]:
            later = self.alone_first and a.body not in self.plenary_hosts  # its opening, closing
            return (not a.first, later, urgency[a.id], rank[a.id])

        for s in sorted(session.usable_slots, key=lambda t: (t.start, t.index)):
            failed: set[str] = set()  # tried in `s`: a place taken by another host stays taken
            while True:
                heads = [a for host, q in queues.items() for a in self._heads(host, q, done)]
                heads.sort(key=key)
                for a in heads:
                    if a.id in failed:
                        continue
                    parts = self._place(a, s)
                    if parts is None:
                        failed.add(a.id)
                    else:
                        self._commit(a, parts)
                        if a.first and not parts[0].slot.pre_session and self.first_moment is None:
                            self.first_moment = parts[0].begins
                        break
                else:
                    break  # nobody more meets in `s`
                queues[a.body].remove(a)
                done.add(a.id)
                failed -= {x.id for x in queues[a.body]}  # its own meeting may take them now
            for host, queue in queues.items():  # what can start in no later period is given up
                while gone := [
                    x for x in self._heads(host, queue, done) if last_start[x.id] <= s.index
                ]:
                    for x in gone:
                        queue.remove(x)
                        self._settle(x)
                        self.out.add(x.id)
                        unplaced.append(x.id)
                        done.add(x.id)
        unplaced += [a.id for q in queues.values() for a in q]
        left_out = tuple(sorted(unplaced, key=rank.__getitem__))
        return FirstFit(self._timetable(), left_out, self._reopen(left_out))

    def _reopen(self, unplaced: Sequence[str]) -> frozenset[dt.date]:
        """The dates each activity left out may use after the placed end of what comes before
        it in its chain and before the placed start of what comes after it."""
        follows: dict[str, set[str]] = {}
        for x in self.session.activities:
            for y in self._chain_before(x):
                follows.setdefault(y, set()).add(x.id)
        dates: set[dt.date] = set()
        for a in unplaced:
            activity = self.session.activity(a)
            ends = [p.ends for x in self._chain_before(activity) for p in self._parts(x)]
            starts = [p.begins for x in follows.get(a, ()) for p in self._parts(x)]
            low = max(ends, default=dt.datetime.min)
            high = min(starts, default=dt.datetime.max)
            dates.update(s.date for s in self.slots[a] if s.end > low and s.start < high)
        return frozenset(dates)

    def _heads(self, host: str, queue: list[Activity], done: set[str]) -> list[Activity]:
        """The activities of a host that may be taken now: the next one of an agenda-order
        host, every ready one of an `order: free` host."""
        if self.hosts[host].order == "free":
            return [a for a in queue if self._ready(a, done)]
        return queue[:1] if queue and self._ready(queue[0], done) else []

    def _urgency(self, last_start: Mapping[str, int]) -> dict[str, int]:
        """Per activity, the last period it or anything that must follow it (its agenda's
        later activities, what waits for it by a sequence rule) can start in: a deadline
        late in a chain makes every earlier activity of it urgent."""
        after: dict[str, set[str]] = {a.id: set() for a in self.session.activities}
        for a in self.session.activities:
            for x in self._chain_before(a):
                after[x].add(a.id)
        urgency: dict[str, int] = {}
        for a in self.session.activities:
            if a.id in urgency:
                continue
            stack, seen = [a.id], {a.id}
            while stack:  # depth first, each activity once its followers have theirs
                x = stack[-1]
                waiting = [y for y in after[x] if y not in urgency and y not in seen]
                if waiting:
                    seen.update(waiting)
                    stack.extend(waiting)
                    continue
                stack.pop()
                urgency[x] = min(
                    [last_start[x], *(urgency.get(y, last_start[y]) for y in after[x])]
                )
        return urgency

    def _reserve_pinned(self, done: set[str]) -> None:
        """Open ahead of the pass the meeting of each activity that can start in one period
        only (a fixed start, or one candidate period), so that no other body takes the room,
        the team or the cap it needs; its own body puts there only what leaves it room (the
        meeting's ceiling: its fixed start, or the period less its minutes)."""
        pinned = [a for a in self.session.activities if a.id not in done and self._pinned(a)]
        for a in pinned:
            s = self._pinned(a)
            assert s is not None
            host = self.hosts[a.body]
            if (host.id, s.index) in self.state.meetings:
                continue
            if not self._may_open(host, s, []) or self._clashes(a, host, s):
                continue
            meeting = self._open(host, s)
            meeting.reserved_for, meeting.ahead = a.id, True
            if a.whole_meetings or not a.share:
                meeting.ceiling = 0
            elif a.fixed_start is not None:
                meeting.ceiling = int((a.fixed_start - s.start).total_seconds() // 60)
            else:
                meeting.ceiling = max(0, s.minutes - (a.minutes or 0))
            self.state.in_slot.setdefault(s.index, []).append(a.id)  # for not-in-parallel
            if host.interpreted:
                self.ahead[host.id] = self.ahead.get(host.id, 0) + 1

    def _pinned(self, a: Activity) -> Slot | None:
        """The one period `a` can start in, if there is only one."""
        slots = self.slots[a.id]
        if a.fixed_start is not None:
            at = a.fixed_start
            held = [s for s in slots if s.start <= at < s.end]
            return held[0] if held else None
        need = (a.meetings or 1) if a.whole_meetings else 1
        return slots[0] if len(slots) == need else None

    def _place_last(self, a: Activity) -> list[_Part] | None:
        """`a`'s parts in the latest periods its host may meet in, ending at a period's end."""
        host = self.hosts[a.body]
        chosen: list[_Part] = []
        wanted = a.meetings if a.whole_meetings else 1
        for s in reversed(self.slots[a.id]):
            if len(chosen) == wanted:
                break
            minutes = s.minutes if a.whole_meetings else a.minutes or 0
            if minutes > s.minutes or not self._may_open(host, s, [p.slot for p in chosen]):
                continue
            part = _Part(s, s.minutes - minutes, minutes)
            if a.latest_end is not None and part.ends > a.latest_end:
                continue
            chosen.insert(0, part)
        return chosen if len(chosen) == wanted else None

    def _last_start(self, a: Activity) -> int:
        """The last period `a` may start in: its fixed time's, or its last candidate's."""
        slots = self.slots[a.id]
        fixed = a.fixed_start
        held = [s.index for s in slots if fixed is not None and s.start <= fixed < s.end]
        if held:
            return held[0]
        need = (a.meetings or 1) if a.whole_meetings and self.room_for_all else 1
        return slots[-need].index if len(slots) >= need else -1

    def _ready(self, a: Activity, done: set[str]) -> bool:
        """Whether what must come before `a` is placed (or given up): its chain (see
        `_chain_before`), `first` ones before everything and everything before `last` ones."""
        if a.id not in self.before:
            earlier = set(self._chain_before(a))
            acts = self.session.activities
            if not a.first and not all(t.pre_session for t in self.slots[a.id]):
                earlier.update(x.id for x in acts if x.first)
            if a.last:
                earlier.update(x.id for x in acts if not x.last)
            earlier.discard(a.id)
            self.before[a.id] = earlier
        return self.before[a.id] <= done

    def _chain_before(self, a: Activity) -> set[str]:
        """What comes before `a` in its chain: the earlier activities of its agenda-order
        bodies' agendas, and the targets of its sequence rules."""
        if a.id not in self.chain:
            earlier: set[str] = set()
            for member in self.hosts[a.body].member_ids:
                if self.session.body(member).order != "agenda":
                    continue
                agenda = [x.id for x in self.session.agenda_of(member)]
                earlier.update(agenda[: agenda.index(a.id)] if a.id in agenda else [])
            for target in (*a.after_end_of, *a.after_start_of):
                earlier.update(self._stands_for(a, target))
            earlier.discard(a.id)
            self.chain[a.id] = earlier
        return self.chain[a.id]

    def _place(self, a: Activity, s: Slot) -> list[_Part] | None:
        """The parts of `a` with its first one in `s` (or later: a run its windows put
        later is laid at once, `_place_run`), or None."""
        host = self.hosts[a.body]
        self.run_ahead.pop(a.id, None)
        floor = max(self._floor(a, host), s.index)
        candidates = [t for t in self.slots[a.id] if t.index >= floor]
        if not candidates or candidates[0].index != s.index:
            return None
        if (host.id, s.index) not in self.state.meetings and (
            self._costly(a, host, s) or self._off_pattern(a, host, s)
        ):
            return None
        if a.whole_meetings and self.runs and host.order != "free" and self._runs_from(a):
            parts = self._place_run(a, host, s)
            later = None if parts is not None else self._run_start(a, host, s)
            if later is not None and self._run_layout(self._run_of(a, host), host, s) is None:
                parts = self._place_run(a, host, later)  # its windows put it later: laid now
            elif later is not None and self._can_wait(a, host, s):
                return None  # it fits whole later, as the timetable stands: wait for it
            if parts is None:
                parts = self._place_meetings(a, host, candidates)
        elif a.whole_meetings:
            parts = self._place_meetings(a, host, candidates)
        elif self._prefers_later(a, host, s):
            return None
        else:
            parts = self._place_minutes(a, host, s, candidates[1:])
        if parts is None or not self._leaves_room(a, host, parts):
            return None
        return parts

    def _leaves_room(self, a: Activity, host: Body, parts: Sequence[_Part]) -> bool:
        """Whether the host's activities still to come with a narrow window (at most
        `NARROW` candidate periods) keep enough room once `parts` are placed: each window
        at least the minutes that the activities whose windows lie within it need (Hall's
        condition on those windows; whole meetings need whole free periods). A window that
        was short already is no reason to refuse `a`."""
        taken = {p.slot.index: p for p in parts}
        pending = [
            x
            for x in self.narrow.get(host.id, ())
            if x.id != a.id and x.id not in self.state.parts and x.id not in self.out
        ]
        if not pending:
            return True
        windows = {x.id: {t.index for t in self.slots[x.id]} for x in pending}
        needs = {
            x.id: (x.meetings or 1) * min(t.minutes for t in self.slots[x.id])
            if x.whole_meetings
            else x.minutes or 0
            for x in pending
        }
        own = {t.index for t in self.slots[a.id]}
        own_need = (
            (a.meetings or 1) * min(t.minutes for t in self.slots[a.id])
            if (a.whole_meetings)
            else a.minutes or 0
        )
        closes = a.whole_meetings or not a.share
        for x in pending:
            need = sum(needs[y.id] for y in pending if windows[y.id] <= windows[x.id])
            before = need + (own_need if own <= windows[x.id] else 0)  # `a` among them
            if self._room_in(x, host) >= before and need > self._room_in(x, host, taken, closes):
                return False  # they fitted with `a`, and no longer do
        return True

    def _room_in(
        self,
        x: Activity,
        host: Body,
        taken: Mapping[int, _Part] | None = None,
        closes: bool = False,
    ) -> int:
        """The minutes of `x`'s window its host still has free for it, were `taken` placed
        (`closes`: in meetings of their own)."""
        shares = x.share and not x.whole_meetings  # may join a meeting of its host
        free = 0
        for t in self.slots[x.id]:
            there = self.state.meetings.get((host.id, t.index))
            mine = there is not None and there.reserved_for == x.id and there.empty
            used = 0 if there is None or mine else there.used
            if there is not None and not mine and (there.closed or not shares):
                continue
            p = (taken or {}).get(t.index)
            if p is not None:
                if not shares or closes:
                    continue
                used = max(used, p.start + p.minutes)
            free += max(0, t.minutes - used)
        return free

    def _floor(self, a: Activity, host: Body) -> int:
        """The earliest slot index: the host's latest meeting, and its bodies' (agenda order;
        an `order: free` host may go back to a period it left free)."""
        floor = self.state.cursor.get(host.id, -1) if host.order == "agenda" else -1
        for member in host.member_ids:
            if self.session.body(member).order != "agenda":
                continue
            for other in self.session.hosts:
                if other.id != host.id and member in other.member_ids:
                    floor = max(floor, self.state.cursor.get(other.id, -1) + 1)
        return max(floor, 0)

    def _place_minutes(
        self, a: Activity, host: Body, s: Slot, later: Sequence[Slot]
    ) -> list[_Part] | None:
        meeting = self.state.meetings.get((host.id, s.index))
        mine = meeting is not None and meeting.reserved_for == a.id  # opened ahead for `a`
        if meeting is not None and (meeting.closed or not (a.share or meeting.empty)):
            return None
        if meeting is None and not self._may_open(host, s, []):
            return None
        if meeting is None and self._defers(a, host, s):
            return None
        fixed = a.fixed_start
        if fixed is not None and not s.start <= fixed < s.end:
            return None  # its first part is in the period that holds its time
        start = meeting.used if meeting is not None else 0
        wait = self._earliest_offset(a, s)
        if wait is None:
            return None
        if wait > start:
            if not self._may_wait(a):
                return None
            start = wait
        elif fixed is not None and wait < start:
            return None  # it must start at its time, and the meeting is past it
        total = a.minutes or 0
        room = (
            s.minutes if meeting is None or meeting.ceiling is None or mine else meeting.ceiling
        ) - start
        if room <= 0 or (not a.run_on and room < total):
            return None
        if start > 0 and self._carries_over(a, host, s, room):
            return None
        if not a.share and start > 0:
            return None
        parts = [_Part(s, start, min(total, room))]
        if not self._part_ok(a, host, parts[0]):
            return None
        left = total - parts[0].minutes
        opened = [] if meeting is not None else [s]
        for t in later:  # the rest runs on into the body's next meetings, from their start
            if left <= 0:
                break
            if a.same_room and not self._next_in_sequence(host, parts[-1].slot, t):
                return None
            there = self.state.meetings.get((host.id, t.index))
            if there is not None:  # only a meeting opened ahead, still empty before its ceiling
                if there.ceiling is None or there.used or there.closed or left > there.ceiling:
                    return None
            elif not self._may_open(host, t, opened):
                if a.same_room:
                    return None
                continue
            part = _Part(t, 0, min(left, t.minutes))
            if not self._part_ok(a, host, part):
                return None
            parts.append(part)
            opened.append(t)
            left -= part.minutes
        if left > 0:
            return None
        if a.last and not self._ends_last(parts):
            return None
        held = {p.slot.index for p in parts}
        if len(parts) > 1 and any(  # no other meeting of its host between its parts
            h == host.id and parts[0].slot.index < i < parts[-1].slot.index and i not in held
            for h, i in self.state.meetings
        ):
            return None
        return parts

    def _defers(self, a: Activity, host: Body, s: Slot) -> bool:
        """Whether an interpreted agenda-order host waits to open a meeting in `s` for `a`.

        Its activities from `a` up to the next one that may not start yet (a barrier: an
        earliest start, fixed start or date later than `s` begins), poured from `s` on into
        its next periods, would end in a meeting left part empty before the barrier may
        start: one interpreted meeting spent for little. Waiting lets the last of them share
        the barrier's meeting. It does not wait when any of them is due by the period after
        the one they would end in."""
        if not self.defer or not host.interpreted or host.order == "free":
            return False
        queue = self.queues.get(host.id, [])
        if not queue or queue[0].id != a.id or s.index not in self.sequence[host.id]:
            return False
        minutes, barrier, segment = 0, None, []
        for x in queue:
            slots = self.slots[x.id]
            moments = [m for m in (x.fixed_start, x.earliest_start) if m is not None]
            if x is not a and slots and max([slots[0].start, *moments]) > s.start:
                barrier = max([slots[0].start, *moments])
                break
            if x.whole_meetings or x.after_end_of or x.after_start_of:
                return False
            minutes += x.minutes or 0
            segment.append(x)
        if barrier is None:
            return False
        order = self.sequence_slots[host.id]
        for t in order[self.sequence[host.id][s.index] :]:  # where the segment would end
            if minutes <= t.minutes:
                if minutes == t.minutes or t.end > barrier:
                    return False  # a full meeting, or the barrier may join it
                return all(self.urgency[x.id] > t.index + 1 for x in segment)
            minutes -= t.minutes
        return False

    def _place_meetings(
        self, a: Activity, host: Body, candidates: Sequence[Slot]
    ) -> list[_Part] | None:
        wanted = a.meetings or 0
        same_room = bool(getattr(a, "same_room", False))
        chosen: list[_Part] = []
        for s in candidates:
            if same_room and chosen and not self._next_in_sequence(host, chosen[-1].slot, s):
                chosen = []  # consecutive periods of its body's sequence, or none
            there = self.state.meetings.get((host.id, s.index))
            mine = there is not None and there.reserved_for == a.id and there.empty
            if there is not None and not mine:
                if same_room:
                    chosen = []
                continue
            opened = [p.slot for p in chosen if (host.id, p.slot.index) not in self.state.meetings]
            part = _Part(s, 0, s.minutes)
            may = mine or self._may_open(host, s, opened)
            if not may or not self._part_ok(a, host, part):
                if same_room:
                    chosen = []
                continue
            chosen.append(part)
            if same_room and len(chosen) > 1 and self._common_room(host, chosen) is None:
                chosen = [part]
            if len(chosen) == wanted:
                break
        if len(chosen) < wanted or (a.last and not self._ends_last(chosen)):
            return None
        if chosen[0].slot is not candidates[0]:
            return None  # not from the period asked for
        if a.fixed_start is not None and chosen[0].slot.start != a.fixed_start:
            return None
        return chosen

    def _next_in_sequence(self, host: Body, s: Slot, t: Slot) -> bool:
        """Whether `t` follows `s` in the host's sequence of usable slots (`same_room`)."""
        order = self.sequence[host.id]
        return s.index in order and order.get(t.index) == order[s.index] + 1

    # --- the rules --------------------------------------------------------------------------

    def _may_open(self, host: Body, s: Slot, opened: Sequence[Slot]) -> bool:
        """Whether the host may hold a new meeting in `s` (besides the meetings `opened`)."""
        st = self.state
        near = self.overlap[s.index]
        if any(t.index in near for t in opened):
            return False
        if any(low < s.index < high for low, high in self.spans.get(host.id, ())):
            return False  # between the parts of an activity that runs on
        for member in host.member_ids:
            if any((member, t) in st.busy for t in near):
                return False
        if self._free_room(host, s) is None:
            return False
        interp = self.session.interpretation
        if host.interpreted:
            if st.interpreted + len(opened) + 1 + self._reserved(host.id) > interp.budget:
                return False
            if self._full("teams", s, interp.teams):
                return False
            if host.id in self.remote and self._full("remote", s, interp.remote_teams):
                return False
        if host.id in self.capped and self._full("cap", s, interp.parallel_cap):
            return False
        for member in host.member_ids:
            body = self.session.body(member)
            same_day = sum(1 for t in opened if t.date == s.date)
            most = body.max_meetings_per_day
            if most is not None and st.per_day.get((member, s.date), 0) + same_day + 1 > most:
                return False
            days = st.days.get(member, set()) | {t.date for t in opened}
            if body.max_days is not None and s.date not in days and len(days) >= body.max_days:
                return False
        return True

    def _reserved(self, host: str) -> int:
        """Interpreted meetings the other hosts still need at least (whole meetings, and
        their minutes in the longest periods); 0 when not reserving."""
        if not self.reserve:
            return 0
        return sum(
            max(0, meetings + -(-minutes // self.longest) - self.ahead.get(other, 0))
            for other, (meetings, minutes) in self.owed.items()
            if other != host
        )

    def _settle(self, a: Activity) -> None:
        """`a` is placed or given up: its host owes it no more meetings."""
        if a.body in self.plenary_hosts:
            self.plenary_left -= 1
        owed = self.owed.get(a.body)
        if owed is not None:
            owed[0 if a.whole_meetings else 1] -= (
                a.meetings if a.whole_meetings else a.minutes
            ) or 0

    # --- the objective (`whole_items`, `alone_first`) -----------------------------------

    def _costly(self, a: Activity, host: Body, s: Slot) -> bool:
        """Whether `a`, able to wait (it and what follows it may still start later), waits
        rather than open a meeting of its host beside the plenary's opening or closing
        meeting (`opening-closing-alone`, 20 a meeting by default)."""
        return (
            self.alone_first
            and s.index in self.alone
            and host.id not in self.plenary_hosts
            and not s.pre_session
            and self._can_wait(a, host, s)
        )

    def _off_pattern(self, a: Activity, host: Body, s: Slot) -> bool:
        """Whether `a`, able to wait, waits rather than open a meeting of its host in a period
        its pattern leaves out (`guided_fit`), while one of its own periods in the pattern is
        still ahead."""
        pattern = self.pattern.get(host.id)
        return (
            pattern is not None
            and s.index not in pattern
            and not s.pre_session
            and any(t.index > s.index and t.index in pattern for t in self.slots[a.id])
            and self._can_wait(a, host, s)
        )

    def _carries_over(self, a: Activity, host: Body, s: Slot, room: int) -> bool:
        """Whether `a`, able to wait, waits for a meeting of its own rather than begin in
        the `room` minutes left in its host's meeting in `s` and run on (`carry-over`, 10
        a part by default, against 1-2 for a meeting more), when one period holds it whole
        and, for an interpreted host, the budget keeps a meeting to spare beyond what every
        interpreted host still needs at least."""
        total = a.minutes or 0
        if not (self.whole_items and room < total <= self.longest):
            return False
        if a.fixed_start or not self._can_wait(a, host, s):
            return False
        if not host.interpreted:
            return True
        needed = sum(
            max(0, meetings + -(-minutes // self.longest) - self.ahead.get(other, 0))
            for other, (meetings, minutes) in self.owed.items()
        )
        return self.state.interpreted + needed + 1 <= self.session.interpretation.budget

    def _can_wait(self, a: Activity, host: Body, s: Slot) -> bool:
        """Whether `a` may leave `s` unused: it and what follows it may still start later,
        and, in its host's agenda, the minutes from `a` up to each later activity still fit
        in the host's periods after `s` before that activity's last possible start."""
        if self.urgency[a.id] <= s.index:
            return False
        through = self.through.get(host.id, {})
        return s.index not in through or through[s.index] <= self.slack.get(a.id, math.inf)

    def _slack(self, last_start: Mapping[str, int]) -> None:
        """Per host, the minutes of its sequence's periods up to each slot (`through`); per
        activity of an agenda-order host, the most of them that may pass unused before it
        (`slack`): the least, over it and each later activity, of the minutes before the
        later one's last possible start less the minutes from `a` up to it."""
        longest = self.longest
        for host in self.session.hosts:
            total, through = 0, {}
            for t in self.sequence_slots[host.id]:
                total += t.minutes
                through[t.index] = total
            self.through[host.id] = through
            if host.order == "free":
                continue
            bound = math.inf
            for a in reversed(self.queues[host.id]):
                minutes = (a.meetings or 1) * longest if a.whole_meetings else a.minutes or 0
                last = last_start[a.id]
                own = (
                    through[last] - self.session.slots[last].minutes
                    if last in through
                    else math.inf
                )
                bound = min(own, bound - minutes)
                self.slack[a.id] = bound

    def _run_of(self, a: Activity, host: Body) -> list[Activity]:
        """`a` and the whole-meeting activities that follow it in its host's agenda, up to
        the first that is not one (or is `first`, `last`, `same_room`, or waits for another
        activity's start or end): what `compact-bodies` would hold in one run."""
        queue = self.queues.get(host.id, [])
        run = [a]
        if a not in queue:
            return run
        for x in queue[queue.index(a) + 1 :]:
            if not x.whole_meetings or not self._runs_from(x) or x.after_end_of or x.after_start_of:
                break
            run.append(x)
        return run

    @staticmethod
    def _runs_from(a: Activity) -> bool:
        """Whether a whole-meeting activity may be laid in a run: not `first` nor `last` (their
        own placement rules) nor `same_room` (one room for all its meetings)."""
        return not (a.first or a.last or a.same_room)

    def _run_layout(
        self, run: Sequence[Activity], host: Body, s: Slot
    ) -> list[tuple[Activity, list[Slot]]] | None:
        """The run's meetings in consecutive periods of its host's sequence from `s`, each in
        its activity's candidate periods; None when they do not fit there."""
        order = self.sequence[host.id]
        if s.index not in order:
            return None
        sequence, k = self.sequence_slots[host.id], order[s.index]
        layout = []
        for x in run:
            n = x.meetings or 1
            slots = sequence[k : k + n]
            allowed = {t.index for t in self.slots[x.id]}
            if len(slots) < n or any(t.index not in allowed for t in slots):
                return None
            layout.append((x, slots))
            k += n
        return layout

    def _place_run(self, a: Activity, host: Body, s: Slot) -> list[_Part] | None:
        """`a`'s meetings from `s` with its run after them (`_run_of`), in consecutive periods
        of its host's sequence, when every meeting may open there; the followers' meetings
        are opened ahead when `a` is committed (`run_ahead`), so that no other body takes the
        room, team or cap they need."""
        layout = self._run_layout(self._run_of(a, host), host, s)
        if layout is None or not self._run_opens(host, layout):
            return None
        mine = layout[0][1]
        if a.fixed_start is not None and mine[0].start != a.fixed_start:
            return None
        self.run_ahead[a.id] = layout[1:]
        return [_Part(t, 0, t.minutes) for t in mine]

    def _run_start(self, a: Activity, host: Body, s: Slot) -> Slot | None:
        """The earliest period after `s` from which `a`'s run fits whole, as the timetable
        stands (None: none)."""
        run = self._run_of(a, host)
        for t in self.slots[a.id]:
            if t.index > s.index:
                layout = self._run_layout(run, host, t)
                if layout is not None and self._run_opens(host, layout):
                    return t
        return None

    def _run_opens(self, host: Body, layout: Sequence[tuple[Activity, list[Slot]]]) -> bool:
        """Whether every meeting of a run's layout may open (or is its own, opened ahead)."""
        opened: list[Slot] = []
        for x, slots in layout:
            for t in slots:
                if not self._part_ok(x, host, _Part(t, 0, t.minutes)):
                    return False
                there = self.state.meetings.get((host.id, t.index))
                if there is not None:
                    if there.reserved_for != x.id or not there.empty:
                        return False
                elif not self._leaves_teams(host, t) or not self._may_open(host, t, opened):
                    return False  # the cheaper test first: this runs for every later start
                else:
                    opened.append(t)
        return True

    def _leaves_teams(self, host: Body, t: Slot) -> bool:
        """Whether a run's meeting in `t` leaves a team for each other interpreted host that
        still has items of minutes to place and no meeting there yet: those share their
        meetings and are placed period by period, the runs ahead of them."""
        if not host.interpreted:
            return True
        teams = self.session.interpretation.teams
        waiting = sum(
            1
            for other, (_, minutes) in self.owed.items()
            if other != host.id and minutes > 0 and (other, t.index) not in self.state.meetings
        )
        used = max((self.state.count.get(("teams", g), 0) for g in self.groups[t.index]), default=0)
        return used + 1 + waiting <= teams

    def _prefers_later(self, a: Activity, host: Body, s: Slot) -> bool:
        """Whether `a`, able to wait, waits for its preferred period just after `s` rather
        than join its host's meeting in `s` (`preferred-periods`, 5 a part by default,
        against 1-2 for a meeting more). Only then: a host that left `s` free for it would
        break its run and lose the period's time."""
        if not self.runs or not a.preferred or a.fixed_start is not None:
            return False
        if _preferred(a, s) or (host.id, s.index) not in self.state.meetings:
            return False
        order, sequence = self.sequence[host.id], self.sequence_slots[host.id]
        k = order.get(s.index)
        if k is None or k + 1 >= len(sequence):
            return False
        after = sequence[k + 1]
        if not _preferred(a, after) or all(t.index != after.index for t in self.slots[a.id]):
            return False
        return self._can_wait(a, host, s)

    def _open_run_ahead(self, a: Activity, host: Body) -> None:
        """Open ahead the meetings of `a`'s run that `_place_run` laid out."""
        for x, slots in self.run_ahead.pop(a.id, []):
            for t in slots:
                if (host.id, t.index) in self.state.meetings:
                    continue  # opened ahead already (a fixed activity's)
                meeting = self._open(host, t)
                meeting.reserved_for, meeting.ahead, meeting.ceiling = x.id, True, 0
                self.state.in_slot.setdefault(t.index, []).append(x.id)  # not-in-parallel
                if host.interpreted:
                    self.ahead[host.id] = self.ahead.get(host.id, 0) + 1

    def _mark_alone(self, host: Body, s: Slot, parts: Sequence[_Part] = ()) -> None:
        """Note the plenary's opening meeting (the first it opens on a session day) and its
        closing one (where its last activity ends): other bodies keep away (`_costly`)."""
        if host.id not in self.plenary_hosts or s.pre_session:
            return
        if parts:
            self.alone.update(self.overlap[parts[-1].slot.index])
        elif self.opening is None or (s.start, s.index) < (self.opening.start, self.opening.index):
            self.alone.difference_update(
                () if self.opening is None else self.overlap[self.opening.index]
            )
            self.opening = s
            self.alone.update(self.overlap[s.index])

    def _full(self, counter: str, s: Slot, most: int | None) -> bool:
        """Whether one more meeting in `s` would exceed `most` at one of its moments."""
        if most is None:
            return False
        return any(self.state.count.get((counter, g), 0) >= most for g in self.groups[s.index])

    def _free_room(self, host: Body, s: Slot) -> str | None:
        for room in self.rooms_of[host.id]:
            closed = getattr(self.room_by_id[room], "is_closed", None)
            if closed is not None and closed(s.date, s.period.id):
                continue
            if not any((room, t) in self.state.rooms for t in self.overlap[s.index]):
                return room
        return None

    def _common_room(self, host: Body, parts: Sequence[_Part]) -> str | None:
        """A room free in every part's slot, for a `same_room` activity (the room of a
        meeting its host already holds there, opened ahead)."""
        st = self.state
        for room in self.rooms_of[host.id]:
            closed = getattr(self.room_by_id[room], "is_closed", None)

            def free(p: _Part, room: str = room, closed: object = closed) -> bool:
                own = st.meetings.get((host.id, p.slot.index))
                if own is not None:
                    return own.room == room
                if callable(closed) and closed(p.slot.date, p.slot.period.id):
                    return False
                return not any((room, t) in st.rooms for t in self.overlap[p.slot.index])

            if all(free(p) for p in parts):
                return room
        return None

    def _part_ok(self, a: Activity, host: Body, part: _Part) -> bool:
        """The rules on one part: deadline, `first`, not-in-parallel."""
        if a.latest_end is not None and part.ends > a.latest_end:
            return False
        if a.earliest_start is not None and part.begins < a.earliest_start:
            return False
        first = self.first_moment
        if first is not None and not part.slot.pre_session and part.begins < first:
            return False
        last = self.last_moment
        if last is not None and not a.last and not part.slot.pre_session and part.ends > last:
            return False
        if part.ends > self._end_by(a):
            return False
        return not self._clashes(a, host, part.slot)

    def _end_by(self, a: Activity) -> dt.datetime:
        """When `a` must be over: before anything that must follow its end (a later activity
        of its agenda-order bodies, what starts after its end, and so on) starts at its fixed
        time."""
        if not self.end_by:
            follows: dict[str, set[str]] = {x.id: set() for x in self.session.activities}
            for x in self.session.activities:
                for member in self.hosts[x.body].member_ids:
                    if self.session.body(member).order == "agenda":
                        agenda = [y.id for y in self.session.agenda_of(member)]
                        if x.id in agenda and agenda.index(x.id):
                            follows[agenda[agenda.index(x.id) - 1]].add(x.id)
                for target in x.after_end_of:
                    for y in self._stands_for(x, target):
                        follows[y].add(x.id)
            for x in self.session.activities:  # followers first, by their own deadlines
                self._end_by_of(x.id, follows)
        return self.end_by[a.id]

    def _end_by_of(self, first: str, follows: Mapping[str, set[str]]) -> None:
        stack, seen = [first], {first}
        while stack:
            x = stack[-1]
            waiting = [y for y in follows[x] if y not in self.end_by and y not in seen]
            if waiting:
                seen.update(waiting)
                stack.extend(waiting)
                continue
            stack.pop()
            moments = [dt.datetime.max]
            for y in follows[x]:
                after = self.session.activity(y)
                if after.fixed_start is not None:
                    moments.append(after.fixed_start)
                moments.append(self.end_by.get(y, dt.datetime.max))
            self.end_by[x] = min(moments)

    def _earliest_offset(self, a: Activity, s: Slot) -> int | None:
        """Minutes from the period start at which `a` may start in `s`; None: not in `s`."""
        moments = [m for m in (a.fixed_start, a.earliest_start) if m is not None]
        for target in a.after_end_of:
            moments += [p.ends for x in self._stands_for(a, target) for p in self._parts(x)]
        starts = [
            p.begins
            for target in a.after_start_of
            for x in self._stands_for(a, target)
            for p in self._parts(x)[:1]
        ]
        if starts:
            moments.append(min(starts))
        latest = max(moments, default=None)
        if latest is None or latest <= s.start:
            return 0
        if latest >= s.end:
            return None
        return int((latest - s.start).total_seconds() // 60)

    def _may_wait(self, a: Activity) -> bool:
        """Whether the model lets `a` start after the body's earlier parts (an `idle` gap)."""
        return bool(a.fixed_start or a.earliest_start or a.after_end_of or a.after_start_of)

    def _ends_last(self, parts: Sequence[_Part]) -> bool:
        ends = [p.ends for x in self.state.parts.values() for p in x if not p.slot.pre_session]
        return not ends or parts[-1].ends >= max(ends)

    def _stands_for(self, a: Activity, target: str) -> list[str]:
        key = (a.id, target)
        if key not in self.targets:
            self.targets[key] = stands_for(self.session, a.id, target)
        return self.targets[key]

    def _parts(self, activity: str) -> list[_Part]:
        return self.state.parts.get(activity, [])

    def _conflicts(self) -> dict[str, tuple[set[str], set[str]]]:
        """Activity -> (activities, hosts) it may not meet beside, both ways."""
        found: dict[str, tuple[set[str], set[str]]] = {
            a.id: (set(), set()) for a in self.session.activities
        }
        host_of = {a.id: a.body for a in self.session.activities}
        for a in self.session.activities:
            for other in a.not_in_parallel_with:
                targets = _parallel_targets(self.session, a.id, other)
                if targets is None:
                    hosts = {h.id for h in self.session.hosts if other in h.member_ids}
                    found[a.id][1].update(hosts)
                    for x, body in host_of.items():
                        if body in hosts:
                            found[x][0].add(a.id)
                    continue
                for x in targets:
                    found[a.id][0].add(x)
                    found[x][0].add(a.id)
        return found

    def _clashes(self, a: Activity, host: Body, s: Slot) -> bool:
        activities, hosts = self.conflicts[a.id]
        if not activities and not hosts:
            return False
        for t in self.overlap[s.index]:
            for x in self.state.in_slot.get(t, []):
                if x in activities or self.session.activity(x).body in hosts:
                    return True
        return False

    # --- committing and reading out ---------------------------------------------------------

    def _commit(self, a: Activity, parts: list[_Part], *, advance: bool = True) -> None:
        self._settle(a)
        st, host = self.state, self.hosts[a.body]
        room = self._common_room(host, parts) if getattr(a, "same_room", False) else None
        for p in parts:
            key = (host.id, p.slot.index)
            meeting = st.meetings.get(key)
            if meeting is None:
                meeting = self._open(host, p.slot, room)
            if meeting.ahead and meeting.empty and host.interpreted:
                self.ahead[host.id] -= 1
            if meeting.reserved_for == a.id:
                meeting.reserved_for, meeting.ceiling = None, None
            meeting.empty = False
            meeting.used = p.start + p.minutes
            meeting.closed = meeting.closed or a.whole_meetings or not a.share
            st.in_slot.setdefault(p.slot.index, []).append(a.id)
            if advance:
                st.cursor[host.id] = max(st.cursor.get(host.id, -1), p.slot.index)
            elif not meeting.closed:  # a `last` activity placed beforehand: others before it
                meeting.used, meeting.ceiling = 0, p.start
        st.parts[a.id] = parts
        if a.id in self.run_ahead:
            self._open_run_ahead(a, host)
        if self.alone_first and (not advance or not self.plenary_left):  # its last: closing
            self._mark_alone(host, parts[-1].slot, parts)
        if not a.whole_meetings and len(parts) > 1:
            self.spans.setdefault(host.id, []).append((parts[0].slot.index, parts[-1].slot.index))

    def _open(self, host: Body, s: Slot, room: str | None = None) -> _Meeting:
        st = self.state
        room = room or self._free_room(host, s)
        assert room is not None  # `_may_open` said so
        meeting = _Meeting(host.id, s, room)
        st.meetings[(host.id, s.index)] = meeting
        st.rooms[(room, s.index)] = host.id
        for member in host.member_ids:
            st.busy[(member, s.index)] = host.id
            st.per_day[(member, s.date)] = st.per_day.get((member, s.date), 0) + 1
            st.days.setdefault(member, set()).add(s.date)
        counters = ["cap"] if host.id in self.capped else []
        if host.interpreted:
            st.interpreted += 1
            counters.append("teams")
            if host.id in self.remote:
                counters.append("remote")
        for g in self.groups.get(s.index, []):
            for name in counters:
                st.count[(name, g)] = st.count.get((name, g), 0) + 1
        if self.alone_first:
            self._mark_alone(host, s)
        return meeting

    def _timetable(self) -> Timetable:
        rows: list[Assignment] = []
        for activity, parts in self.state.parts.items():
            a = self.session.activity(activity)
            host = self.hosts[a.body]
            for number, p in enumerate(parts, start=1):
                rows.append(
                    Assignment(
                        date=p.slot.date,
                        start=p.begins.time(),
                        end=p.ends.time(),
                        body=host.id,
                        activity=a.id,
                        room=self.state.meetings[(host.id, p.slot.index)].room,
                        period=p.slot.period.id,
                        minutes=p.minutes,
                        part=number,
                        parts=len(parts),
                        title=a.title.get("en"),
                        interpreted=host.interpreted,
                    )
                )
        return Timetable.of(rows)
