"""Every explanation checked without the explainer's code, on infeasible variants of all sizes.

The way a planner (or a reviewer) would check an explanation: edit the session file and solve
again with the ordinary model (`tests.explain.dropping`), never with the explainer's modules.
For each variant:
- the variant itself has no timetable;
- dropping any one named rule gives a timetable the independent validator accepts (the
  session's days give way to ten more weekdays, evenings open, a holiday becomes a working
  day, a budget, team count or cap no longer binds);
- keeping the named rules while loosening every other one (every rule instance of the
  catalogue, and the parts of the calendar) still has no timetable.

Every solve is bounded in CP-SAT's deterministic time: the same verdicts on a busy machine.
The variants: the five shipped in `instances/variants/`, COP9 edited one rule at a time, and
generated sessions made impossible by one change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from models.explain import Explanation, explain
from scheduler.generate import generate_session
from scheduler.session import Session
from tests.conftest import cop9_data, make_session
from tests.explain.dropping import DETERMINISTIC
from tests.explain.independent import (
    each_drop_gives_a_timetable,
    explained,
    has_its_numbers,
    has_no_timetable,
    named_rules_alone_have_no_timetable,
)

Data = dict[str, Any]
Key = tuple[str, str]
VARIANTS = Path(__file__).resolve().parents[2] / "instances" / "variants"


def _shipped(name: str) -> Callable[[], Data]:
    def data() -> Data:
        loaded = yaml.safe_load((VARIANTS / name).read_text(encoding="utf-8"))
        assert isinstance(loaded, dict)
        return loaded

    return data


def _cop9(edit: Callable[[Data], None]) -> Callable[[], Data]:
    def data() -> Data:
        d = cop9_data()
        d["published"] = None
        edit(d)
        return d

    return data


def _entry(d: Data, ident: str) -> dict[str, Any]:
    return next(e for e in [*d["items"], *d.get("meetings", [])] if str(e["id"]) == ident)


def _body(d: Data, ident: str) -> dict[str, Any]:
    return next(b for b in d["bodies"] if b["id"] == ident)


def _set(*path: str, value: object) -> Callable[[Data], None]:
    def edit(d: Data) -> None:
        target = d
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return edit


def _all(*edits: Callable[[Data], None]) -> Callable[[Data], None]:
    def edit(d: Data) -> None:
        for e in edits:
            e(d)

    return edit


def _days(*days: str) -> Callable[[Data], None]:
    return _set("session", "days", value=[dt.date.fromisoformat(x) for x in days])


def _update(ident: str, **fields: object) -> Callable[[Data], None]:
    return lambda d: _entry(d, ident).update(fields)


def _body_update(ident: str, **fields: object) -> Callable[[Data], None]:
    return lambda d: _body(d, ident).update(fields)


def _generated(profile: str, edit: Callable[[Data], None], seed: int = 0) -> Callable[[], Data]:
    def data() -> Data:
        d = generate_session(profile, seed=seed, tight=True).data
        d["published"] = None
        edit(d)
        return d

    return data


def _cut_last_days(n: int) -> Callable[[Data], None]:
    def edit(d: Data) -> None:
        d["session"]["days"] = d["session"]["days"][:-n]

    return edit


FOUR = ("2018-10-15", "2018-10-16", "2018-10-17", "2018-10-18")

#: name -> the variant's session data; each has no timetable.
CASES: dict[str, Callable[[], Data]] = {
    **{p.stem: _shipped(p.name) for p in sorted(VARIANTS.glob("*.yaml"))},
    "cop9-cap-1": _cop9(_set("interpretation", "parallel_cap", value=1)),
    "cop9-teams-1": _cop9(_set("interpretation", "teams", value=1)),
    "cop9-teams-0": _cop9(_set("interpretation", "teams", value=0)),
    "cop9-budget-11": _cop9(_set("interpretation", "budget", value=11)),
    "cop9-budget-5": _cop9(_set("interpretation", "budget", value=5)),
    "cop9-three-days": _cop9(_days(*FOUR[:3])),
    "cop9-four-days-teams-1": _cop9(_all(_days(*FOUR), _set("interpretation", "teams", value=1))),
    "cop9-cap-1-teams-1": _cop9(
        _all(
            _set("interpretation", "parallel_cap", value=1),
            _set("interpretation", "teams", value=1),
        )
    ),
    "cop9-wednesday-holiday": _cop9(_set("session", "holidays", value=[dt.date(2018, 10, 17)])),
    "cop9-opening-on-a-holiday": _cop9(_set("session", "holidays", value=[dt.date(2018, 10, 15)])),
    "cop9-plenary-once-a-day": _cop9(_body_update("plenary", max_meetings_per_day=1)),
    "cop9-working-group-due-tuesday-noon": _cop9(
        _body_update("wg-ic", latest_end=dt.datetime(2018, 10, 16, 12))
    ),
    "cop9-working-group-three-meetings-tuesday": _cop9(_update("wg-ic-10", meetings=3)),
    "cop9-opening-in-the-evening": _cop9(_update("1a", fixed_start=dt.datetime(2018, 10, 15, 18))),
    "cop9-last-item-fixed-monday": _cop9(_update("9", fixed_start=dt.datetime(2018, 10, 15, 15))),
    "cop9-two-items-first": _cop9(_update("2", first=True)),
    "cop9-long-debate": _cop9(_update("2b", minutes=600)),
    "cop9-last-item-after-friday-evening": _cop9(
        _update("9", earliest_start=dt.datetime(2018, 10, 19, 18))
    ),
    "cop9-item-4-with-the-working-group": _cop9(
        _update("4", fixed_start=dt.datetime(2018, 10, 16, 10))
    ),
    "cop9-item-3-due-tuesday": _cop9(_update("3", latest_end=dt.datetime(2018, 10, 16, 18))),
    "commission-one-day-less": _generated("commission", _cut_last_days(1)),
    "treaty-cop-teams-1": _generated("treaty-cop", lambda d: d["interpretation"].update(teams=1)),
    "treaty-cop-budget-halved": _generated(
        "treaty-cop",
        lambda d: d["interpretation"].update(budget=d["interpretation"]["budget"] // 2),
    ),
}

#: Variants with more than one conflict: dropping one named rule alone may not be enough, and
#: the explanation must say which (the edited session agrees with what it says per rule);
#: every other variant's named rules must each, dropped, give a timetable.
SEVERAL_CONFLICTS = {
    "cop9-cap-1-teams-1",  # the teams and the cap, each with the days and evenings
    "cop9-item-4-with-the-working-group",  # the agenda before Tuesday; item 4 beside the group
    "cop9-last-item-fixed-monday",  # the same shape on Monday
    "cop9-opening-on-a-holiday",  # the opening on the holiday; four days left for ten meetings
    "cop9-two-items-first",  # two firsts; item 2 first though the agenda puts item 1 before
    "commission-one-day-less",  # the plenary's days; a working group beside item 6
    "treaty-cop-teams-1",  # one team; the working groups' deadlines, whatever the days
}

#: Variants whose explanation has no numbers yet: issue 19, item 4 (none left).
NUMBERS_MISSING: set[str] = set()
#: Variants whose "named rules alone" session neither the solver (within the check's
#: deterministic time) nor the check's count decides: none left (the commission's days,
#: evenings and teams are counted out: 43 interpreted meetings, 42 places, `counting`).
UNDECIDED = "the named rules alone: not decided within the deterministic time of the check"
UNDECIDED_ALONE: set[str] = set()
NO_NUMBERS_YET = "issue 19, item 4: no numbers for this conflict yet"

#: Whole explanations of large sessions: slow.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request: pytest.FixtureRequest) -> tuple[str, Data, Session, Explanation]:
    return explained(request.param, CASES[request.param]())


def test_there_are_at_least_twenty_variants() -> None:
    assert len(CASES) >= 20


def test_the_variant_has_no_timetable(case) -> None:
    has_no_timetable(case)


def test_dropping_each_named_rule_gives_a_timetable(case) -> None:
    each_drop_gives_a_timetable(case, SEVERAL_CONFLICTS)


def test_the_named_rules_alone_still_have_no_timetable(case, request) -> None:
    name = case[0]
    if name in UNDECIDED_ALONE:
        request.applymarker(pytest.mark.xfail(strict=True, reason=UNDECIDED))
    named_rules_alone_have_no_timetable(case)


def test_the_explanation_has_its_numbers(case, request) -> None:
    name = case[0]
    if name in NUMBERS_MISSING:
        request.applymarker(pytest.mark.xfail(strict=True, reason=NO_NUMBERS_YET))
    has_its_numbers(case)


def test_the_numbers_are_those_of_the_session_as_written() -> None:
    """Not counting the explainer's own extra evening: 720 minutes fit by Tuesday 18:00."""
    session = make_session(CASES["cop9-item-3-due-tuesday"]())
    found = explain(session, deterministic_time=DETERMINISTIC, workers=1, seed=0)
    (numbers,) = [f.text() for f in found.numbers]
    assert numbers.endswith("to Tuesday 16 October 18:00; 4 exist"), numbers
