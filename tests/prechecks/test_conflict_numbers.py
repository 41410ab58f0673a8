"""The numbers behind conflicts that once had none (issue 19, item 4), without a solve.

Each conflict is one the explainer names for an infeasible variant of the independent suites;
the pre-checks with only its rules in force (and the calendar as the planner wrote it, as the
explainer asks them) must give a finding that names no rule outside the conflict. The solver
confirms such findings in `test_soundness`; the independent suites check the explanations.
"""

from __future__ import annotations

import pytest

from scheduler.prechecks import precheck
from tests.conftest import make_session
from tests.explain import test_independent, test_independent_real

Key = tuple[str, str]
DAYS: Key = ("within-periods", "days")
EVENINGS: Key = ("within-periods", "evenings")

#: variant -> (a conflict of its explanation, the check whose finding gives its numbers)
CONFLICTS: dict[str, tuple[set[Key], str]] = {
    "cop9-two-items-first": ({("first-last", "2"), ("fixed-start", "1a")}, "starts"),
    "unfccc-cop20-closings-at-the-same-time": (
        {("fixed-start", "cop-closing"), ("fixed-start", "cmp-closing")},
        "starts",
    ),
    "ccpcj-30-no-friday": ({DAYS}, "rooms-total"),
    "cop9-item-4-with-the-working-group": (
        {
            EVENINGS,
            ("fixed-start", "4"),
            ("held-on-date", "wg-ic-10"),
            ("not-in-parallel", "wg-ic-10/4"),
        },
        "apart-fills",
    ),
    "commission-one-day-less": (
        {
            DAYS,
            EVENINGS,
            ("agenda-order", "plenary"),
            ("held-on-date", "wg-prevention-3"),
            ("not-in-parallel", "wg-prevention-3/6"),
        },
        "apart-fills",
    ),
    # the items before the presidential address meet on Sunday, Committee A's minutes have
    # whole meetings between them: 25 interpreted meetings for a budget of 24
    "wha75-budget-24": (
        {
            ("agenda-order", "plenary"),
            ("agenda-order", "committee-a"),
            ("fixed-start", "presidential-address"),
            ("interpretation-budget", "session"),
        },
        "budget-parts",
    ),
}

VARIANTS = {**test_independent.CASES, **test_independent_real.CASES}


@pytest.mark.parametrize("name", sorted(CONFLICTS))
def test_the_conflict_has_its_numbers(name: str) -> None:
    keys, check = CONFLICTS[name]
    session = make_session(VARIANTS[name]())
    found = precheck(session, active=lambda key: key in keys or key[0] == "within-periods")
    own = [f for f in found if set(f.instances) <= keys]
    assert [f.check for f in own] == [check], [f.text() for f in found]
