"""Rooms (`scheduler.prechecks.rooms`): bodies confined to the same rooms need more meetings
than those rooms hold in the periods open to them; the boundary holds, confirmed by the solver.

The tiny session with the working group in the plenary's hall: the plenary needs 3 meetings
(390 minutes in periods of 180), the working group 1 or 2, in 4 periods (two days of two).
"""

from __future__ import annotations

from typing import Any

from scheduler.prechecks import DAYS
from tests.conftest import tiny_data
from tests.prechecks.checking import only, silent

LUNCH = {"id": "L", "start": "13:00", "end": "15:00", "bodies": ["wg"]}


def _in_the_hall(wg_meetings: int, wg_rooms: tuple[str, ...] = ("hall",)) -> dict[str, Any]:
    data = tiny_data()
    data["interpretation"] = {"budget": 10, "teams": 2}
    data["bodies"][1]["rooms"] = list(wg_rooms)
    data["meetings"][0]["meetings"] = wg_meetings
    data["meetings"][0]["not_in_parallel_with"] = []
    return data


def test_meetings_beyond_their_rooms_times_periods_are_refused():
    silent(_in_the_hall(wg_meetings=1))  # 3 + 1 meetings in 4 periods, one room
    found = only(_in_the_hall(wg_meetings=2), "rooms-total")
    assert found.text() == (
        "5 meetings needed (Plenary 3, Working group 2), all in hall; 4 periods open to them,"
        " one meeting at a time there: at most 4"
    )
    assert set(found.instances) == {DAYS}
    assert found.text("fr") == (
        "il faut 5 séances (Séance plénière 3, Groupe de travail 2), toutes dans hall ; dans"
        " 4 périodes à leur portée, une seule séance à la fois dans cette salle : au plus 4"
    )


def test_a_period_of_one_body_counts_for_it_alone():
    data = _in_the_hall(wg_meetings=2)
    data["session"]["periods"].insert(1, LUNCH)  # the group's own lunch hours: 6 periods
    silent(data)
    data["meetings"][0]["meetings"] = 4  # 3 + 4 in 4 shared periods and 2 of its own
    found = only(data, "rooms-total")
    assert "6 periods open to them" in found.text() and found.text().endswith("at most 6")


def test_a_second_room_lifts_the_count():
    silent(_in_the_hall(wg_meetings=2, wg_rooms=("hall", "small")))
