"""What every constraint and objective function receives, and the two ways they add rules."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from models.switches import Switches
from models.variables import Variables
from scheduler.session import Session

Literal = cp_model.LiteralT


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


def sum_of(terms: Iterable[cp_model.LinearExprT]) -> cp_model.LinearExpr:
    """A CP-SAT sum, also of nothing (so comparisons stay constraints, never Python bools)."""
    return cp_model.LinearExpr.sum(list(terms))
