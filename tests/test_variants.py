"""Variants: each change gives a new, validated session and leaves the original as it was."""

from __future__ import annotations

import datetime as dt

import pytest

from scheduler.errors import InputError
from scheduler.explore import (
    add_day,
    add_meeting,
    allow_evening_meetings,
    derive,
    drop_day,
    pin,
    set_budget,
    set_duration,
    set_parallel_cap,
    set_teams,
    size_by_speakers,
)
from scheduler.io.session_file import load_session
from tests.conftest import COP9

MON, TUE, WED, FRI = (dt.date(2018, 10, d) for d in (15, 16, 17, 19))


@pytest.fixture()
def cop9():
    """A fresh COP9 session per test, so that a variant leaking into it would show."""
    return load_session(COP9)


def test_a_variant_is_a_new_session_and_the_original_is_unchanged(cop9):
    before = cop9.model_dump()
    variant = set_budget(cop9, 16)
    assert variant is not cop9
    assert variant.interpretation.budget == 16
    assert cop9.interpretation.budget == 20
    assert cop9.model_dump() == before


def test_derive_without_change_gives_an_equal_session(cop9):
    assert derive(cop9, lambda data: None, "same") == cop9


def test_a_variant_is_validated_like_a_file_and_names_the_variant(cop9):
    def unknown_body(data):
        data["meetings"][0]["body"] = "nobody"

    with pytest.raises(InputError) as caught:
        derive(cop9, unknown_body, "bad body")
    assert "<variant: bad body>" in caught.value.message
    assert "'nobody' is not a body id" in caught.value.message


def test_drop_day_removes_the_day_and_its_published_entries(cop9):
    four = drop_day(cop9, "2018-10-19")
    assert four.session.days == [dt.date(2018, 10, d) for d in (15, 16, 17, 18)]
    assert four.published is not None
    assert all(entry.date != FRI for entry in four.published)
    on_friday = [e.activity for e in cop9.published or [] if e.date == FRI]
    assert on_friday == ["5", "6", "7", "8", "9"]
    assert len(four.published) == len(cop9.published or []) - len(on_friday)


def test_drop_day_refuses_a_day_with_a_fixed_time(cop9):
    with pytest.raises(InputError) as caught:
        drop_day(cop9, MON)  # the opening is fixed on Monday 10:00
    assert "fixed_start" in caught.value.message


def test_drop_day_refuses_a_day_outside_the_session(cop9):
    with pytest.raises(InputError, match="is not a day of the session"):
        drop_day(cop9, "2018-10-22")
    with pytest.raises(InputError, match="is not a date"):
        drop_day(cop9, "Friday")


def test_add_day_appends_a_working_day(cop9):
    longer = add_day(cop9, "2018-10-22")
    assert longer.session.days[-1] == dt.date(2018, 10, 22)
    assert len(longer.session.days) == 6
    with pytest.raises(InputError, match="listed twice"):
        add_day(cop9, FRI)


def test_set_duration_in_minutes_or_meetings(cop9):
    assert set_duration(cop9, "5", minutes=180).activity("5").minutes == 180
    whole = set_duration(cop9, "5", meetings=2).activity("5")
    assert (whole.minutes, whole.meetings) == (None, 2)
    assert set_duration(cop9, "wg-ic-10", meetings=3).activity("wg-ic-10").meetings == 3


def test_set_duration_refuses_what_cannot_be(cop9):
    with pytest.raises(InputError, match="one of them"):
        set_duration(cop9, "5")
    with pytest.raises(InputError, match="one of them"):
        set_duration(cop9, "5", minutes=10, meetings=1)
    with pytest.raises(InputError, match="give meetings, not minutes"):
        set_duration(cop9, "wg-ic-10", minutes=90)
    with pytest.raises(InputError, match="is not an item or meeting"):
        set_duration(cop9, "99", minutes=10)
    with pytest.raises(InputError, match="greater than or equal to 1"):
        set_duration(cop9, "5", minutes=0)


def test_size_by_speakers_sets_the_minutes(cop9):
    debate = size_by_speakers(cop9, "1f", 120, 3).item("1f")
    assert (debate.speakers, debate.minutes_per_speaker, debate.minutes) == (120, 3, 360)
    assert size_by_speakers(cop9, "1f", 50, 2.5, allowance=15).item("1f").minutes == 140


def test_set_duration_replaces_a_size_by_speakers(cop9):
    debate = set_duration(size_by_speakers(cop9, "1f", 120, 3), "1f", minutes=200).item("1f")
    assert debate.minutes == 200 and debate.minutes_per_speaker is None


def test_interpretation_changes(cop9):
    assert set_teams(cop9, 3).interpretation.teams == 3
    assert set_parallel_cap(cop9, None).interpretation.parallel_cap is None
    assert set_parallel_cap(cop9, 4).interpretation.parallel_cap == 4
    with pytest.raises(InputError, match="greater than or equal to 0"):
        set_budget(cop9, -1)


def test_evening_meetings(cop9):
    evening = allow_evening_meetings(cop9)
    assert evening.session.evening_meetings
    assert len(evening.usable_slots) == len(cop9.usable_slots) + 6
    assert not allow_evening_meetings(evening, False).session.evening_meetings


def test_add_meeting_to_a_body(cop9):
    third = add_meeting(cop9, "wg-ic", not_in_parallel_with=["4"])
    extra = third.activity("wg-ic-extra")
    assert (extra.body, extra.meetings, extra.not_in_parallel_with) == ("wg-ic", 1, ("4",))
    assert extra.title.get("en") == "Working Group on International Cooperation"
    assert extra.latest_end == dt.datetime(2018, 10, 18, 12)  # the body's deadline applies
    again = add_meeting(third, "wg-ic", meetings=2)
    assert again.activity("wg-ic-extra-2").meetings == 2


def test_add_meeting_refuses_an_unknown_body_or_key(cop9):
    with pytest.raises(InputError, match="is not a body"):
        add_meeting(cop9, "wg-x")
    with pytest.raises(InputError, match="unknown key"):
        add_meeting(cop9, "wg-ic", colour="red")


def test_pin_to_a_slot_or_a_day(cop9):
    slot = pin(cop9, "3", WED, "AM").activity("3")
    assert slot.date == WED
    assert (slot.earliest_start, slot.latest_end) == (
        dt.datetime(2018, 10, 17, 10),
        dt.datetime(2018, 10, 17, 13),
    )
    day = pin(cop9, "wg-ic-10", WED).activity("wg-ic-10")
    assert day.date == WED and day.earliest_start is None


def test_pin_replaces_the_activity_s_own_timing(cop9):
    opening = pin(cop9, "1a", TUE).activity("1a")
    assert opening.fixed_start is None and opening.date == TUE


def test_pin_refuses_an_unknown_slot_or_activity(cop9):
    with pytest.raises(InputError, match="is not a period"):
        pin(cop9, "3", WED, "NIGHT")
    with pytest.raises(InputError, match="is not a slot"):
        pin(cop9, "3", "2018-10-22", "AM")
    with pytest.raises(InputError, match="is not an item or meeting"):
        pin(cop9, "33", WED)
