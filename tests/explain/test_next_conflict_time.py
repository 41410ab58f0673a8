"""When an explanation looks for one more conflict (`models.explain._no_time`).

Under a wall-clock deadline, a next conflict is searched only while at least what the first
conflict's search took is left, and never on a large session (its next conflict is searched
among nearly every rule and did not fit what was left). Without a deadline (tests, with a
deterministic budget per solve) every conflict is looked for.
"""

from __future__ import annotations

import pytest

from models import explain_relax
from models.explain import _no_time
from models.explain_core import Deadline, Solving
from models.explain_horizon import Horizon, horizon
from tests.conftest import cop9_data, make_session


@pytest.fixture(scope="module")
def cop9() -> Horizon:
    data = cop9_data()
    data["published"] = None
    data["interpretation"]["teams"] = 1
    return horizon(make_session(data))


def _within(seconds: float | None) -> Solving:
    return Solving(Deadline(seconds), workers=1, seed=0)


def test_a_next_conflict_is_searched_while_the_first_search_s_time_is_left(cop9: Horizon):
    assert not _no_time(cop9, _within(100.0), searched=1.0)


def test_no_next_conflict_when_less_is_left_than_the_first_search_took(cop9: Horizon):
    assert _no_time(cop9, _within(100.0), searched=1000.0)
    assert _no_time(cop9, _within(0.0), searched=0.0)


def test_no_next_conflict_on_a_large_session_under_a_deadline(
    cop9: Horizon, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(explain_relax, "FIRST_FIT_FROM", 0)  # COP9 counted as large
    assert _no_time(cop9, _within(100.0), searched=1.0)


def test_without_a_deadline_every_conflict_is_looked_for(
    cop9: Horizon, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not _no_time(cop9, _within(None), searched=1000.0)
    monkeypatch.setattr(explain_relax, "FIRST_FIT_FROM", 0)
    assert not _no_time(cop9, _within(None), searched=1000.0)
