"""interpretation-booths, interpretation-budget, interpretation-teams."""

from __future__ import annotations

import pytest

from scheduler.session import Session
from scheduler.validation import validate
from tests.validation.layout import broken, row, tiny_session, tiny_timetable

#: The small room loses its booths; the working group may also use the hall.
NO_BOOTHS = {"rooms": {"small": {"interpretation": False}}}
WG_BOTH_ROOMS = {"wg": {"rooms": ["hall", "small"]}}

#: Item 4 moved to Tuesday morning, in parallel with the working group (and still last).
PARALLEL = tiny_timetable(row("4", "Tue AM", "12:00-13:00"))


def test_interpretation_booths_holds_for_an_uninterpreted_body_without_booths() -> None:
    session = tiny_session(**NO_BOOTHS, bodies={"wg": {"interpreted": False}})
    assert broken(session, tiny_timetable()) == []


def test_interpretation_booths_refuses_an_interpreted_meeting_without_booths() -> None:
    report = validate(tiny_session(**NO_BOOTHS, bodies=WG_BOTH_ROOMS), tiny_timetable())
    assert report.broken_rules() == ["interpretation-booths"]
    assert report.findings[0].text("en") == (
        "wg Tue 5 Mar AM is interpreted, but room small has no interpretation booths"
    )
    assert report.findings[0].activities == ("wg-1",)


@pytest.mark.parametrize(("budget", "rules"), [(4, []), (3, ["interpretation-budget"])])
def test_interpretation_budget(budget: int, rules: list[str]) -> None:
    """The base timetable has four interpreted meetings: a budget of four is just enough."""
    assert broken(tiny_session(interpretation={"budget": budget}), tiny_timetable()) == rules


def test_interpretation_budget_counts_meetings_not_items() -> None:
    report = validate(tiny_session(interpretation={"budget": 3}), tiny_timetable())
    (found,) = report.findings
    assert found.text("en") == "4 interpreted meetings, over the budget of 3"
    assert len(found.meetings) == 4


def test_interpretation_budget_ignores_uninterpreted_bodies() -> None:
    session = tiny_session(interpretation={"budget": 3}, bodies={"wg": {"interpreted": False}})
    assert broken(session, tiny_timetable()) == []


@pytest.mark.parametrize(
    ("session", "rules"),
    [
        (tiny_session(), []),
        (tiny_session(interpretation={"teams": 1}), ["interpretation-teams"]),
        (tiny_session(interpretation={"teams": 1}, bodies={"wg": {"interpreted": False}}), []),
    ],
)
def test_interpretation_teams(session: Session, rules: list[str]) -> None:
    assert broken(session, PARALLEL) == rules


def test_interpretation_teams_names_the_slot_and_meetings() -> None:
    (found,) = validate(tiny_session(interpretation={"teams": 1}), PARALLEL).findings
    assert found.text("en") == (
        "2 interpreted meetings at once in Tue 5 Mar AM (wg Tue 5 Mar AM, plenary Tue 5 Mar AM), "
        "but only 1 interpreter team"
    )
