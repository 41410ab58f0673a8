"""The explanation's wider calendar: how many days it adds, and where.

The days are a rule like any other in an explanation only if the wider calendar has room for
everything the session could need once they give way: all bodies queued behind one team or a
parallel cap of 1, a body's daily maximum, and, for a session with a day cut from its middle,
that day given back before any day after a dated last item.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from models.explain_core import Deadline, Solving, Verdict, holds, instances_of
from models.explain_horizon import MAX_EXTRA_DAYS, counted, horizon
from scheduler.prechecks import DAYS
from tests.conftest import make_session, tiny_data

Data = dict[str, Any]


def _busy(**interpretation: object) -> Data:
    """The tiny session with more to do: plenary 5 meetings' worth (810 minutes over 3-hour
    periods), the working group 3 meetings, on 2 days of 2 periods."""
    d = tiny_data()
    next(i for i in d["items"] if i["id"] == "2")["minutes"] = 660
    d["meetings"][0]["meetings"] = 3
    d["interpretation"].update(interpretation)
    return d


def _after_last_day(d: Data) -> list[dt.date]:
    h = horizon(make_session(d))
    last = max(h.session.session.days)
    return [x for x in h.extra_days if x > last]


def test_a_session_that_fits_gets_one_day_more() -> None:
    assert len(_after_last_day(tiny_data())) == 1


def test_every_body_queues_behind_a_parallel_cap_of_one() -> None:
    """8 meetings one at a time in 4 periods: 2 days short."""
    assert len(_after_last_day(_busy())) == 1  # the plenary alone: 5 meetings in 4 periods
    assert len(_after_last_day(_busy(parallel_cap=1))) == 2


def test_the_interpreted_bodies_queue_behind_one_team() -> None:
    assert len(_after_last_day(_busy(teams=1))) == 2


def test_a_body_daily_maximum_spreads_it_over_more_days() -> None:
    d = _busy()
    d["bodies"][0]["max_meetings_per_day"] = 1  # 5 meetings, 2 on the session's days
    assert len(_after_last_day(d)) == 3


def test_a_period_for_some_bodies_only_does_not_count_for_the_others() -> None:
    """A lunch period open to the working group alone gives the plenary no meeting: its 7
    meetings (1150 minutes) need 3 periods more than the 4 of its days, 2 days of 2."""
    d = _busy()
    d["meetings"][0]["meetings"] = 1
    next(i for i in d["items"] if i["id"] == "2")["minutes"] = 1000
    d["session"]["periods"].insert(
        1, {"id": "LUNCH", "start": "13:00", "end": "14:00", "bodies": ["wg"]}
    )
    assert len(_after_last_day(d)) == 2


def test_never_more_than_the_most_extra_days() -> None:
    d = _busy(parallel_cap=1)
    d["meetings"][0]["meetings"] = 60
    assert len(_after_last_day(d)) == MAX_EXTRA_DAYS


def test_days_cut_from_inside_the_session_come_back_first() -> None:
    """Monday and Thursday: Tuesday and Wednesday are given back before Friday."""
    d = tiny_data()
    d["session"]["days"] = [dt.date(2030, 3, 4), dt.date(2030, 3, 7)]
    h = horizon(make_session(d))
    tuesday, wednesday, friday = dt.date(2030, 3, 5), dt.date(2030, 3, 6), dt.date(2030, 3, 8)
    assert h.gaps == (tuesday, wednesday)
    assert h.extra_days[:3] == (tuesday, wednesday, friday)
    closed = {h.wide.slots[i].date for i in h.forbidden[DAYS]}
    assert closed == set(h.extra_days)


def test_a_count_without_the_days_counts_the_days_given_back() -> None:
    """A pre-check on the planner's calendar would miss the days given back inside it."""
    d = tiny_data()
    d["session"]["days"] = [dt.date(2030, 3, 4), dt.date(2030, 3, 7)]
    h = horizon(make_session(d))
    assert counted(h, [DAYS]) is h.session
    assert counted(h, []) is h.wide
    no_gap = horizon(make_session(tiny_data()))
    assert counted(no_gap, []) is no_gap.session


@pytest.mark.parametrize("interpretation", [{"parallel_cap": 1}, {"teams": 1}])
def test_the_cap_or_the_teams_alone_hold_once_the_days_give_way(
    interpretation: dict[str, object],
) -> None:
    """Both are conflicts only with the days: alone, on the wider calendar, they hold."""
    h = horizon(make_session(_busy(**interpretation)))
    rule = "parallel-cap" if "parallel_cap" in interpretation else "interpretation-teams"
    alone = [i for i in instances_of(h) if i.rule == rule]
    with_days = [*alone, *(i for i in instances_of(h) if i.key == DAYS)]
    run = Solving(Deadline(None), workers=1, seed=0, deterministic=5.0)
    assert holds(h, alone, run) is Verdict.FEASIBLE
    assert holds(h, with_days, run) is Verdict.INFEASIBLE


def test_shorter_periods_on_the_session_s_days_get_days_enough_for_the_fewest_meetings() -> None:
    """The session's two days have 2-hour periods, an added day the 3-hour ones: the
    plenary's 810 minutes need 5 meetings in those, 7 in its own (a budget of 5 holds only on
    3 added days, then the days are what it asks, not the budget alone; the cybercrime
    committee of 2022: 2-hour periods on 7 of its 10 days)."""
    d = _busy()
    d["meetings"][0]["meetings"] = 1
    days = d["session"]["days"]
    short = [
        {"id": "AM", "start": "10:00", "end": "12:00"},
        {"id": "PM", "start": "15:00", "end": "17:00"},
    ]
    d["session"]["day_periods"] = [{"dates": days, "periods": short}]
    assert len(_after_last_day(d)) == 3  # 5 three-hour meetings, 2 a day
    del d["session"]["day_periods"]
    assert len(_after_last_day(d)) == 1  # the same periods every day: as before
