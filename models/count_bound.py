"""A lower bound on a session's objective from a counting relaxation: meetings and parts only.

The session's LP spreads each body's meetings thinly over its slots and misses how bodies
trade their meetings against each other under shared capacities (the parallel cap of the
negotiations, the interpretation teams): runs packed into the cap's lanes against meetings
moved to the evenings. `CountRelaxation` is a smaller CP-SAT model that keeps what couples the
bodies and drops what makes the session model large (minutes, offsets, rooms, exact times):

- per host and slot `held[c,s]`, per activity and slot `part[a,s]`, over the session model's
  own (pruned) domains; a part implies its host's meeting, a meeting has a part;
- each activity's parts: a whole-meeting one exactly its meetings, one held in one part one,
  any other enough period minutes for its minutes; in a host's slot an activity that takes
  its meetings to itself excludes every other part, and the others fit the period (each part
  at least a minute, one held in one part all its minutes);
- each host at least its fewest meetings (`models.bounds.fewest_meetings`);
- the agenda order of agenda-order bodies, on slots;
- per moment one meeting per body, and the rules that read only meetings and parts by their
  own functions (`models.constraints`): the teams, the parallel cap, `not-in-parallel`, the
  daily maxima, the interpretation budget;
- every preference, encoded by the session's own modules (`models.objective`): each is a
  function of the meetings and parts alone.

Each rule is kept only where it is enforced outright in the session model. Every timetable of
the session is then a solution with the same cost (proof in FORMULATION.md, "Bounds"), so the
bound CP-SAT proves here, optimal or not, bounds the session's objective from below.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass

from ortools.sat.python import cp_model

from models.bounds import enforced, fewest_meetings
from models.constraints import HARD_CONSTRAINTS
from models.context import Context, PenaltyTerm, sum_of, weighted
from models.objective import PREFERENCE_TERMS
from models.variables import Key, Variables
from scheduler.session import Activity, Slot


@dataclass(frozen=True)
class CountBound:
    """What the relaxation proved: `bound`, a lower bound on the session's objective (None:
    no timetable exists, or nothing was proven), the `deterministic_time` spent, and whether
    it was solved to its optimum. `meetings`: where each host meets in the relaxation's best
    solution (host -> slot indices; None: it found none), a pattern for the first fit to
    follow (`models.constructive.guided_fit`)."""

    bound: int | None
    deterministic_time: float
    optimal: bool
    meetings: Mapping[str, frozenset[int]] | None = None


#: The session's hard rules whose functions read only meetings and parts: the relaxation adds
#: them as they are (a dropped instance stays out).
ON_MEETINGS_AND_PARTS = (
    "not-in-parallel",
    "interpretation-budget",
    "interpretation-teams",
    "parallel-cap",
    "max-meetings-per-day",
)


class CountRelaxation:
    """The counting relaxation of an unguarded session model (`source`: its context, read for the
    domains, the switches and the activities held in one part; nothing is added to it)."""

    def __init__(self, source: Context) -> None:
        if source.switches.guards:
            raise ValueError("the counting relaxation of a guarded model is not built")
        self.session = session = source.session
        self.model = model = cp_model.CpModel()
        model.name = f"count-bound-{session.session.number}"
        v = Variables(false=model.new_constant(0))
        v.label = dict(source.v.label)
        v.slots = {a: list(slots) for a, slots in source.v.slots.items()}
        v.body_slots = {host: list(slots) for host, slots in source.v.body_slots.items()}
        v.one_part = set(source.v.one_part)
        for host, slots in v.body_slots.items():
            for s in slots:
                v.held[(host, s.index)] = model.new_bool_var(f"held[{host},{s.label}]")
        for a in session.activities:
            for s in v.slots[a.id]:
                v.part[(a.id, s.index)] = model.new_bool_var(f"part[{a.id},{s.label}]")
        self.v = v
        self.ctx = Context(model, session, v, source.switches)
        self._later: dict[str, list[tuple[int, cp_model.IntVar]]] = {}
        self._meetings_and_parts()
        self._durations()
        self._within_meetings()
        self._meeting_counts()
        self._agenda_order()
        self._capacities()
        self.terms: list[PenaltyTerm] = [
            t for module in PREFERENCE_TERMS.values() for t in module(self.ctx)
        ]
        model.minimize(weighted(self.terms))

    # --- what every timetable keeps --------------------------------------------------------

    def _meetings_and_parts(self) -> None:
        """A part implies its host's meeting; a meeting holds a part (`held` is their OR)."""
        v, model = self.v, self.model
        parts: dict[Key, list[cp_model.IntVar]] = {}
        for a in self.session.activities:
            for s in v.slots[a.id]:
                part = v.part[(a.id, s.index)]
                model.add_implication(part, v.held[(a.body, s.index)])
                parts.setdefault((a.body, s.index), []).append(part)
        for key, held in v.held.items():
            model.add_bool_or([~held, *parts.get(key, [])])

    def _durations(self) -> None:
        """`full-duration` (never switched): n parts for a whole-meeting activity, one for an
        activity held in one part, and otherwise at least its minutes in its parts' periods."""
        v, model = self.v, self.model
        for a in self.session.activities:
            parts = [(s, v.part[(a.id, s.index)]) for s in v.slots[a.id]]
            if not parts:
                continue
            if a.whole_meetings:
                model.add(sum_of(p for _, p in parts) == (a.meetings or 0))
            elif a.id in v.one_part:
                model.add(sum_of(p for _, p in parts) == 1)
            else:
                minutes = a.minutes or 0
                model.add(sum_of(min(s.minutes, minutes) * p for s, p in parts) >= minutes)

    def _within_meetings(self) -> None:
        """In a host's meeting (`within-periods`, never switched): a part of an activity that
        takes its meetings to itself (a whole meeting fills its period; `share: false` by
        `no-sharing` enforced outright) excludes every other part; the other parts fit the
        period, each at least one minute long, one held in one part all its minutes."""
        v, model, session = self.v, self.model, self.session
        for host in session.hosts:
            alone: list[Activity] = []
            shared: list[Activity] = []
            for a in session.body_activities(host.id):
                own = a.whole_meetings or (not a.share and enforced(self.ctx, "no-sharing", a.id))
                (alone if own else shared).append(a)
            for s in v.body_slots.get(host.id, []):
                mine = [v.part[(a.id, s.index)] for a in alone if v.has(a.id, s)]
                theirs = [(a, v.part[(a.id, s.index)]) for a in shared if v.has(a.id, s)]
                if not theirs:
                    if len(mine) > 1:
                        model.add_at_most_one(mine)
                    continue
                used = model.new_bool_var(f"shared[{host.id},{s.label}]")
                for _, part in theirs:
                    model.add_implication(part, used)
                model.add(sum_of(mine) + used <= 1)
                least = [((a.minutes or 0) if a.id in v.one_part else 1) * p for a, p in theirs]
                model.add(sum_of(least) <= s.minutes * used)

    def _meeting_counts(self) -> None:
        """Each host meets at least `fewest_meetings` times (`bound:meeting-counts`)."""
        v = self.v
        for host in self.session.hosts:
            held = [v.held[(host.id, s.index)] for s in v.body_slots.get(host.id, [])]
            fewest = fewest_meetings(self.ctx, host.id)
            if held and fewest > 1:
                self.model.add(sum_of(held) >= fewest)

    def _agenda_order(self) -> None:
        """In an agenda-order body (`agenda-order` enforced outright), no part of an activity
        comes after a part of the next one."""
        v, session = self.v, self.session
        for body in session.bodies:
            activities = session.agenda_of(body.id)
            if body.order != "agenda" or not enforced(self.ctx, "agenda-order", body.id):
                continue
            for a, c in itertools.pairwise(activities):
                for s in v.slots[c.id]:
                    after = self._part_after(a.id, s)
                    if after is not None:
                        self.model.add(v.part[(c.id, s.index)] + after <= 1)

    def _part_after(self, activity: str, slot: Slot) -> cp_model.IntVar | None:
        """A literal at least each part of `activity` in a slot after `slot` (None: it has no
        such slot). `later[a,s]` is made once per slot, from the last slot back."""
        if activity not in self._later:
            later: list[tuple[int, cp_model.IntVar]] = []
            following: cp_model.IntVar | None = None
            for s in reversed(self.v.slots[activity]):
                here = self.model.new_bool_var(f"later[{activity},{s.label}]")
                self.model.add_implication(self.v.part[(activity, s.index)], here)
                if following is not None:
                    self.model.add_implication(following, here)
                later.append((s.index, here))
                following = here
            self._later[activity] = later[::-1]
        return next((x for index, x in self._later[activity] if index > slot.index), None)

    def _capacities(self) -> None:
        """At no moment two meetings of one body (its joint ones too: `body-one-at-a-time`
        across slots, never switched), and the hard rules that read only meetings and parts
        (`ON_MEETINGS_AND_PARTS`), by their own functions."""
        for body in self.session.bodies:
            for at_once in self.ctx.meetings_per_moment(hosts=self.ctx.hosts_of(body.id)):
                if len(at_once) > 1:
                    self.model.add_at_most_one(at_once)
        for rule in ON_MEETINGS_AND_PARTS:
            HARD_CONSTRAINTS[rule](self.ctx)

    # --- the bound -------------------------------------------------------------------------

    def solve(
        self, deterministic_time: float, time_limit: float | None = None, seed: int = 0
    ) -> CountBound:
        """Solve on one worker within a deterministic budget (and `time_limit` seconds, a
        deadline's guard), every LP row from the start: the bound is what this model is for.
        The bound it proved, and the meetings of its best solution."""
        solver = cp_model.CpSolver()
        params = solver.parameters
        if time_limit is not None:
            params.max_time_in_seconds = time_limit
        params.num_workers = 1
        params.random_seed = seed
        params.max_deterministic_time = deterministic_time
        params.linearization_level = 2
        status = solver.solve(self.model)
        spent = solver.deterministic_time
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.UNKNOWN):
            return CountBound(None, spent, False)  # infeasible: the session has no timetable
        bound = solver.best_objective_bound
        if status == cp_model.UNKNOWN and bound <= -(2**62):
            return CountBound(None, spent, False)
        meetings: dict[str, set[int]] | None = None
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            meetings = {}
            for (host, slot), held in self.v.held.items():
                if solver.boolean_value(held):
                    meetings.setdefault(host, set()).add(slot)
        return CountBound(
            math.ceil(bound - 1e-6),
            spent,
            status == cp_model.OPTIMAL,
            None if meetings is None else {h: frozenset(s) for h, s in meetings.items()},
        )
