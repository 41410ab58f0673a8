"""max-meetings-per-day: a body's meetings on one date, counted against its daily maximum."""

from __future__ import annotations

from scheduler.messages import LANGUAGES
from scheduler.validation import validate
from scheduler.validation.days import check_max_meetings_per_day
from tests.validation.layout import row, tiny_session, tiny_timetable


def test_meetings_within_the_daily_maximum_hold() -> None:
    session = tiny_session(bodies={"plenary": {"max_meetings_per_day": 2}})
    assert check_max_meetings_per_day(session, tiny_timetable()) == []


def test_a_body_without_a_maximum_may_meet_all_day() -> None:
    assert check_max_meetings_per_day(tiny_session(), tiny_timetable()) == []


def test_one_meeting_too_many_is_refused_naming_body_day_and_meetings() -> None:
    session = tiny_session(bodies={"plenary": {"max_meetings_per_day": 1}})
    (finding,) = check_max_meetings_per_day(session, tiny_timetable())
    assert finding.rule == "max-meetings-per-day"
    assert (
        finding.text("en")
        == "Plenary (plenary) holds 2 meetings on Mon 4 Mar, more than its 1 a day"
    )
    assert finding.meetings == ("plenary Mon 4 Mar AM", "plenary Mon 4 Mar PM")
    assert set(finding.activities) == {"1", "2", "3"}


def test_each_day_over_the_maximum_is_named_once() -> None:
    session = tiny_session(bodies={"plenary": {"max_meetings_per_day": 1}})
    timetable = tiny_timetable(row("3", "Tue AM", "10:00-10:30"))  # Tuesday AM and PM too
    found = validate(session, timetable).findings_of("max-meetings-per-day")
    assert [f.text("en").split(" on ")[1].split(",")[0] for f in found] == [
        "Mon 4 Mar",
        "Tue 5 Mar",
    ]


def test_the_finding_speaks_the_six_languages() -> None:
    session = tiny_session(bodies={"plenary": {"max_meetings_per_day": 1}})
    (finding,) = check_max_meetings_per_day(session, tiny_timetable())
    texts = {lang: finding.text(lang) for lang in LANGUAGES}
    assert len(set(texts.values())) == 6
    assert all("{" not in text for text in texts.values())
    assert texts["fr"].startswith("Séance plénière (plenary) tient 2 séances le lun. 4 mars")
