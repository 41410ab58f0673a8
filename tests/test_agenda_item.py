"""Activities that are not agenda items (the President's address) are shown by their title."""

from __future__ import annotations

import datetime as dt

from scheduler.io.annex import part_text
from scheduler.messages.terms import Act
from scheduler.timetable import Assignment
from tests.conftest import make_session, tiny_data


def _session(agenda_item: bool, item_id: str = "address"):  # type: ignore[no-untyped-def]
    data = tiny_data()
    data["items"].insert(
        1,
        {
            "id": item_id,
            "title": {"en": "Address by the President", "fr": "Allocution du Président"},
            "minutes": 20,
            "agenda_item": agenda_item,
        },
    )
    return make_session(data)


def _row(item_id: str = "address") -> Assignment:
    return Assignment(
        date=dt.date(2030, 3, 4),
        start=dt.time(11, 0),
        end=dt.time(11, 20),
        body="plenary",
        activity=item_id,
        room="hall",
        period="AM",
        minutes=20,
        part=1,
        parts=1,
        title="Address by the President",
        interpreted=True,
    )


def test_an_activity_that_is_not_an_agenda_item_has_no_item_number() -> None:
    session = _session(agenda_item=False)
    assert part_text(_row(), session, "en") == "Address by the President"
    assert Act.of(session, "address").say("en") == "Address by the President (address)"


def test_an_agenda_item_keeps_its_number() -> None:
    session = _session(agenda_item=True, item_id="7")
    assert part_text(_row("7"), session, "en").startswith("Item 7. Address")
    assert Act.of(session, "7").say("en") == "item 7"


def test_an_agenda_item_whose_id_is_no_number_is_printed_by_its_title() -> None:
    """An id such as `address` or `hls-1` is the planner's key: the annex prints no "Item
    address" (the agenda numbers it nowhere), findings still name it by its key."""
    session = _session(agenda_item=True)
    assert part_text(_row(), session, "en") == "Address by the President"
    assert Act.of(session, "address").say("en") == "item address"
