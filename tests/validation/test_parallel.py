"""not-in-parallel and parallel-cap: what may run at the same time."""

from __future__ import annotations

import pytest

from scheduler.session import Session
from scheduler.validation import validate
from tests.validation.layout import broken, row, tiny_session, tiny_timetable

#: Item 4 moved to Tuesday morning, in parallel with the working group (and still last).
PARALLEL = tiny_timetable(row("4", "Tue AM", "12:00-13:00"))


def test_not_in_parallel_holds_on_another_day() -> None:
    assert broken(tiny_session(), tiny_timetable()) == []


def test_not_in_parallel_refuses_the_working_group_beside_item_2() -> None:
    report = validate(tiny_session(), tiny_timetable(row("wg-1", "Mon PM", "15:00-18:00")))
    assert report.broken_rules() == ["not-in-parallel"]
    (found,) = report.findings
    assert found.text("en") == "item 2 (Mon 4 Mar PM) runs in parallel with Working group (wg-1)"
    assert found.text("fr") == (
        "point 2 (lun. 4 mars PM) se tient en même temps que Groupe de travail (wg-1)"
    )
    assert found.meetings == ("plenary Mon 4 Mar PM", "wg Mon 4 Mar PM")


def test_not_in_parallel_compares_slots_not_clock_times() -> None:
    """Item 3, moved to the working group, must not meet beside item 1: in the same slot it is
    refused even though their clock times do not overlap."""
    session = tiny_session(items={"3": {"body": "wg", "not_in_parallel_with": ["1"]}})
    afternoon = tiny_timetable(row("3", "Mon PM", "15:00-15:30", body="wg"))
    assert broken(session, afternoon) == []
    same_slot = tiny_timetable(row("3", "Mon AM", "11:00-11:30", body="wg"))
    assert broken(session, same_slot) == ["not-in-parallel"]


def test_not_in_parallel_with_a_body_means_all_its_activities() -> None:
    session = tiny_session(meetings={"wg-1": {"not_in_parallel_with": ["plenary"]}})
    assert broken(session, tiny_timetable()) == []
    report = validate(session, PARALLEL)
    assert report.broken_rules() == ["not-in-parallel"]
    assert [f.activities for f in report.findings] == [("4", "wg-1")]


def test_not_in_parallel_reports_a_mutual_pair_once() -> None:
    session = tiny_session(items={"2": {"not_in_parallel_with": ["wg-1"]}})
    report = validate(session, tiny_timetable(row("wg-1", "Mon PM", "15:00-18:00")))
    assert len(report.findings_of("not-in-parallel")) == 1


@pytest.mark.parametrize(
    ("session", "rules"),
    [
        (tiny_session(interpretation={"parallel_cap": 2}), []),
        (tiny_session(interpretation={"parallel_cap": 1}), ["parallel-cap"]),
        (
            tiny_session(
                interpretation={"parallel_cap": 1, "teams": 1},
                bodies={"wg": {"interpreted": False}},
            ),
            ["parallel-cap"],
        ),
    ],
)
def test_parallel_cap(session: Session, rules: list[str]) -> None:
    assert broken(session, PARALLEL) == rules


def test_a_cap_on_some_bodies_counts_only_their_meetings() -> None:
    beside = tiny_timetable(row("wg-1", "Mon PM", "15:00-18:00"))  # beside the plenary
    scoped = tiny_session(interpretation={"parallel_cap": 1, "parallel_cap_bodies": ["wg"]})
    assert "parallel-cap" not in broken(scoped, beside)
    both = tiny_session(
        interpretation={"parallel_cap": 1, "parallel_cap_bodies": ["wg", "plenary"]}
    )
    assert "parallel-cap" in broken(both, beside)


def test_parallel_cap_unset_allows_any_number() -> None:
    assert broken(tiny_session(), PARALLEL) == []


def test_not_in_parallel_with_a_heading_means_its_sub_items() -> None:
    """Item 1 has no duration of its own: keeping apart from it keeps apart from 1 a)-f)."""
    from scheduler.published import published_timetable
    from tests.conftest import cop9_data, make_session

    data = cop9_data()
    wg = next(m for m in data["meetings"] if m["id"] == "wg-ic-10")
    wg["not_in_parallel_with"] = ["1"]
    assert broken(make_session(data), published_timetable(make_session(data))) == []
    wg["date"] = "2018-10-15"
    for entry in data["published"]:
        if entry["activity"] == "wg-ic-10":
            entry["date"] = "2018-10-15"
    session = make_session(data)
    report = validate(session, published_timetable(session))
    assert report.broken_rules() == ["not-in-parallel"]
    assert {frozenset(f.activities) for f in report.findings} == {
        frozenset(("wg-ic-10", item)) for item in ("1a", "1b", "1c", "1d", "1e", "1f")
    }
