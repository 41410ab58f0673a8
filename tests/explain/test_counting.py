"""The independent checks' counts (`tests.explain.counting`) are lower bounds, and they bite.

A count that proved too much would let a wrong explanation pass the "named rules alone" check,
so each is put against timetables the solver finds: no body gets fewer meetings than its count,
no timetable more interpreted meetings than the places counted. And each count proves the two
sessions it exists for, and no longer once the rule it leans on is dropped.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from scheduler.errors import InputError
from scheduler.generate import generate_session
from scheduler.io.session_file import session_from_data
from scheduler.session import Session
from tests.conftest import cop9_data, make_session
from tests.explain.counting import (
    counted_out,
    fewest_interpreted_meetings,
    places_for_interpreted_meetings,
)
from tests.explain.dropping import all_but, decide, drop_rules, more_days
from tests.explain.test_independent import CASES
from tests.explain.test_independent_real import CASES as REAL_CASES
from tests.models.synthetic import random_session_data

Data = dict[str, Any]
Key = tuple[str, str]
REAL = Path(__file__).resolve().parents[2] / "instances" / "real"

#: The conflicts their explanations name, each with the rules the count leans on.
COMMISSION: list[Key] = [
    ("within-periods", "days"),
    ("within-periods", "evenings"),
    ("interpretation-teams", "session"),
]
WHA75: list[Key] = [
    ("agenda-order", "plenary"),
    ("agenda-order", "committee-a"),
    ("fixed-start", "presidential-address"),
    ("interpretation-budget", "session"),
]


def _alone(data: Data, keys: list[Key]) -> Session:
    """The session of `data` with only `keys` kept, as the independent check loosens it."""
    session = make_session(data)
    relaxed = drop_rules(data, all_but(session, keys), more_days(session))
    return session_from_data(relaxed, file="<alone>")


def _holds_against(session: Session) -> None:
    """On a timetable the solver finds, each count is at most what the timetable has."""
    found = decide(session, deterministic=5.0)
    if found.timetable is None:
        return
    meetings = found.timetable.meetings()
    for body, fewest in fewest_interpreted_meetings(session).items():
        held = sum(1 for m in meetings if m.body == body)
        assert held >= fewest, (body, held, fewest)
    interpreted = sum(1 for m in meetings if m.interpreted)
    assert interpreted <= places_for_interpreted_meetings(session)
    assert counted_out(session) is None


def test_the_commissions_pigeonhole_is_counted() -> None:
    """43 interpreted meetings needed, 7 days of 2 periods at 3 teams: 42 places."""
    session = _alone(CASES["commission-one-day-less"](), COMMISSION)
    assert sum(fewest_interpreted_meetings(session).values()) == 43
    assert places_for_interpreted_meetings(session) == 42
    assert counted_out(session) is not None


def test_one_day_more_gives_the_commission_its_places() -> None:
    data = CASES["commission-one-day-less"]()
    session = _alone(data, [k for k in COMMISSION if k[0] != "within-periods" or k[1] != "days"])
    assert places_for_interpreted_meetings(session) > 42
    assert counted_out(session) is None


def test_the_budget_of_24_is_counted_part_by_part() -> None:
    """WHA75: the items before the presidential address (fixed Monday 09:00) meet on Sunday,
    the 600 minutes after it in periods of 180 minutes; Committee A's two minute activities
    have whole meetings between them in its agenda: 5 + 12 + 7 + 1 = 25."""
    session = _alone(REAL_CASES["wha75-budget-24"](), WHA75)
    assert fewest_interpreted_meetings(session) == {
        "plenary": 5,
        "committee-a": 12,
        "committee-b": 7,
        "general-committee": 1,
    }
    assert counted_out(session) is not None


@pytest.mark.parametrize("dropped", [("agenda-order", "plenary"), ("agenda-order", "committee-a"),
                                     ("fixed-start", "presidential-address")])  # fmt: skip
def test_without_any_of_its_rules_the_budget_is_not_counted_out(dropped: Key) -> None:
    session = _alone(REAL_CASES["wha75-budget-24"](), [k for k in WHA75 if k != dropped])
    assert counted_out(session) is None


def test_a_fixed_start_inside_a_period_cuts_nothing() -> None:
    """Before and after a moment inside a period, the agenda may share that period's meeting."""
    data = REAL_CASES["wha75-budget-24"]()
    moved = dt.datetime(2022, 5, 23, 10)
    next(i for i in data["items"] if i["id"] == "presidential-address")["fixed_start"] = moved
    assert fewest_interpreted_meetings(_alone(data, WHA75))["plenary"] == 4


def test_sessions_with_timetables_are_never_counted_out() -> None:
    sessions = [make_session(cop9_data())]
    for path in sorted(REAL.glob("*.yaml")):
        sessions.append(make_session(yaml.safe_load(path.read_text(encoding="utf-8"))))
    for profile in ("commission", "treaty-cop"):
        sessions.append(make_session(generate_session(profile, seed=0, tight=True).data))
    for s in sessions:
        assert counted_out(s) is None, (s.session.symbol, counted_out(s))


def test_no_timetable_has_fewer_meetings_than_counted() -> None:
    """COP9, and small random sessions with every rule the counts read (agenda order, fixed
    starts, whole meetings, pre-session days, periods for some bodies only)."""
    _holds_against(make_session(cop9_data()))
    checked = 0
    for seed in range(80):
        for data in (random_session_data(seed), _pinned(random_session_data(seed))):
            try:
                session = make_session(data)
            except InputError:
                continue
            _holds_against(session)
            checked += 1
    assert checked > 80


def _pinned(data: Data) -> Data:
    """The plenary's middle item fixed at the start of the second day's first period: a cut."""
    items = [i for i in data["items"] if i.get("body", "plenary") == "plenary" and "minutes" in i]
    if len(items) >= 3:
        middle = items[len(items) // 2]
        for field in ("date", "dates", "earliest_start", "latest_end", "first", "last"):
            middle.pop(field, None)
        day = data["session"]["days"][1]
        middle["fixed_start"] = f"{day}T{data['session']['periods'][0]['start']}"
    return data
