"""agenda-order and first-last: the order in which activities are taken."""

from __future__ import annotations

from typing import Any

from scheduler.validation import validate
from tests.validation.layout import broken, row, tiny_session, tiny_timetable

#: Item 3 taken before item 2 on Monday morning (durations still add up).
THREE_BEFORE_TWO = tiny_timetable(
    row("3", "Mon AM", "11:00-11:30"),
    row("2", "Mon AM", "11:30-13:00", part="1/2"),
    row("2", "Mon PM", "15:00-17:30", part="2/2"),
)


def test_agenda_order_holds_for_a_body_free_to_reorder() -> None:
    assert broken(tiny_session(bodies={"plenary": {"order": "free"}}), THREE_BEFORE_TWO) == []


def test_agenda_order_refuses_an_item_taken_too_early() -> None:
    report = validate(tiny_session(), THREE_BEFORE_TWO)
    assert report.broken_rules() == ["agenda-order"]
    (found,) = report.findings
    assert found.text("en") == (
        "item 3 (plenary Mon 4 Mar AM) starts before item 2 (plenary Mon 4 Mar PM) ends, "
        "against the agenda order"
    )
    assert found.activities == ("2", "3")


def test_agenda_order_skips_a_missing_item_but_compares_its_neighbours() -> None:
    """Without item 3, items 2 and 4 are compared: 4 after 2 holds, 4 before 2 is refused."""
    session = tiny_session(items={"4": {"last": None}})
    after = tiny_timetable(row("4", "Mon PM", "17:00-18:00"), drop=("3",))
    assert broken(session, after) == ["full-duration"]
    before = tiny_timetable(
        row("4", "Mon AM", "11:00-12:00"),
        row("2", "Mon AM", "12:00-13:00", part="1/2"),
        row("2", "Mon PM", "15:00-18:00", part="2/2"),
        drop=("3",),
    )
    report = validate(session, before)
    assert report.broken_rules() == ["agenda-order", "full-duration"]
    assert [f.activities for f in report.findings_of("agenda-order")] == [("2", "4")]


# --- first-last ------------------------------------------------------------------------------

#: Item 1 no longer fixed, the working group free to meet beside item 2.
UNFIXED: dict[str, dict[str, Any]] = {
    "items": {"1": {"fixed_start": None}},
    "meetings": {"wg-1": {"not_in_parallel_with": []}},
}


def test_first_holds_when_the_first_item_starts_with_another_body() -> None:
    together = tiny_timetable(row("wg-1", "Mon AM", "10:00-13:00"))
    assert broken(tiny_session(**UNFIXED), together) == []


def test_first_refuses_another_body_starting_earlier() -> None:
    timetable = tiny_timetable(
        row("wg-1", "Mon AM", "10:00-13:00"),
        row("1", "Mon AM", "10:30-11:30"),
        row("2", "Mon AM", "11:30-13:00", part="1/2"),
        row("2", "Mon PM", "15:00-17:30", part="2/2"),
        row("3", "Mon PM", "17:30-18:00"),
    )
    report = validate(tiny_session(**UNFIXED), timetable)
    assert report.broken_rules() == ["first-last"]
    assert report.findings[0].text("en") == (
        "item 1 is marked first but starts Mon 4 Mar 10:30, after Working group (wg-1)"
    )


def test_last_refuses_another_body_ending_later() -> None:
    report = validate(tiny_session(), tiny_timetable(row("4", "Tue AM", "10:00-11:00")))
    assert report.broken_rules() == ["first-last"]
    assert report.findings[0].text("en") == (
        "item 4 is marked last but ends Tue 5 Mar 11:00, before Working group (wg-1)"
    )


def test_last_holds_when_ending_with_another_body() -> None:
    assert broken(tiny_session(), tiny_timetable(row("4", "Tue AM", "12:00-13:00"))) == []


def test_first_last_ignores_pre_session_days() -> None:
    """Informal consultations before the session do not come 'before' the opening."""
    session = tiny_session(
        session={"pre_session_days": ["2030-03-01"]}, meetings={"wg-1": {"date": "2030-03-01"}}
    )
    assert broken(session, tiny_timetable(row("wg-1", "2030-03-01 AM", "10:00-13:00"))) == []
