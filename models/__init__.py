"""The CP-SAT model: a validated session in, a `SolveResult` with its timetable out.

See `FORMULATION.md` for the mathematics and the measurements behind its choices.
"""

from models.model import SessionModel, SolveProgress, solve, solve_status
from scheduler.rules.instances import RuleInstance

__all__ = ["RuleInstance", "SessionModel", "SolveProgress", "solve", "solve_status"]
