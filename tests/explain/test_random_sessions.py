"""Explanations of random small sessions that stress every rule, checked by editing the data.

The sessions come from `tests.models.synthetic.random_session_data`; many have no timetable.
For each, the conflict must be minimal: with every rule outside it dropped from the data the
session stays infeasible, and dropping any one member as well gives a valid timetable. Each
timetable the explanation shows for a dropped rule must pass the validator on the session
without that rule.
"""

from __future__ import annotations

import pytest

from models.explain import explain
from models.explain_core import instances_of
from models.explain_horizon import horizon
from scheduler.errors import InputError
from scheduler.result import SolveStatus
from scheduler.validation import validate
from tests.conftest import make_session
from tests.explain.dropping import DETERMINISTIC, decide, drop_rules
from tests.models.synthetic import random_session_data


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(0, 80))
def test_random_session_explanation_is_minimal(seed):
    data = random_session_data(seed)
    try:
        session = make_session(data)
    except InputError:
        return
    if decide(session).status is not SolveStatus.INFEASIBLE:
        return
    found = explain(session, deterministic_time=DETERMINISTIC, workers=1, seed=0)
    assert found.status == "infeasible" and found.minimal
    h = horizon(session)
    members = {i.key for i in found.conflict}
    others = [i.key for i in instances_of(h) if i.key not in members]
    alone = make_session(drop_rules(data, others, h.extra_days))
    assert decide(alone).status is SolveStatus.INFEASIBLE
    for key in members:
        relaxed = make_session(drop_rules(data, [*others, key], h.extra_days))
        result = decide(relaxed)
        assert result.timetable is not None and validate(relaxed, result.timetable).ok, key
    known = {*session.session.days, *session.session.pre_session_days, *session.session.holidays}
    for relaxation in found.relaxations:
        if relaxation.timetable is None:
            assert not relaxation.feasible
            continue
        extra = sorted({row.date for row in relaxation.timetable} - known)
        relaxed = make_session(drop_rules(data, [relaxation.instance.key], extra))
        assert validate(relaxed, relaxation.timetable).ok, relaxation.instance.key
