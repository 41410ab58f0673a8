"""in-parallel, sequence, max-days and remote-capacity, checked on the clock by the validator.

The tiny session's timetable `BASE` (tests/validation/layout.py): Monday AM items 1 and 2,
Monday PM items 2 and 3, Tuesday AM the working group's wg-1, Tuesday PM item 4.
"""

from __future__ import annotations

from typing import Any

import pytest

from scheduler.messages import LANGUAGES
from scheduler.session import Session
from scheduler.timetable import Timetable
from scheduler.validation import validate
from tests.conftest import make_session, tiny_data
from tests.validation.cases import BREAKS_ONLY
from tests.validation.layout import row, tiny_session, tiny_timetable

RELATIONS = ("in-parallel", "sequence", "max-days", "remote-capacity")


def _texts(rule: str, session: Session, timetable: Timetable) -> list[str]:
    return [f.text("en") for f in validate(session, timetable).findings_of(rule)]


def _round_table(start: str = "14:00", end: str = "17:00", **changes: Any) -> Session:
    """The tiny session with a working-group period RT next to the plenary's PM (15-18);
    `changes` as for `tiny_session` (entry id -> fields, or a section's fields)."""
    data = tiny_data()
    data["session"]["periods"].insert(1, {"id": "RT", "start": start, "end": end, "bodies": ["wg"]})
    for section, fields in changes.items():
        if isinstance(data[section], list):
            for entry_id, values in fields.items():
                next(e for e in data[section] if str(e["id"]) == entry_id).update(values)
        else:
            data[section].update(fields)
    return make_session(data)


def _with_heading(**wg: Any) -> Session:
    """Items 3 and 4 under a heading H; wg-1's fields changed."""
    data = tiny_data()
    data["items"].insert(2, {"id": "H", "title": "Heading"})
    for entry in data["items"]:
        if entry["id"] in ("3", "4"):
            entry["parent"] = "H"
    data["meetings"][0].update(wg)
    return make_session(data)


def _briefing(**fields: Any) -> Session:
    """A 60-minute working-group item `w`, with `fields`."""
    data = tiny_data()
    data["items"].append({"id": "w", "title": "Briefing", "body": "wg", "minutes": 60, **fields})
    return make_session(data)


@pytest.mark.parametrize("rule", RELATIONS)
def test_each_finding_reads_in_six_languages(rule: str) -> None:
    (finding,) = validate(*BREAKS_ONLY[rule]()).findings
    for lang in LANGUAGES:
        text = finding.text(lang)
        assert text and "{" not in text, (lang, text)


class TestInParallel:
    def test_held_in_the_slot_of_its_target(self) -> None:
        session = tiny_session(meetings={"wg-1": {"in_parallel_with": ["4"]}})
        timetable = tiny_timetable(row("4", "Tue AM", "12:00-13:00"))
        assert validate(session, timetable).holds("in-parallel")

    def test_a_meeting_without_its_target_is_refused(self) -> None:
        assert _texts("in-parallel", *BREAKS_ONLY["in-parallel"]()) == [
            "Working group (wg-1) meets in Tue 5 Mar AM while item 3 does not"
        ]

    def test_a_body_entry_means_any_of_its_meetings(self) -> None:
        session = tiny_session(meetings={"wg-1": {"in_parallel_with": ["plenary"]}})
        assert not validate(session, tiny_timetable()).holds("in-parallel")
        timetable = tiny_timetable(row("4", "Tue AM", "12:00-13:00"))
        assert validate(session, timetable).holds("in-parallel")

    def test_a_heading_entry_means_any_of_its_sub_items(self) -> None:
        session = _with_heading(in_parallel_with=["H"])
        assert _texts("in-parallel", session, tiny_timetable()) == [
            "Working group (wg-1) meets in Tue 5 Mar AM while item H does not"
        ]
        timetable = tiny_timetable(row("4", "Tue AM", "12:00-13:00"))
        assert validate(session, timetable).holds("in-parallel")

    def test_overlapping_periods_are_parallel(self) -> None:
        session = _round_table(meetings={"wg-1": {"in_parallel_with": ["4"]}})
        moved = row("wg-1", "Tue RT", "14:00-17:00")  # item 4: Tuesday PM 15:00-16:00
        assert validate(session, tiny_timetable(moved)).holds("in-parallel")
        session = _round_table("12:00", "15:00", meetings={"wg-1": {"in_parallel_with": ["4"]}})
        moved = row("wg-1", "Tue RT", "12:00-15:00")  # ends as the plenary's PM starts
        assert not validate(session, tiny_timetable(moved)).holds("in-parallel")


class TestSequence:
    def test_after_the_end_holds(self) -> None:
        session = tiny_session(meetings={"wg-1": {"after_end_of": ["3"]}})
        assert validate(session, tiny_timetable()).holds("sequence")

    def test_before_the_end_is_refused(self) -> None:
        assert _texts("sequence", *BREAKS_ONLY["sequence"]()) == [
            "Working group (wg-1) starts Tue 5 Mar 10:00, before item 4 ends (Tue 5 Mar 16:00)"
        ]

    def test_inside_one_period_across_bodies(self) -> None:
        session = _briefing(after_end_of=["1"])
        after = row("w", "Mon AM", "11:00-12:00", body="wg")
        assert validate(session, tiny_timetable(after)).holds("sequence")
        during = row("w", "Mon AM", "10:30-11:30", body="wg")
        assert _texts("sequence", session, tiny_timetable(during)) == [
            "item w starts Mon 4 Mar 10:30, before item 1 ends (Mon 4 Mar 11:00)"
        ]

    def test_after_the_start(self) -> None:
        session = tiny_session(meetings={"wg-1": {"after_start_of": ["2"]}})
        assert validate(session, tiny_timetable()).holds("sequence")
        session = tiny_session(meetings={"wg-1": {"after_start_of": ["4"]}})
        assert _texts("sequence", session, tiny_timetable()) == [
            "Working group (wg-1) starts Tue 5 Mar 10:00, before item 4 starts (Tue 5 Mar 15:00)"
        ]

    def test_a_heading_ends_with_its_last_sub_item_and_starts_with_its_first(self) -> None:
        assert not validate(_with_heading(after_end_of=["H"]), tiny_timetable()).holds("sequence")
        session = _with_heading(after_start_of=["H"])  # item 3 starts Monday 17:00
        assert validate(session, tiny_timetable()).holds("sequence")

    def test_a_body_entry_means_all_its_meetings(self) -> None:
        session = _briefing(after_end_of=["plenary"])
        late = row("w", "Tue PM", "16:00-17:00", body="wg")
        assert validate(session, tiny_timetable(late)).holds("sequence")
        early = row("w", "Tue PM", "15:30-16:30", body="wg")
        assert not validate(session, tiny_timetable(early)).holds("sequence")


class TestMaxDays:
    def test_within_the_maximum(self) -> None:
        session = tiny_session(bodies={"plenary": {"max_days": 2}})
        assert validate(session, tiny_timetable()).holds("max-days")

    def test_more_days_are_refused(self) -> None:
        assert _texts("max-days", *BREAKS_ONLY["max-days"]()) == [
            "Plenary (plenary) meets on 2 days (Mon 4 Mar, Tue 5 Mar), more than its 1"
        ]

    def test_a_joint_meeting_counts_for_each_of_its_bodies(self) -> None:
        data = tiny_data()
        data["bodies"][1].update(rooms=["small", "hall"], max_days=1)
        data["meetings"].append(
            {"id": "j", "body": ["plenary", "wg"], "title": "Joint meeting", "meetings": 1}
        )
        session = make_session(data)
        joint = row("j", "Mon AM", "10:00-13:00", body="plenary+wg", room="hall")
        assert _texts("max-days", session, tiny_timetable(joint)) == [
            "Working group (wg) meets on 2 days (Mon 4 Mar, Tue 5 Mar), more than its 1"
        ]


class TestRemoteCapacity:
    def test_hybrid_meetings_apart_hold(self) -> None:
        session, _ = BREAKS_ONLY["remote-capacity"]()
        assert validate(session, tiny_timetable()).holds("remote-capacity")

    def test_too_many_at_once_are_refused(self) -> None:
        assert _texts("remote-capacity", *BREAKS_ONLY["remote-capacity"]()) == [
            "2 hybrid or remote interpreted meetings at once at Tue 5 Mar 10:00 "
            "(wg Tue 5 Mar AM, plenary Tue 5 Mar AM), but remote interpretation for only 1"
        ]

    def test_in_person_and_uninterpreted_meetings_do_not_count(self) -> None:
        timetable = tiny_timetable(row("4", "Tue AM", "12:00-13:00"))
        hybrid = {"remote_teams": 1}
        session = tiny_session(interpretation=hybrid, bodies={"wg": {"mode": "hybrid"}})
        assert validate(session, timetable).holds("remote-capacity")
        both = {"mode": "hybrid", "interpreted": False}
        session = tiny_session(
            interpretation=hybrid, bodies={"wg": both, "plenary": {"mode": "remote"}}
        )
        assert validate(session, timetable).holds("remote-capacity")

    def test_a_joint_meeting_is_hybrid_when_one_of_its_bodies_is(self) -> None:
        data = tiny_data()
        data["interpretation"]["remote_teams"] = 0
        data["bodies"][1].update(rooms=["small", "hall"], mode="hybrid", interpreted=False)
        data["meetings"].append(
            {"id": "j", "body": ["plenary", "wg"], "title": "Joint meeting", "meetings": 1}
        )
        joint = row("j", "Mon AM", "10:00-13:00", body="plenary+wg", room="hall")
        assert _texts("remote-capacity", make_session(data), tiny_timetable(joint)) == [
            "1 hybrid or remote interpreted meetings at once at Mon 4 Mar 10:00 "
            "(plenary+wg Mon 4 Mar AM), but remote interpretation for only 0"
        ]

    def test_overlapping_periods_run_at_once(self) -> None:
        timetable = tiny_timetable(row("wg-1", "Tue RT", "14:00-17:00"))  # item 4: PM 15-16
        hybrid = {"plenary": {"mode": "hybrid"}, "wg": {"mode": "hybrid"}}
        session = _round_table(interpretation={"remote_teams": 1}, bodies=hybrid)
        (found,) = _texts("remote-capacity", session, timetable)
        assert found.startswith(
            "2 hybrid or remote interpreted meetings at once at Tue 5 Mar 15:00"
        )
        session = _round_table(interpretation={"remote_teams": 2}, bodies=hybrid)
        assert validate(session, timetable).holds("remote-capacity")
