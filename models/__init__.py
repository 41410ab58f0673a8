"""The CP-SAT model: a validated session in, a `SolveResult` with its timetable out.

A model is composed of modules, functions `Context -> list[PenaltyTerm]` (`models.context`):
the hard rules of `models.constraints` and the preferences of `models.objective`, composed by
`SessionModel` (`models.model`); re-planning (`models.replan`) and explanations
(`models.explain`) add their own. See `FORMULATION.md` for the mathematics and the
measurements behind its choices.
"""

from models.context import Context, Module, PenaltyTerm
from models.model import SessionModel, SolveProgress, session_modules, solve, solve_status
from scheduler.rules import RuleInstance

__all__ = [
    "Context",
    "Module",
    "PenaltyTerm",
    "RuleInstance",
    "SessionModel",
    "SolveProgress",
    "session_modules",
    "solve",
    "solve_status",
]
