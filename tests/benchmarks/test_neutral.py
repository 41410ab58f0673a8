"""The neutral benchmark family: a deterministic generator, a session file the project loads
and solves, and a baseline that agrees with the project on feasibility (structure, not time)."""

from __future__ import annotations

import pytest
import yaml

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


def test_chains_of_one_body_share_a_meeting_in_any_order_across_chains() -> None:
    """The family's chains as the session file says them: `order: free` and `after_end_of`
    within each chain, so items of two chains share one meeting, each chain in its order,
    and a later chain may open the meeting (not one order over the body)."""
    chains = {"a1": (60, None), "a2": (60, "a1"), "b1": (30, None), "b2": (30, "b1")}
    text = yaml.safe_dump(
        {
            "session": {
                "body": {"en": "Chains"},
                "number": 1,
                "venue": "Geneva",
                "languages": ["en"],
                "days": ["2031-03-03"],
                "periods": [{"id": "AM", "start": "10:00", "end": "13:00"}],
            },
            "interpretation": {"budget": 1, "teams": 1},
            "rooms": [{"id": "r1", "interpretation": False}],
            "bodies": [
                {
                    "id": "b",
                    "name": {"en": "B"},
                    "rooms": ["r1"],
                    "interpreted": False,
                    "order": "free",
                }
            ],
            "items": [
                {"id": k, "title": k, "body": "b", "minutes": m, "run_on": False}
                | ({"after_end_of": [after]} if after else {})
                | ({"fixed_start": "2031-03-03T10:00"} if k == "b1" else {})
                for k, (m, after) in chains.items()
            ],
        }
    )
    session = parse_session(text)
    result = SessionModel(session).solve(time_limit=10, workers=1, seed=0)
    assert result.status.value == "optimal"
    assert result.timetable is not None
    assert validate(session, result.timetable).ok
    start = {row.activity: row.start for row in result.timetable}
    assert start["b1"] < start["a1"] < start["a2"]  # chain b opens it, a follows in order
    assert start["b1"] < start["b2"]


def test_first_only_stops_at_a_valid_answer_and_presolve_is_timed(
    instance: neutral.Instance,
) -> None:
    """The bench's repeats: a solve stopped at its first answer still returns that answer
    (kept by the family's rules), and the presolve is measured on its own."""
    r = solve(instance, time_limit=30, workers=1, first_only=True, presolve=True)
    assert r.solution is not None
    assert neutral.check(instance, r.solution) == []
    assert r.first_s is not None
    assert r.presolve_s is not None and r.presolve_s > 0


def test_bench_median_counts_a_missing_answer_as_slowest() -> None:
    from benchmarks.neutral_bench import _median

    assert _median([0.3, 0.1, 0.2]) == 0.2
    assert _median([None, 0.1, None]) is None  # most found none: no median time
    assert _median([None, 0.1, 0.2]) == 0.2
