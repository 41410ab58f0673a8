"""What every model module receives, the two ways it adds rules, and the queries modules share.

A model module is a function `Context -> list[PenaltyTerm]`: a hard rule adds its constraints
and returns `[]`; a preference (or a re-plan's change count) returns named penalty terms and
leaves the objective to whoever composes the model (`models.model.SessionModel`). The queries
here (meetings held, meetings per slot) and on `Variables` (parts of an activity) are the ones
constraints, preferences and explanation measures share, so that none reads the variable
dictionaries its own way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, wraps
from typing import NamedTuple

from ortools.sat.python import cp_model

from models.switches import Switches
from models.variables import Variables
from scheduler.session import Session, Slot

Literal = cp_model.LiteralT


class PenaltyTerm(NamedTuple):
    """One named cost: `weight` times the value of `expr` (e.g. `carry-over[2]`)."""

    name: str
    expr: cp_model.LinearExprT
    weight: int


@dataclass
class Context:
    """The model under construction, the session it encodes, its variables and switches."""

    model: cp_model.CpModel
    session: Session
    v: Variables
    switches: Switches

    def clause(self, literals: Sequence[Literal], when: Sequence[Literal] = ()) -> None:
        """At least one of `literals` holds whenever all of `when` hold (empty: never)."""
        constraint = self.model.add_bool_or(list(literals))
        if when:
            constraint.only_enforce_if(list(when))

    def add(
        self, bounded: cp_model.BoundedLinearExpression | bool, when: Sequence[Literal] = ()
    ) -> None:
        """A linear constraint that holds whenever all of `when` hold."""
        constraint = self.model.add(bounded)
        if when:
            constraint.only_enforce_if(list(when))

    # --- shared queries --------------------------------------------------------------------

    def meetings(
        self, *, interpreted_only: bool = False
    ) -> list[tuple[str, Slot, cp_model.IntVar]]:
        """(body, slot, held) for every meeting the model may hold, body by body in time order.

        `interpreted_only` keeps the meetings of interpreted bodies (those that need a team).
        """
        interpreted = {b.id for b in self.session.hosts if b.interpreted}
        return [
            (body, s, held)
            for body, s, held in self.v.meetings()
            if body in interpreted or not interpreted_only
        ]

    def meetings_per_slot(
        self, *, interpreted_only: bool = False
    ) -> dict[int, list[cp_model.IntVar]]:
        """Slot index -> the `held` literals of the meetings that may run in it."""
        per_slot: dict[int, list[cp_model.IntVar]] = {}
        for _, s, held in self.meetings(interpreted_only=interpreted_only):
            per_slot.setdefault(s.index, []).append(held)
        return per_slot

    def meetings_per_day(self, body: str) -> dict[dt.date, list[cp_model.IntVar]]:
        """Date -> the `held` literals of the meetings `body` holds that day, in time order.

        `body` is a body of the file: its joint meetings count among its meetings.
        """
        per_day: dict[dt.date, list[cp_model.IntVar]] = {}
        for host in self.hosts_of(body):
            for s in self.v.body_slots[host]:
                per_day.setdefault(s.date, []).append(self.v.held[(host, s.index)])
        return per_day

    def hosts_of(self, body: str) -> list[str]:
        """The hosts whose meetings keep `body` busy: the body and its joint meetings."""
        return [h.id for h in self.session.hosts if body in h.member_ids]

    # --- clock overlap ---------------------------------------------------------------------

    def moments(self) -> list[list[Slot]]:
        """Groups of slots that share a clock moment, one group per start of a slot.

        A meeting occupies its whole period; two slots overlap when they are on one date and
        their periods intersect. Every set of pairwise overlapping periods has a common moment
        (intervals on a line), the latest start among them, so a rule "at most n at the same
        time" is exactly one constraint per group. Without overlapping periods, each group is
        one slot.
        """
        return self._moments

    @cached_property
    def _moments(self) -> list[list[Slot]]:
        return moment_groups(self.session.slots)

    def overlapping(self, slot: Slot) -> list[Slot]:
        """The slots whose periods intersect `slot`'s (on its date), `slot` included."""
        return self._overlapping[slot.index]

    @cached_property
    def _overlapping(self) -> list[list[Slot]]:
        by_date: dict[dt.date, list[Slot]] = {}
        for s in self.session.slots:
            by_date.setdefault(s.date, []).append(s)
        return [[t for t in by_date[s.date] if _overlaps(s, t)] for s in self.session.slots]

    def meetings_per_moment(
        self, *, interpreted_only: bool = False, hosts: Iterable[str] | None = None
    ) -> list[list[cp_model.IntVar]]:
        """For each moment group, the `held` literals of the meetings that run then.

        `hosts` keeps the meetings of those hosts only (e.g. one body and its joint meetings).
        """
        wanted = None if hosts is None else set(hosts)
        per_slot: dict[int, list[cp_model.IntVar]] = {}
        for host, s, held in self.meetings(interpreted_only=interpreted_only):
            if wanted is None or host in wanted:
                per_slot.setdefault(s.index, []).append(held)
        groups = [[h for s in group for h in per_slot.get(s.index, [])] for group in self.moments()]
        return [g for g in groups if g]


def _overlaps(a: Slot, b: Slot) -> bool:
    return a.date == b.date and a.start < b.end and b.start < a.end


def moment_groups(slots: Sequence[Slot]) -> list[list[Slot]]:
    """Maximal groups of slots running at one moment (the start of one of them), in time order."""
    by_date: dict[dt.date, list[Slot]] = {}
    for s in slots:
        by_date.setdefault(s.date, []).append(s)
    result: list[list[Slot]] = []
    for day in by_date.values():  # slots of different dates never overlap
        groups: list[list[Slot]] = []
        for s in day:
            group = [t for t in day if t.start <= s.start < t.end]
            if group not in groups:
                groups.append(group)
        result += [g for g in groups if not any(set(g) < set(h) for h in groups)]
    return result


#: A model module: adds its rule to the context; returns its penalty terms (none when hard).
Module = Callable[[Context], list[PenaltyTerm]]


def hard(add: Callable[[Context], object]) -> Module:
    """A hard rule's function (`Context -> None`, as in `models.constraints`) as a module."""

    @wraps(add)
    def module(ctx: Context) -> list[PenaltyTerm]:
        add(ctx)
        return []

    return module


def sum_of(terms: Iterable[cp_model.LinearExprT]) -> cp_model.LinearExpr:
    """A CP-SAT sum, also of nothing (so comparisons stay constraints, never Python bools)."""
    return cp_model.LinearExpr.sum(list(terms))


def weighted(terms: Iterable[PenaltyTerm]) -> cp_model.LinearExpr:
    """The objective of some penalty terms: the sum of weight x expression."""
    return sum_of(t.weight * t.expr for t in terms)  # type: ignore[misc]
