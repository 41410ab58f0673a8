"""Explanations of large generated sessions made impossible, checked without the explainer.

A climate session (the climate profile: subsidiary bodies, contact groups, informal
consultations, the parallel cap on the negotiations) made impossible by one edit a planner
makes: its interpretation budget cut by a third. The checks are `test_independent`'s: no
timetable; dropping each named rule from the data gives one the independent validator
accepts; the named rules alone, every other rule loosened, still have none; the explanation
gives its numbers. Every solve is bounded in CP-SAT's deterministic time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from models.explain import Explanation
from scheduler.generate import generate_session
from scheduler.session import Session
from tests.explain.independent import (
    each_drop_gives_a_timetable,
    explained,
    has_its_numbers,
    has_no_timetable,
    named_rules_alone_have_no_timetable,
)

Data = dict[str, Any]

#: A climate session smaller than the benchmark's (5 days x 12 rooms, against 10 x 30): the
#: profile's rules at a size whose explanations stay within the suite's time.
CLIMATE = {"profile": "climate", "days": 5, "rooms": 12, "bodies": 14, "items": 24}


def _generated(
    sizes: dict[str, Any], edit: Callable[[Data], None], seed: int
) -> Callable[[], Data]:
    def data() -> Data:
        d = generate_session(**sizes, seed=seed).data
        d["published"] = None
        edit(d)
        return d

    return data


def _budget_two_thirds(d: Data) -> None:
    d["interpretation"]["budget"] = d["interpretation"]["budget"] * 2 // 3


#: name -> the edited session's data; each has no timetable.
CASES: dict[str, Callable[[], Data]] = {
    "climate-budget-two-thirds": _generated(CLIMATE, _budget_two_thirds, seed=0),
}

#: Variants whose explanation lacks its numbers: issue 19, item 4.
NUMBERS_MISSING: set[str] = set()
NO_NUMBERS_YET = "issue 19, item 4: no numbers for this conflict yet"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request: pytest.FixtureRequest) -> tuple[str, Data, Session, Explanation]:
    return explained(request.param, CASES[request.param]())


def test_the_variant_has_no_timetable(case) -> None:
    has_no_timetable(case)


def test_dropping_each_named_rule_gives_a_timetable(case) -> None:
    each_drop_gives_a_timetable(case)


def test_the_named_rules_alone_still_have_no_timetable(case) -> None:
    named_rules_alone_have_no_timetable(case)


def test_the_explanation_has_its_numbers(case, request) -> None:
    name = case[0]
    if name in NUMBERS_MISSING:
        request.applymarker(pytest.mark.xfail(strict=True, reason=NO_NUMBERS_YET))
    has_its_numbers(case)
