"""Checking a pre-check both ways: silent where a timetable exists, one finding the solver
confirms where none does."""

from __future__ import annotations

from typing import Any

from models.explain_horizon import horizon
from scheduler.prechecks import PrecheckFinding, precheck
from scheduler.result import SolveStatus
from scheduler.rules import rule_instances
from tests.conftest import make_session
from tests.explain.dropping import decide


def silent(data: dict[str, Any]) -> None:
    """No finding, and the solver finds a timetable: the boundary itself holds."""
    session = make_session(data)
    assert precheck(session) == [], [f.text() for f in precheck(session)]
    assert decide(session).status in {SolveStatus.FEASIBLE, SolveStatus.OPTIMAL}


def only(data: dict[str, Any], check: str) -> PrecheckFinding:
    """The one finding of kind `check`, confirmed infeasible by the solver, named by the
    explainer's keys."""
    session = make_session(data)
    found = [f for f in precheck(session) if f.check == check]
    assert len(found) == 1, [f.text() for f in precheck(session)]
    assert decide(session).status is SolveStatus.INFEASIBLE
    keys = {i.key for i in rule_instances(session)} | {i.key for i in horizon(session).instances}
    assert set(found[0].instances) <= keys
    return found[0]
