"""The calendar, parsed back with icalendar: one event per meeting, RFC 5545's required parts,
and UIDs that stay the same across exports and solves of the same timetable."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from models import solve
from scheduler.errors import InputError
from scheduler.io.ics import (
    meeting_uid,
    session_calendar,
    session_key,
    time_zone_warning,
    write_ics,
)
from scheduler.published import published_timetable
from scheduler.timetable import Timetable
from tests.conftest import cop9_data, make_session

STAMP = dt.datetime(2018, 9, 1, 8, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def published(cop9) -> Timetable:
    return published_timetable(cop9)


def _read(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def _events(calendar: Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def _uids(calendar: Calendar) -> list[str]:
    return [str(event["UID"]) for event in _events(calendar)]


@pytest.fixture(scope="module")
def ics_fr(cop9, published, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ics") / "cop9.ics"
    write_ics(path, cop9, published, "fr", stamp=STAMP)
    return path


def test_one_event_per_meeting(cop9, published, ics_fr):
    events = _events(_read(ics_fr))
    meetings = published.meetings()
    assert len(events) == len(meetings) == 14  # 2 informal, 10 plenary, 2 working group
    assert len(set(_uids(_read(ics_fr)))) == len(events)


def test_required_properties_of_rfc_5545(ics_fr):
    data = ics_fr.read_bytes()
    lines = data.split(b"\r\n")
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines)  # folded at 75 octets
    calendar = _read(ics_fr)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"])
    for event in _events(calendar):
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert required in event
        assert event.decoded("DTSTAMP") == STAMP  # in UTC, as the RFC requires
        assert event.decoded("DTEND") > event.decoded("DTSTART")


def test_the_opening_meeting(ics_fr):
    first_plenary = next(e for e in _events(_read(ics_fr)) if "plenary.1@" in str(e["UID"]))
    assert str(first_plenary["UID"]) == "ctoc-cop-9.plenary.1@organization-of-work"
    assert str(first_plenary["SUMMARY"]) == "1re séance plénière"
    assert str(first_plenary["LOCATION"]) == "Plenary hall"
    # Vienna's time zone, from the venue: fixed instants, no longer floating
    vienna = ZoneInfo("Europe/Vienna")
    assert first_plenary.decoded("DTSTART") == dt.datetime(2018, 10, 15, 10, 0, tzinfo=vienna)
    assert first_plenary.decoded("DTEND") == dt.datetime(2018, 10, 15, 13, 0, tzinfo=vienna)
    assert first_plenary["DTSTART"].params["TZID"] == "Europe/Vienna"
    description = str(first_plenary["DESCRIPTION"]).splitlines()
    assert description[0] == "Point 1 a). Ouverture de la session"
    assert description[5] == "Point 1 f). Débat général"
    assert description[-1] == "Avec interprétation"


def test_parallel_and_informal_meetings(ics_fr):
    events = {str(e["UID"]): e for e in _events(_read(ics_fr))}
    group = events["ctoc-cop-9.wg-ic.2@organization-of-work"]
    assert str(group["SUMMARY"]) == "Groupe de travail sur la coopération internationale, 2e séance"
    assert str(group["LOCATION"]) == "Conference room B"
    assert "(suite)" in str(group["DESCRIPTION"])
    informal = events["ctoc-cop-9.informals.1@organization-of-work"]
    assert str(informal["DESCRIPTION"]).splitlines()[-1] == "Sans interprétation"
    assert informal.decoded("DTSTART").date() == dt.date(2018, 10, 12)


def test_uids_do_not_change_with_the_export_time_or_the_language(cop9, published):
    first = session_calendar(cop9, published, "fr", stamp=STAMP)
    later = session_calendar(cop9, published, "ar", stamp=STAMP + dt.timedelta(days=3))
    assert _uids(first) == _uids(later)
    assert {e.decoded("DTSTAMP") for e in _events(later)} == {STAMP + dt.timedelta(days=3)}


def test_uids_are_unchanged_across_two_solves_of_the_same_timetable(tiny, tmp_path):
    paths = []
    for run in range(2):
        result = solve(tiny, time_limit=20, workers=1, seed=0)
        assert result.timetable is not None
        path = tmp_path / f"solve-{run}.ics"
        write_ics(path, tiny, result.timetable, "en")
        paths.append(path)
    first, second = (_read(p) for p in paths)
    assert _uids(first) == _uids(second)
    assert len(_events(first)) == len(result.timetable.meetings())


def _moved(part, date: dt.date, period: str, hour: int):
    """A part moved to another slot, starting at `hour`, same length."""
    start = dt.datetime.combine(date, dt.time(hour))
    end = start + (part.end_at - part.start_at)
    return replace(part, date=date, period=period, start=start.time(), end=end.time())


def test_a_re_plan_updates_events_instead_of_adding_any(cop9, published):
    """Items 3 and 4 swap meetings and the working group moves to Wednesday: the same UIDs,
    the 6th plenary meeting now takes item 4, the group's meetings have their new times."""
    wednesday, thursday = dt.date(2018, 10, 17), dt.date(2018, 10, 18)
    moved = []
    for part in published:
        if part.activity == "3":
            part = _moved(part, thursday, "AM", 10)
        elif part.activity == "4":
            part = _moved(part, wednesday, "PM", 15)
        elif part.activity == "wg-ic-10":
            part = _moved(part, wednesday, part.period, part.start.hour)
        moved.append(part)
    before = {str(e["UID"]): e for e in _events(session_calendar(cop9, published, "en"))}
    after = {str(e["UID"]): e for e in _events(session_calendar(cop9, Timetable.of(moved), "en"))}
    assert before.keys() == after.keys()
    sixth = "ctoc-cop-9.plenary.6@organization-of-work"
    assert "Item 3." in str(before[sixth]["DESCRIPTION"])
    assert "Item 4." in str(after[sixth]["DESCRIPTION"])
    group = "ctoc-cop-9.wg-ic.1@organization-of-work"
    vienna = ZoneInfo("Europe/Vienna")
    assert before[group].decoded("DTSTART") == dt.datetime(2018, 10, 16, 10, 0, tzinfo=vienna)
    assert after[group].decoded("DTSTART") == dt.datetime(2018, 10, 17, 10, 0, tzinfo=vienna)


def test_the_uid_names_the_session_by_symbol_and_number(cop9, published):
    assert session_key(cop9) == "ctoc-cop-9"
    data = cop9_data()
    data["session"]["number"] = 10
    tenth = make_session(data)
    meeting = published.meetings()[0]
    assert meeting_uid(tenth, meeting) != meeting_uid(cop9, meeting)
    del data["session"]["symbol"]
    assert session_key(make_session(data)).startswith("conference-of-the-parties-")


def test_with_a_time_zone_times_are_fixed_and_the_zone_is_defined(cop9, published, tmp_path):
    path = tmp_path / "vienna.ics"
    write_ics(path, cop9, published, "en", timezone="Europe/Vienna", stamp=STAMP)
    calendar = _read(path)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Vienna"]
    start = _events(calendar)[0].decoded("DTSTART")
    assert start.utcoffset() == dt.timedelta(hours=2)  # Vienna in October: CEST
    assert start.astimezone(dt.UTC).hour == 8


def test_an_unknown_time_zone_is_refused(cop9, published, tmp_path):
    with pytest.raises(InputError, match="not a time zone"):
        write_ics(tmp_path / "x.ics", cop9, published, "en", timezone="Mars/Olympus")
    assert not (tmp_path / "x.ics").exists()


def test_an_empty_timetable_is_a_valid_calendar_without_events(cop9, tmp_path):
    path = tmp_path / "empty.ics"
    write_ics(path, cop9, Timetable(), "fr", timezone="Europe/Vienna")
    calendar = _read(path)
    assert _events(calendar) == []
    assert str(calendar["VERSION"]) == "2.0"


def test_an_unwritable_path_is_an_input_error(cop9, published, tmp_path):
    with pytest.raises(InputError, match="cannot be written"):
        write_ics(tmp_path / "missing" / "x.ics", cop9, published, "fr")


# --- the venue's time zone, always carried -------------------------------------------------


@pytest.mark.parametrize(
    ("venue", "zone"),
    [
        ("Vienne / Vienna", "Europe/Vienna"),
        ("Palais des Nations, Genève", "Europe/Zurich"),
        ("United Nations Headquarters, New York", "America/New_York"),
        ("Gigiri, Nairobi", "Africa/Nairobi"),
        ("World Conference Center Bonn", "Europe/Berlin"),
    ],
)
def test_a_known_venue_gives_the_calendar_its_zone(cop9, published, venue, zone):
    data = cop9_data()
    data["session"]["venue"] = venue
    calendar = session_calendar(make_session(data), published, "en", stamp=STAMP)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == [zone]
    assert str(calendar["X-WR-TIMEZONE"]) == zone
    assert {e["DTSTART"].params["TZID"] for e in _events(calendar)} == {zone}


def test_the_session_file_names_the_zone_and_the_option_overrides_it(published):
    data = cop9_data()
    data["session"]["time_zone"] = "Europe/Zurich"
    session = make_session(data)
    calendar = session_calendar(session, published, "en", stamp=STAMP)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Zurich"]
    calendar = session_calendar(session, published, "en", timezone="Asia/Tokyo", stamp=STAMP)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Tokyo"]


def test_an_unknown_venue_without_a_zone_floats_with_a_warning(cop9, published):
    data = cop9_data()
    data["session"]["venue"] = "Kyoto"
    session = make_session(data)
    calendar = session_calendar(session, published, "en", stamp=STAMP)
    assert not list(calendar.walk("VTIMEZONE"))
    first = _events(calendar)[0].decoded("DTSTART")
    assert first.tzinfo is None  # floating, as before
    warning = time_zone_warning(session)
    assert warning is not None and "Kyoto" in warning and "time_zone" in warning
    assert time_zone_warning(cop9) is None
    assert time_zone_warning(session, "Asia/Tokyo") is None


def test_a_bad_time_zone_in_the_session_file_is_refused():
    data = cop9_data()
    data["session"]["time_zone"] = "Mars/Olympus"
    with pytest.raises(InputError, match="not a time zone"):
        make_session(data)


def test_room_names_per_language_in_the_location(published):
    data = cop9_data()
    for room in data["rooms"]:
        room["name"] = {"en": f"{room['id']} (en)", "fr": f"{room['id']} (fr)"}
    session = make_session(data)
    for lang in ("fr", "en"):
        calendar = session_calendar(session, published, lang, stamp=STAMP)
        assert {str(e["LOCATION"]).split(" ")[-1] for e in _events(calendar)} == {f"({lang})"}


def test_chinese_event_names_set_a_latin_body_name_apart(cop9, published):
    """COP9 has no Chinese body names: "Working Group on International Cooperation第1次会议"
    once ran on; the plenary's own Chinese name runs on as Chinese writes it."""
    summaries = {str(e["SUMMARY"]) for e in _events(session_calendar(cop9, published, "zh"))}
    assert "Working Group on International Cooperation 第1次会议" in summaries
    assert "第1次全体会议" in summaries
