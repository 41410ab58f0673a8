"""A first timetable built in Python, to start CP-SAT from: agenda order, first fit.

CP-SAT alone may search a long time before its first timetable on a large session (commission
40x COP9: 34 s with one worker, of which 25 s of probing). A planner's way is faster: take each
body's agenda in order and put every activity into the body's earliest meeting with room left,
opening a meeting in the earliest period where a room is free, within the teams, the parallel
cap and the budget. `first_fit` does that, keeping the rules a greedy can keep:

- every time rule of the activity (its candidate slots, fixed start, earliest start, deadline,
  date), agenda order and running on into the body's next meeting, sharing and running on;
- one meeting per body and per room at a time (on the clock), booths, closed rooms;
- the interpretation budget, teams and remote teams, the parallel cap (within its bodies),
  meetings per day and days per body; not-in-parallel pairs; `first` before and `last` after
  everything else; `after_end_of` / `after_start_of` when the target came earlier in the file.

What it does not look for: `in_parallel_with`, and any rule a later choice would need an
earlier one undone for. An activity it cannot place is left out (`FirstFit.unplaced`); the
timetable is then partial. Either way it is only a hint: the solver checks every rule.
"""

from __future__ import annotations

import datetime as dt
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
    ceiling: int | None = None  # where a `last` activity placed beforehand starts


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
    default those of the model with every rule enforced outright.
    """
    if slots is None:
        slots = _candidate_slots(session)
    began = time.perf_counter()
    best: FirstFit | None = None
    for reserve, room in VARIANTS:  # each choice helps some sessions and hurts others
        found = _FirstFit(session, slots, reserve=reserve, room_for_all=room).run()
        if best is None or len(found.unplaced) < len(best.unplaced):
            best = found
        if best.complete or time.perf_counter() - began > VARIANTS_WITHIN:
            break
    assert best is not None
    return best


def _candidate_slots(session: Session) -> dict[str, list[Slot]]:
    from ortools.sat.python import cp_model

    from models.switches import Switches
    from models.variables import candidate_slots
    from scheduler.rules import rule_instances

    switches = Switches(cp_model.CpModel(), rule_instances(session), guarded=False)
    return {a.id: candidate_slots(session, a, switches) for a in session.activities}


#: The first fit's variants, tried in this order until one is complete: whether it keeps
#: interpreted meetings for what other bodies still need, and whether an activity of n whole
#: meetings counts as due n periods before its last one. On the large benchmark sessions the
#: first variant leaves out 1-2 activities where the last one leaves out 0-11, and conversely.
VARIANTS: tuple[tuple[bool, bool], ...] = (
    (True, True),
    (False, True),
    (True, False),
    (False, False),
)

#: No further variant is tried after this many seconds.
VARIANTS_WITHIN = 2.0


class _FirstFit:
    def __init__(
        self,
        session: Session,
        slots: Mapping[str, Sequence[Slot]],
        *,
        reserve: bool = True,
        room_for_all: bool = True,
    ) -> None:
        self.session = session
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

    # --- the pass -------------------------------------------------------------------------

    def run(self) -> FirstFit:
        """Period by period in time order, each host takes its next ready activities there,
        the one whose last possible period comes first before the others (earliest deadline
        first); an activity that can start in no later period is given up."""
        session = self.session
        queues: dict[str, list[Activity]] = {h.id: [] for h in session.hosts}
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
        last_start = {a.id: self._last_start(a) for a in session.activities}
        rank = {a.id: n for n, a in enumerate(session.activities)}
        # a host's urgency: the last period its next activity, or a later one of its agenda,
        # can start in (a deadline late in the agenda makes every earlier activity urgent)
        urgency: dict[str, int] = {}
        for queue in queues.values():
            least = len(session.slots)
            for a in reversed(queue):
                least = min(least, last_start[a.id])
                urgency[a.id] = least
        for s in sorted(session.usable_slots, key=lambda t: (t.start, t.index)):
            while True:
                heads = [q[0] for q in queues.values() if q and self._ready(q[0], done)]
                heads.sort(key=lambda a: (not a.first, urgency[a.id], rank[a.id]))
                for a in heads:
                    parts = self._place(a, s)
                    if parts is not None:
                        self._commit(a, parts)
                        if a.first and not parts[0].slot.pre_session and self.first_moment is None:
                            self.first_moment = parts[0].begins
                        break
                else:
                    break  # nobody more meets in `s`
                queues[a.body].pop(0)
                done.add(a.id)
            for queue in queues.values():  # what can start in no later period is given up
                while queue and last_start[queue[0].id] <= s.index and self._ready(queue[0], done):
                    gone = queue.pop(0)
                    self._settle(gone)
                    unplaced.append(gone.id)
                    done.add(gone.id)
        unplaced += [a.id for q in queues.values() for a in q]
        return FirstFit(self._timetable(), tuple(sorted(unplaced, key=rank.__getitem__)))

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
        """Whether what must come before `a` is placed (or given up): the earlier activities of
        its bodies' agendas, the targets of its sequence rules, `first` ones before everything
        and everything before `last` ones."""
        if a.id not in self.before:
            earlier: set[str] = set()
            for member in self.hosts[a.body].member_ids:
                agenda = [x.id for x in self.session.agenda_of(member)]
                earlier.update(agenda[: agenda.index(a.id)] if a.id in agenda else [])
            for target in (*a.after_end_of, *a.after_start_of):
                earlier.update(self._stands_for(a, target))
            acts = self.session.activities
            if not a.first and not all(t.pre_session for t in self.slots[a.id]):
                earlier.update(x.id for x in acts if x.first)
            if a.last:
                earlier.update(x.id for x in acts if not x.last)
            earlier.discard(a.id)
            self.before[a.id] = earlier
        return self.before[a.id] <= done

    def _place(self, a: Activity, s: Slot) -> list[_Part] | None:
        """The parts of `a` with its first one in `s`, or None."""
        host = self.hosts[a.body]
        floor = max(self._floor(a, host), s.index)
        candidates = [t for t in self.slots[a.id] if t.index >= floor]
        if not candidates or candidates[0].index != s.index:
            return None
        if a.whole_meetings:
            return self._place_meetings(a, host, candidates)
        return self._place_minutes(a, host, s, candidates[1:])

    def _floor(self, a: Activity, host: Body) -> int:
        """The earliest slot index: the host's latest meeting, and its bodies' (agenda order)."""
        floor = self.state.cursor.get(host.id, -1)
        for member in host.member_ids:
            for other in self.session.hosts:
                if other.id != host.id and member in other.member_ids:
                    floor = max(floor, self.state.cursor.get(other.id, -1) + 1)
        return max(floor, 0)

    def _place_minutes(
        self, a: Activity, host: Body, s: Slot, later: Sequence[Slot]
    ) -> list[_Part] | None:
        meeting = self.state.meetings.get((host.id, s.index))
        if meeting is not None and (meeting.closed or not a.share):
            return None
        if meeting is None and not self._may_open(host, s, []):
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
            s.minutes if meeting is None or meeting.ceiling is None else meeting.ceiling
        ) - start
        if room <= 0 or (not a.run_on and room < total):
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
            there = self.state.meetings.get((host.id, t.index))
            if there is not None:  # only a `last` activity's meeting, still empty before it
                if there.ceiling is None or there.used or there.closed or left > there.ceiling:
                    return None
            elif not self._may_open(host, t, opened):
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
        return parts

    def _place_meetings(
        self, a: Activity, host: Body, candidates: Sequence[Slot]
    ) -> list[_Part] | None:
        wanted = a.meetings or 0
        same_room = bool(getattr(a, "same_room", False))
        chosen: list[_Part] = []
        for s in candidates:
            if (host.id, s.index) in self.state.meetings:
                continue
            opened = [p.slot for p in chosen]
            part = _Part(s, 0, s.minutes)
            if not self._may_open(host, s, opened) or not self._part_ok(a, host, part):
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

    # --- the rules --------------------------------------------------------------------------

    def _may_open(self, host: Body, s: Slot, opened: Sequence[Slot]) -> bool:
        """Whether the host may hold a new meeting in `s` (besides the meetings `opened`)."""
        st = self.state
        near = self.overlap[s.index]
        if any(t.index in near for t in opened):
            return False
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
            meetings + -(-minutes // self.longest)
            for other, (meetings, minutes) in self.owed.items()
            if other != host
        )

    def _settle(self, a: Activity) -> None:
        """`a` is placed or given up: its host owes it no more meetings."""
        owed = self.owed.get(a.body)
        if owed is not None:
            owed[0 if a.whole_meetings else 1] -= (
                a.meetings if a.whole_meetings else a.minutes
            ) or 0

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
        """A room free in every part's slot, for a `same_room` activity."""
        for room in self.rooms_of[host.id]:
            closed = getattr(self.room_by_id[room], "is_closed", None)
            if all(
                not (closed is not None and closed(p.slot.date, p.slot.period.id))
                and not any((room, t) in self.state.rooms for t in self.overlap[p.slot.index])
                for p in parts
            ):
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
        """When `a` must be over: before a later activity of its agendas starts at its fixed
        time."""
        if a.id not in self.end_by:
            moments = [dt.datetime.max]
            for member in self.hosts[a.body].member_ids:
                agenda = self.session.agenda_of(member)
                ids = [x.id for x in agenda]
                later = agenda[ids.index(a.id) + 1 :] if a.id in ids else []
                moments += [x.fixed_start for x in later if x.fixed_start is not None]
            self.end_by[a.id] = min(moments)
        return self.end_by[a.id]

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
            meeting.used = p.start + p.minutes
            meeting.closed = meeting.closed or a.whole_meetings or not a.share
            st.in_slot.setdefault(p.slot.index, []).append(a.id)
            if advance:
                st.cursor[host.id] = max(st.cursor.get(host.id, -1), p.slot.index)
            elif not meeting.closed:  # a `last` activity placed beforehand: others before it
                meeting.used, meeting.ceiling = 0, p.start
        st.parts[a.id] = parts

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
