"""The budget of the search for one more conflict (`models.explain._next_budget`).

Under a wall-clock deadline, a next conflict is searched only while at least what the first
conflict's search took is left, and then within half of what is left (at least what the
first search took), on a large session as on a small one. In CP-SAT's deterministic time it
gets `NEXT_WORK` times the first search's, at least one solve's budget. Without a deadline
(tests, with a deterministic budget per solve) the wall clock never bounds it.
"""

from __future__ import annotations

import math

import pytest

from models.explain import LEAST_NEXT_WORK, MAX_CONFLICTS, NEXT_WORK, Spent, _next_budget
from models.explain_core import Deadline, Exhausted, Solving


def _within(seconds: float | None, deterministic: float | None = None) -> Solving:
    return Solving(Deadline(seconds), workers=1, seed=0, deterministic=deterministic)


def test_a_next_conflict_gets_a_share_of_what_is_left() -> None:
    seconds, work = _next_budget(_within(100.0), 1, Spent(1.0, 0.5))
    assert seconds == pytest.approx(
        50.0, abs=1.0
    )  # the other half for its relaxations and the conflicts after it
    assert work == max(NEXT_WORK * 0.5, LEAST_NEXT_WORK)
    assert _next_budget(_within(100.0), 1, Spent(1.0, 0.01))[1] == LEAST_NEXT_WORK


def test_at_least_what_the_first_search_took() -> None:
    seconds, _ = _next_budget(_within(100.0), 1, Spent(40.0, 0.5))
    assert seconds >= 40.0


def test_no_next_conflict_when_less_is_left_than_the_first_search_took() -> None:
    assert _next_budget(_within(100.0), 1, Spent(1000.0, 0.5))[0] == 0.0
    assert _next_budget(_within(0.0), 1, Spent())[0] == 0.0


def test_no_search_once_every_conflict_listed_is_found() -> None:
    assert _next_budget(_within(None), MAX_CONFLICTS, Spent()) == (0.0, 0.0)


def test_without_a_deadline_only_the_deterministic_budget_bounds_it() -> None:
    seconds, work = _next_budget(_within(None, deterministic=20.0), 1, Spent(1000.0, 0.1))
    assert math.isinf(seconds)
    assert work == 20.0  # one solve's budget, more than four times the first search's


def test_a_spent_budget_stops_the_checks_inside_it() -> None:
    run = _within(None, deterministic=2.0)
    with run.within(math.inf, 0.0), pytest.raises(Exhausted):
        run.ensure_budget()
    run.ensure_budget()  # outside it, nothing is spent
    with run.within(0.0, math.inf), pytest.raises(Exhausted):
        run.ensure_budget()


def test_a_budget_inside_another_ends_with_the_sooner() -> None:
    run = _within(None, deterministic=2.0)
    # the outer one is spent
    with run.within(math.inf, 0.0), run.within(math.inf, 5.0), pytest.raises(Exhausted):
        run.ensure_budget()
    with run.within(math.inf, 5.0), run.within(math.inf, 1.0):
        run.ensure_budget()  # neither is spent


def test_a_solver_not_yet_solved_has_spent_nothing() -> None:
    run = _within(None, deterministic=2.0)
    run.solver()  # made, never solved
    assert run.work() == 0.0
    with run.within(math.inf, 1.0):
        run.ensure_budget()  # nothing spent: no stop
