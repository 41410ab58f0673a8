"""The calendar of real sessions: per-day periods, periods for some bodies, joint meetings.

Every time rule holds on clock overlap of the meetings' periods (a meeting occupies its whole
period), a period is looked up by its date and id, and a joint meeting is one meeting that
keeps each of its bodies busy. `calendar()` is a valid timetable of `CALENDAR`:

    Mon 4 Mar  AM 10-13     plenary (hall): 1 10:00-11:00, 2 (1/2) 11:00-13:00
               LUNCH 13:30-15:00 (side events only)  side (side): side-1
               RT 14-17 (round table only)           rt (small): rt-1
               PM 15-18     plenary (hall): 2 (2/2) 15:00-17:00, 3 17:00-17:30
    Tue 5 Mar  (its own periods) AM 10-12  plenary (hall): 4 10:00-11:00; wg-a (small): wg-a-1
                                 PM 15-17  wg-a+wg-b (small): joint-1
    Wed 6 Mar  AM 10-13     wg-a (small): wg-a-2
               RT 14-17     rt (small): rt-2
               PM 15-18     wg-b (annex): wg-b-1
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from scheduler.messages import LANGUAGES, has
from scheduler.result import SolveStatus
from scheduler.session import Session
from scheduler.timetable import Assignment, Timetable
from scheduler.validation import validate
from tests.conftest import make_session
from tests.validation.layout import row

CALENDAR: dict[str, Any] = {
    "session": {
        "body": {"en": "Special session"},
        "number": 1,
        "venue": "New York",
        "days": ["2030-03-04", "2030-03-05", "2030-03-06"],
        "pre_session_days": ["2030-03-01"],
        "periods": [
            {"id": "AM", "start": "10:00", "end": "13:00"},
            {"id": "LUNCH", "start": "13:30", "end": "15:00", "bodies": ["side"]},
            {"id": "RT", "start": "14:00", "end": "17:00", "bodies": ["rt"]},
            {"id": "PM", "start": "15:00", "end": "18:00"},
        ],
        "day_periods": [
            {
                "dates": ["2030-03-05"],
                "periods": [
                    {"id": "AM", "start": "10:00", "end": "12:00"},
                    {"id": "PM", "start": "15:00", "end": "17:00"},
                ],
            }
        ],
    },
    "interpretation": {"budget": 9, "teams": 2},
    "rooms": [
        {"id": "hall", "interpretation": True},
        {"id": "small", "interpretation": True},
        {"id": "annex", "interpretation": True},
        {"id": "side", "interpretation": False},
    ],
    "bodies": [
        {"id": "plenary", "name": {"en": "Plenary"}, "rooms": ["hall"], "interpreted": True},
        {
            "id": "rt",
            "name": {"en": "Round table"},
            "rooms": ["small", "hall", "annex"],
            "interpreted": True,
        },
        {"id": "side", "name": {"en": "Side events"}, "rooms": ["side"], "interpreted": False},
        {"id": "wg-a", "name": {"en": "Group A"}, "rooms": ["small", "hall"], "interpreted": True},
        {"id": "wg-b", "name": {"en": "Group B"}, "rooms": ["small", "annex"], "interpreted": True},
    ],
    "items": [
        {"id": "1", "title": "Opening", "minutes": 60, "fixed_start": "2030-03-04T10:00"},
        {"id": "2", "title": "Debate", "minutes": 240},
        {"id": "3", "title": "Other matters", "minutes": 30},
        {"id": "4", "title": "Report", "minutes": 60},
    ],
    "meetings": [
        {"id": "side-1", "body": "side", "title": "Side event", "meetings": 1},
        {"id": "rt-1", "body": "rt", "title": "Round table 1", "meetings": 1},
        {"id": "wg-a-1", "body": "wg-a", "title": "Group A opens", "meetings": 1},
        {"id": "joint-1", "body": ["wg-a", "wg-b"], "title": "Joint meeting", "meetings": 1},
        {"id": "wg-a-2", "body": "wg-a", "title": "Group A closes", "meetings": 1},
        {"id": "rt-2", "body": "rt", "title": "Round table 2", "meetings": 1},
        {"id": "wg-b-1", "body": "wg-b", "title": "Group B closes", "meetings": 1},
    ],
}

JOINT = "wg-a+wg-b"
BODY = {"side": "side", "rt": "rt", "wg-a": "wg-a", "joint": JOINT, "wg-b": "wg-b"}
ROOM = {"plenary": "hall", "side": "side", "rt": "small", "wg-a": "small", JOINT: "small"}


def at(activity: str, when: str, hours: str, **kwargs: Any) -> Assignment:
    """`at("rt-1", "2030-03-04 RT", "14:00-17:00")`: a row of `CALENDAR` (body and room from
    the activity's id unless given)."""
    body = kwargs.pop("body", next((b for k, b in BODY.items() if activity.startswith(k)), None))
    body = body or "plenary"
    room = kwargs.pop("room", ROOM.get(body, "annex"))
    return row(activity, when, hours, body=body, room=room, **kwargs)


MON, TUE, WED = "2030-03-04", "2030-03-05", "2030-03-06"
BASE: tuple[Assignment, ...] = (
    at("1", f"{MON} AM", "10:00-11:00"),
    at("2", f"{MON} AM", "11:00-13:00", part="1/2"),
    at("side-1", f"{MON} LUNCH", "13:30-15:00"),
    at("rt-1", f"{MON} RT", "14:00-17:00"),
    at("2", f"{MON} PM", "15:00-17:00", part="2/2"),
    at("3", f"{MON} PM", "17:00-17:30"),
    at("4", f"{TUE} AM", "10:00-11:00"),
    at("wg-a-1", f"{TUE} AM", "10:00-12:00"),
    at("joint-1", f"{TUE} PM", "15:00-17:00"),
    at("wg-a-2", f"{WED} AM", "10:00-13:00"),
    at("rt-2", f"{WED} RT", "14:00-17:00"),
    at("wg-b-1", f"{WED} PM", "15:00-18:00"),
)


def calendar(**sections: Any) -> Session:
    """`CALENDAR` with some sections' keys replaced, e.g. `calendar(interpretation={...})`;
    a list section is given as a function that edits it."""
    data = copy.deepcopy(CALENDAR)
    for name, change in sections.items():
        if callable(change):
            change(data[name])
        else:
            data[name].update(change)
    return make_session(data)


def timetable(*changes: Assignment, drop: tuple[str, ...] = ()) -> Timetable:
    """`BASE` with every activity named in `changes` laid out as given, and `drop` removed."""
    replaced = {c.activity for c in changes} | set(drop)
    return Timetable.of([*(r for r in BASE if r.activity not in replaced), *changes])


def _entry(section: list[dict[str, Any]], entry_id: str, **fields: Any) -> None:
    next(e for e in section if e["id"] == entry_id).update(fields)


def test_the_calendar_timetable_is_valid() -> None:
    report = validate(calendar(), timetable())
    assert report.ok, [str(f) for f in report.findings]


# --- within-periods: a day's own periods, periods for some bodies -----------------------------


def test_within_periods_holds_for_a_part_inside_its_days_own_period() -> None:
    """Tuesday's PM is 15:00-17:00: the joint meeting fills it exactly."""
    assert validate(calendar(), timetable()).holds("within-periods")


def test_within_periods_refuses_a_part_outside_its_days_own_period() -> None:
    """Tuesday's PM ends at 17:00, though the daily PM ends at 18:00: the period is looked up
    by date, not by id alone."""
    report = validate(calendar(), timetable(at("4", f"{TUE} PM", "16:30-17:30")))
    assert report.broken_rules() == ["within-periods"]
    (found,) = report.findings
    assert found.text("en") == (
        "item 4 runs 16:30–17:30 in plenary Tue 5 Mar PM, outside the period 15:00–17:00"
    )


def test_within_periods_refuses_a_period_the_day_does_not_have() -> None:
    """RT is a period of Monday and Wednesday; Tuesday has its own periods, without it."""
    report = validate(calendar(), timetable(at("rt-1", f"{TUE} RT", "14:00-17:00")))
    assert report.broken_rules() == ["within-periods"]
    (found,) = report.findings
    assert found.text("en") == (
        "rt Tue 5 Mar RT names period 'RT', which Tue 5 Mar does not have (its periods: AM, PM)"
    )
    assert found.activities == ("rt-1",)


def test_within_periods_refuses_a_body_in_a_period_for_other_bodies() -> None:
    """The lunch period is for side events only; the plenary may not meet in it."""
    report = validate(calendar(), timetable(at("4", f"{WED} LUNCH", "13:30-14:30")))
    assert report.broken_rules() == ["within-periods"]
    (found,) = report.findings
    assert found.text("en") == (
        "plenary Wed 6 Mar LUNCH is in the period 13:30–15:00, which is open only to "
        "Side events (side)"
    )
    assert found.text("fr") == (
        "plenary mer. 6 mars LUNCH se tient pendant la période 13:30-15:00, réservée à "
        "Side events (side)"
    )
    assert found.activities == ("4",)


def test_within_periods_refuses_a_joint_meeting_in_a_period_for_one_of_its_bodies() -> None:
    """Tuesday afternoon open to group A only is closed to its joint meeting with group B."""
    report = validate(_tuesday_afternoon_for("wg-a"), timetable())
    assert report.broken_rules() == ["within-periods"]
    (found,) = report.findings
    assert found.text("en") == (
        "wg-a+wg-b Tue 5 Mar PM is in the period 15:00–17:00, which is open only to Group A (wg-a)"
    )


def test_within_periods_holds_for_a_joint_meeting_in_a_period_for_all_its_bodies() -> None:
    assert validate(_tuesday_afternoon_for("wg-a", "wg-b"), timetable()).ok


def _tuesday_afternoon_for(*bodies: str) -> Session:
    def edit(info: dict[str, Any]) -> None:
        info["day_periods"][0]["periods"][1]["bodies"] = list(bodies)

    return calendar(session=edit)


def test_a_pre_session_day_named_by_dates_holds_and_unnamed_is_refused() -> None:
    pre = "2030-03-01 AM"

    def over_two_days(meetings: list[dict[str, Any]]) -> None:
        _entry(meetings, "wg-a-1", dates=["2030-03-01", TUE])

    moved = timetable(at("wg-a-1", pre, "10:00-13:00"))
    assert validate(calendar(meetings=over_two_days), moved).ok
    report = validate(calendar(), moved)
    assert report.broken_rules() == ["within-periods"]
    assert report.findings[0].text("en") == (
        "Group A opens (wg-a-1) is held on the pre-session day Fri 1 Mar, but is not fixed to it"
    )


# --- body-one-at-a-time: a body sits once at a time, its joint meetings included ---------------


def test_body_one_at_a_time_holds_for_two_bodies_in_overlapping_periods() -> None:
    """Round table 14:00-17:00 beside the plenary 15:00-18:00: two bodies, two rooms."""
    assert validate(calendar(), timetable()).holds("body-one-at-a-time")


def test_body_one_at_a_time_refuses_a_body_in_two_overlapping_periods() -> None:
    """The round table in its own period and in the afternoon: its parts need not overlap,
    its meetings do (a meeting occupies its whole period)."""
    session = calendar(interpretation={"teams": 3}, bodies=_free_order("rt"))
    report = validate(session, timetable(at("rt-2", f"{MON} PM", "15:00-18:00", room="annex")))
    assert report.broken_rules() == ["body-one-at-a-time"]
    (found,) = report.findings
    assert found.text("en") == (
        "Round table (rt) meets twice at once: rt Mon 4 Mar RT (14:00–17:00) overlaps "
        "rt Mon 4 Mar PM (15:00–18:00)"
    )
    assert found.meetings == ("rt Mon 4 Mar RT", "rt Mon 4 Mar PM")


def test_body_one_at_a_time_refuses_a_member_body_meeting_beside_its_joint_meeting() -> None:
    """Group B is busy while the joint meeting sits: it cannot meet alone then."""
    report = validate(
        calendar(bodies=_free_order("wg-b")), timetable(at("wg-b-1", f"{TUE} PM", "15:00-17:00"))
    )
    assert report.broken_rules() == ["body-one-at-a-time"]
    (found,) = report.findings
    assert found.text("en") == (
        "Group B (wg-b) meets twice at once: wg-a+wg-b Tue 5 Mar PM (15:00–17:00) overlaps "
        "wg-b Tue 5 Mar PM (15:00–17:00)"
    )
    assert set(found.activities) == {"joint-1", "wg-b-1"}


def test_body_one_at_a_time_holds_for_a_member_body_before_its_joint_meeting() -> None:
    moved = timetable(at("wg-b-1", f"{TUE} AM", "10:00-12:00"))
    report = validate(calendar(interpretation={"teams": 3}, bodies=_free_order("wg-b")), moved)
    assert report.ok, [str(f) for f in report.findings]


def _free_order(body: str) -> Any:
    def edit(bodies: list[dict[str, Any]]) -> None:
        _entry(bodies, body, order="free")

    return edit


# --- room-one-meeting --------------------------------------------------------------------------


def test_room_one_meeting_refuses_overlapping_periods_in_one_room() -> None:
    """The round table in the hall from 14:00, the plenary there from 15:00."""
    report = validate(calendar(), timetable(at("rt-1", f"{MON} RT", "14:00-17:00", room="hall")))
    assert report.broken_rules() == ["room-one-meeting"]
    (found,) = report.findings
    assert found.text("en") == (
        "room hall holds 2 meetings in Mon 4 Mar 15:00–17:00: rt Mon 4 Mar RT, plenary Mon 4 Mar PM"
    )
    assert set(found.activities) == {"rt-1", "2", "3"}


def test_room_one_meeting_holds_back_to_back_and_for_a_joint_meeting() -> None:
    """The lunch event ends at 15:00 when the afternoon starts in its room (and the joint
    meeting of the base timetable is one meeting in one room)."""

    def side_in_the_hall(bodies: list[dict[str, Any]]) -> None:
        _entry(bodies, "side", rooms=["side", "hall"])

    report = validate(
        calendar(bodies=side_in_the_hall),
        timetable(at("side-1", f"{MON} LUNCH", "13:30-15:00", room="hall")),
    )
    assert report.ok, [str(f) for f in report.findings]


# --- interpretation-teams, interpretation-budget, parallel-cap ---------------------------------


def test_interpretation_teams_refuses_overlapping_interpreted_meetings() -> None:
    report = validate(calendar(interpretation={"teams": 1}), timetable())
    assert report.broken_rules() == ["interpretation-teams"]
    texts = [f.text("en") for f in report.findings]
    assert texts[0] == (
        "2 interpreted meetings at once in Mon 4 Mar 15:00–17:00 (rt Mon 4 Mar RT, plenary "
        "Mon 4 Mar PM), but only 1 interpreter team"
    )
    assert texts[1].startswith("2 interpreted meetings at once in Tue 5 Mar AM (")
    # the joint meeting (Tue PM) and the lone round table (Wed RT) need one team each
    assert len(texts) == 3
    assert texts[2].startswith("2 interpreted meetings at once in Wed 6 Mar 15:00–17:00")


def test_interpretation_teams_holds_when_periods_only_touch() -> None:
    """Monday with the side events interpreted and the round table not: lunch 13:30-15:00,
    then the afternoon from 15:00, one team is enough for Monday."""

    def interpreted(bodies: list[dict[str, Any]]) -> None:
        _entry(bodies, "side", interpreted=True, rooms=["hall"])
        _entry(bodies, "rt", interpreted=False)

    session = calendar(bodies=interpreted, interpretation={"teams": 1})
    moved = timetable(at("side-1", f"{MON} LUNCH", "13:30-15:00", room="hall"))
    report = validate(session, moved)
    assert report.broken_rules() == ["interpretation-teams"]  # on Tuesday morning only
    assert [f.meetings for f in report.findings] == [("plenary Tue 5 Mar AM", "wg-a Tue 5 Mar AM")]


def test_a_joint_meeting_is_one_interpreted_meeting() -> None:
    """Nine interpreted meetings, the joint one counted once."""
    assert validate(calendar(interpretation={"budget": 9}), timetable()).ok
    report = validate(calendar(interpretation={"budget": 8}), timetable())
    assert report.broken_rules() == ["interpretation-budget"]


def test_parallel_cap_refuses_overlapping_meetings_and_holds_for_touching_ones() -> None:
    report = validate(calendar(interpretation={"parallel_cap": 1}), timetable())
    assert report.broken_rules() == ["parallel-cap"]
    texts = [f.text("en") for f in report.findings]
    assert texts[0] == (
        "2 meetings at once in Mon 4 Mar 14:00–15:00 (side Mon 4 Mar LUNCH, rt Mon 4 Mar RT), "
        "over the cap of 1"
    )
    assert texts[1] == (
        "2 meetings at once in Mon 4 Mar 15:00–17:00 (rt Mon 4 Mar RT, plenary Mon 4 Mar PM), "
        "over the cap of 1"
    )
    assert validate(calendar(interpretation={"parallel_cap": 2}), timetable()).ok


# --- not-in-parallel ---------------------------------------------------------------------------


def _kept_from(activity: str, *others: str) -> Any:
    def edit(meetings: list[dict[str, Any]]) -> None:
        _entry(meetings, activity, not_in_parallel_with=list(others))

    return edit


def test_not_in_parallel_refuses_parts_in_overlapping_periods() -> None:
    """Item 3 is taken 17:00-17:30, after the round table's last minute; but the round
    table's meeting (14:00-17:00) overlaps the plenary's afternoon (15:00-18:00)."""
    report = validate(calendar(meetings=_kept_from("rt-1", "3")), timetable())
    assert report.broken_rules() == ["not-in-parallel"]
    (found,) = report.findings
    assert found.text("en") == (
        "item 3 (Mon 4 Mar 15:00–17:00) runs in parallel with Round table 1 (rt-1)"
    )
    assert found.meetings == ("plenary Mon 4 Mar PM", "rt Mon 4 Mar RT")


def test_not_in_parallel_holds_for_touching_periods() -> None:
    """The lunch-time side event ends at 15:00, when the afternoon begins."""
    assert validate(calendar(meetings=_kept_from("side-1", "2")), timetable()).ok


def test_not_in_parallel_with_a_body_includes_its_joint_meetings() -> None:
    """Kept apart from group B, the plenary's item 4 may not meet while the joint meeting
    does (group B is busy there)."""

    def kept(items: list[dict[str, Any]]) -> None:
        _entry(items, "4", not_in_parallel_with=["wg-b"])

    session = calendar(items=kept)
    assert validate(session, timetable()).ok
    report = validate(session, timetable(at("4", f"{TUE} PM", "15:00-16:00")))
    assert report.broken_rules() == ["not-in-parallel"]
    assert report.findings[0].activities == ("joint-1", "4")


# --- agenda-order, max-meetings-per-day: a body's whole agenda -------------------------------


def test_agenda_order_holds_on_each_member_bodys_whole_agenda() -> None:
    """Group A: wg-a-1, then the joint meeting, then wg-a-2; group B: the joint meeting, then
    wg-b-1."""
    assert validate(calendar(), timetable()).holds("agenda-order")


def test_agenda_order_refuses_a_joint_meeting_out_of_a_members_order() -> None:
    """The joint meeting moved after both groups' own last meetings."""
    moved = timetable(
        at("wg-b-1", f"{TUE} AM", "10:00-12:00", room="annex"),
        at("joint-1", f"{WED} PM", "15:00-18:00"),
        at("rt-2", f"{WED} RT", "14:00-17:00", room="hall"),
    )
    report = validate(calendar(interpretation={"teams": 3}), moved)
    assert report.broken_rules() == ["agenda-order"]
    texts = [f.text("en") for f in report.findings]
    assert len(texts) == 2  # group A: joint after wg-a-2; group B: joint after wg-b-1
    assert {f.activities for f in report.findings} == {("joint-1", "wg-a-2"), ("joint-1", "wg-b-1")}


def test_max_meetings_per_day_counts_a_bodys_joint_meetings() -> None:
    """Tuesday: group A alone in the morning, with group B in the afternoon."""

    def once_a_day(bodies: list[dict[str, Any]]) -> None:
        _entry(bodies, "wg-a", max_meetings_per_day=1)

    report = validate(calendar(bodies=once_a_day), timetable())
    assert report.broken_rules() == ["max-meetings-per-day"]
    (found,) = report.findings
    assert found.meetings == ("wg-a Tue 5 Mar AM", "wg-a+wg-b Tue 5 Mar PM")
    assert "Group A (wg-a)" in found.text("en")

    def twice_a_day(bodies: list[dict[str, Any]]) -> None:
        _entry(bodies, "wg-a", max_meetings_per_day=2)

    assert validate(calendar(bodies=twice_a_day), timetable()).ok


# --- full-duration, body-rooms: a joint meeting is held by its joint host ---------------------


def test_a_joint_meeting_is_held_by_its_bodies_together_in_a_room_they_share() -> None:
    """Its rows name the host `wg-a+wg-b`; the hall is group A's, not group B's."""
    report = validate(calendar(), timetable(at("joint-1", f"{TUE} PM", "15:00-17:00", body="wg-a")))
    assert report.broken_rules() == ["full-duration"]
    report = validate(calendar(), timetable(at("joint-1", f"{TUE} PM", "15:00-17:00", room="hall")))
    assert report.broken_rules() == ["body-rooms"]
    assert report.findings[0].text("en") == (
        "wg-a+wg-b Tue 5 Mar PM is held in room hall, not one of its body's rooms (small)"
    )


# --- the new findings in the six languages ----------------------------------------------------


def _new_findings() -> list[Any]:
    """One finding of each kind the new calendar brings (keys and times that share no slot)."""
    return [
        *validate(calendar(), timetable(at("rt-1", f"{TUE} RT", "14:00-17:00"))).findings,
        *validate(_tuesday_afternoon_for("wg-a"), timetable()).findings,
        *validate(
            calendar(interpretation={"teams": 3}, bodies=_free_order("rt")),
            timetable(at("rt-2", f"{MON} PM", "15:00-18:00", room="annex")),
        ).findings,
        *validate(calendar(interpretation={"parallel_cap": 1}), timetable()).findings[:1],
    ]


def test_the_new_findings_are_worded_in_the_six_languages() -> None:
    findings = _new_findings()
    assert {f.message.key for f in findings} == {
        "within-periods.not-a-period-of-day",
        "within-periods.closed-to-body",
        "body-one-at-a-time.meetings-overlap",
        "parallel-cap.over-cap",
    }
    for finding in findings:
        for lang in LANGUAGES:
            assert has(finding.message.key, lang), (finding.message.key, lang)
            text = finding.text(lang)
            assert "{" not in text, text
            assert lang == "en" or text != finding.text("en"), (lang, text)
    (cap,) = [f for f in findings if f.rule == "parallel-cap"]
    assert cap.text("fr") == (
        "2 séances simultanées en lun. 4 mars 14:00-15:00 (side lun. 4 mars LUNCH, "
        "rt lun. 4 mars RT), au-delà du plafond de 1"
    )


# --- the model's timetables pass (the two implementations agree) ------------------------------

VARIANTS: dict[str, dict[str, Any]] = {
    "as-is": {},
    "two-at-once": {"interpretation": {"parallel_cap": 2, "budget": 20}},
    "group-a-once-a-day": {"bodies": lambda b: _entry(b, "wg-a", max_meetings_per_day=1)},
    "round-table-apart-from-the-plenary": {
        "meetings": lambda m: _entry(m, "rt-1", not_in_parallel_with=["plenary"])
    },
    "item-4-apart-from-group-b": {"items": lambda i: _entry(i, "4", not_in_parallel_with=["wg-b"])},
    "round-table-in-the-hall": {
        "bodies": lambda b: _entry(b, "rt", rooms=["hall"]),
        "interpretation": {"budget": 20},
    },
}


@pytest.mark.parametrize("variant", VARIANTS, ids=str)
def test_the_models_timetable_passes_the_validator(variant: str) -> None:
    from models import SessionModel  # the model is checked here, never imported by the checks

    session = calendar(**VARIANTS[variant])
    result = SessionModel(session).solve(workers=1, seed=7, time_limit=20)
    assert result.status is SolveStatus.OPTIMAL, result.status
    assert result.timetable is not None
    report = validate(session, result.timetable)
    assert report.ok, [str(f) for f in report.findings]
    assert report.costs == result.penalties
