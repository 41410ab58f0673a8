"""The model on generated sessions: a timetable the independent validator accepts."""

from __future__ import annotations

import pytest

from scheduler.generate import generate_session
from scheduler.result import SolveStatus
from scheduler.validation import validate


@pytest.mark.slow
@pytest.mark.parametrize(
    ("profile", "sizes"),
    [
        ("treaty-cop", {"days": 3, "bodies": 3, "items": 10}),
        ("commission", {"days": 3, "rooms": 4, "bodies": 4, "items": 10}),
        ("climate", {"days": 4, "rooms": 8, "bodies": 8, "items": 10}),
    ],
)
def test_the_model_solves_a_small_generated_session(profile, sizes):
    from models import solve

    session = generate_session(profile, seed=0, **sizes).session
    result = solve(session, time_limit=30, workers=1, seed=0)
    assert result.status is SolveStatus.OPTIMAL
    assert result.timetable is not None
    report = validate(session, result.timetable)
    assert report.ok, [f"{f.rule}: {f.text('en')}" for f in report.findings]
    assert report.objective == result.objective


@pytest.mark.slow
def test_a_tight_session_is_solved_too():
    from models import solve

    generated = generate_session("treaty-cop", seed=3, days=3, bodies=4, items=12, tight=True)
    result = solve(generated.session, time_limit=30, workers=1, seed=0)
    assert result.status.has_timetable
    assert result.timetable is not None
    assert validate(generated.session, result.timetable).ok


@pytest.mark.slow
@pytest.mark.parametrize("profile", ["treaty-cop", "commission", "climate"])
def test_the_model_accepts_the_witness_at_the_validators_cost(profile):
    """Model and validator agree: the witness is feasible in the model, at the same cost.

    A refusal would mean the model forbids a timetable that docs/RULES.md allows.
    """
    from models import SessionModel

    generated = generate_session(profile, seed=1)
    session = generated.session
    model = SessionModel(session)
    used = {(row.activity, session.slot(row.date, row.period).index) for row in generated.witness}
    for key, part in model.variables.part.items():
        model.model.add(part == int(key in used))
    result = model.solve(time_limit=30, workers=1, seed=0)
    assert result.status is SolveStatus.OPTIMAL
    assert result.objective == validate(session, generated.witness).objective
