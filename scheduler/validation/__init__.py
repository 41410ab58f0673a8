"""The independent validator: every hard rule of docs/RULES.md checked on a timetable.

It shares no code with the CP-SAT model (`models/`): both implement docs/RULES.md separately,
so that each checks the other. It reads a `Session` and a `Timetable` (from the solver or a
hand-edited workbook) and names every broken rule with the activities and meetings involved.
"""

from scheduler.validation.costs import objective, preference_costs
from scheduler.validation.findings import Finding, Report
from scheduler.validation.registry import CHECKS, validate

__all__ = ["CHECKS", "Finding", "Report", "objective", "preference_costs", "validate"]
