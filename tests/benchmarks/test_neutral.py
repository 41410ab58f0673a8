"""The neutral benchmark family: a deterministic generator, a session file the project loads
and solves, and a baseline that agrees with the project on feasibility (structure, not time)."""

from __future__ import annotations

import pytest

from benchmarks import neutral
from benchmarks.baseline import solve
from models import SessionModel
from scheduler.io.session_file import parse_session
from scheduler.validation import validate

SMALL = (16, 8, 4)  # the smallest size: two bodies, a long item, a fixed item, two pairs


@pytest.fixture(scope="module")
def instance() -> neutral.Instance:
    return neutral.generate(*SMALL)


def test_generator_is_deterministic(instance: neutral.Instance) -> None:
    assert neutral.generate(*SMALL) == instance
    assert neutral.session_yaml(neutral.generate(*SMALL)) == neutral.session_yaml(instance)
    assert neutral.generate(*SMALL, seed=1) != instance


@pytest.mark.parametrize("size", [SMALL, (80, 40, 8), (160, 40, 8)])
def test_reference_keeps_every_rule(size: tuple[int, int, int]) -> None:
    """The generator's reference timetable is valid: every instance is feasible."""
    made = neutral.generate(*size)
    assert neutral.check(made, made.reference) == []
    assert len(made.items) == size[0]
    pairs = len(made.items) * (len(made.items) - 1) / 2
    assert len(made.pairs) == round(neutral.PAIR_DENSITY * pairs)


def test_check_refuses_a_broken_timetable(instance: neutral.Instance) -> None:
    """Moving an item before its chain predecessor breaks the chain order."""
    item = next(i for i in instance.items if i.after and not i.fixed and i.earliest is None)
    broken = neutral.Solution(dict(instance.reference.start), dict(instance.reference.room))
    broken.start[item.id] = 0
    before = instance.reference.start[item.after or ""]
    if before > 0:
        assert any(f"{item.id}: starts before" in p for p in neutral.check(instance, broken))


def test_session_file_loads_and_solves_with_the_baseline(instance: neutral.Instance) -> None:
    """Both models find the instance feasible; the project's answer passes its validator."""
    session = parse_session(neutral.session_yaml(instance))
    assert len(session.activities) == len(instance.items)
    result = SessionModel(session).solve(time_limit=30, workers=1, seed=0)
    assert result.status.value in ("optimal", "feasible")
    assert result.timetable is not None
    assert validate(session, result.timetable).ok
    # the session file says the family as it is: its answer keeps the family's rules, at the
    # family's objective
    answer = neutral.from_timetable(instance, result.timetable)
    assert neutral.check(instance, answer) == []
    assert neutral.objective(instance, answer) == result.objective
    base = solve(instance, time_limit=30, workers=1)
    assert base.status in ("OPTIMAL", "FEASIBLE")
    assert base.solution is not None
    assert neutral.check(instance, base.solution) == []
    assert neutral.objective(instance, base.solution) == base.objective
