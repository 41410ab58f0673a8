"""The first fit's look-ahead, rule by rule: a case it now gets right, and one it must refuse.

Each session is small and built here; the first fit (`models.constructive.first_fit`) is
checked by the independent validator, which never sees the model. A refused case is one with
no timetable at all (or none the greedy can see): the first fit leaves an activity out rather
than break a rule, and what it placed keeps every rule but the missing duration.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from benchmarks import neutral
from models.constructive import VARIANTS, FirstFit, _candidate_slots, _FirstFit, first_fit
from scheduler.session import Session
from tests.conftest import make_session
from tests.models.support import MON, TUE, broken_rules

WED = dt.date(2030, 3, 6)


def _session(bodies: list[dict[str, Any]], items: list[dict[str, Any]], **top: Any) -> Session:
    """Three days (4-6 March 2030) of two periods, the rooms the bodies name (a session
    needs an agenda item: without one, a body `o` of its own holds a short one)."""
    meetings = [x for x in items if "meetings" in x]
    if len(meetings) == len(items):
        bodies = [*bodies, {"id": "o", "rooms": ["ro"]}]
        items = [*items, {"id": "o1", "body": "o", "minutes": 30}]
        if "rooms" in top:
            top["rooms"] = [*top["rooms"], {"id": "ro", "interpretation": True}]
    rooms = top.pop("rooms", None) or [
        {"id": r, "interpretation": True} for r in sorted({r for b in bodies for r in b["rooms"]})
    ]
    data: dict[str, Any] = {
        "session": {
            "body": {"en": "Test session"},
            "number": 1,
            "venue": "Vienna",
            "days": ["2030-03-04", "2030-03-05", "2030-03-06"],
            "periods": [
                {"id": "AM", "start": "10:00", "end": "13:00"},
                {"id": "PM", "start": "15:00", "end": "18:00"},
            ],
        },
        "interpretation": {"budget": 20, "teams": 4, **top.pop("interpretation", {})},
        "rooms": rooms,
        "bodies": [{"name": {"en": b["id"]}, "interpreted": False, **b} for b in bodies],
        "items": [{"title": {"en": x["id"]}, **x} for x in items if "meetings" not in x],
        "meetings": [{"title": {"en": x["id"]}, **x} for x in meetings],
    }
    return make_session(data)


def _kept(session: Session, found: FirstFit) -> list[tuple[str, str]]:
    """What the validator finds besides the missing duration of what was left out."""
    return [f for f in broken_rules(session, found.timetable) if f[0] != "full-duration"]


def _at(found: FirstFit, activity: str) -> list[tuple[dt.date, str, str]]:
    return [
        (r.date, r.period, r.start.strftime("%H:%M")) for r in found.timetable.parts_of(activity)
    ]


class TestOrderFreeChains:
    """An `order: free` body with several chains: a fixed item keeps its period."""

    def _chains(self, fixed_first: str = "2030-03-04T10:00") -> Session:
        return _session(
            [{"id": "g", "rooms": ["r1"], "order": "free"}],
            [
                {"id": "a1", "body": "g", "minutes": 180, "run_on": False},
                {"id": "a2", "body": "g", "minutes": 60, "after_end_of": ["a1"]},
                {"id": "b1", "body": "g", "minutes": 180, "fixed_start": fixed_first},
                {"id": "b2", "body": "g", "minutes": 60, "after_end_of": ["b1"]},
            ],
        )

    def test_the_fixed_item_of_a_later_chain_keeps_its_period(self) -> None:
        """In file order a1 would take Monday morning, where b1 is fixed."""
        session = self._chains()
        found = first_fit(session)
        assert found.complete, found.unplaced
        assert _kept(session, found) == []
        assert _at(found, "b1") == [(MON, "AM", "10:00")]
        assert _at(found, "a1")[0][:2] != (MON, "AM")

    def test_a_chain_waits_for_its_predecessor(self) -> None:
        session = self._chains()
        found = first_fit(session)
        b1 = found.timetable.parts_of("b1")[-1]
        b2 = found.timetable.parts_of("b2")[0]
        assert (b2.date, b2.start) >= (b1.date, b1.end)

    def test_two_fixed_items_at_one_time_in_one_room_are_refused(self) -> None:
        session = _session(
            [{"id": "g", "rooms": ["r1"], "order": "free"}],
            [
                {"id": "a1", "body": "g", "minutes": 60, "fixed_start": "2030-03-04T10:00"},
                {"id": "b1", "body": "g", "minutes": 60, "fixed_start": "2030-03-04T10:00"},
            ],
        )
        found = first_fit(session)
        assert len(found.unplaced) == 1
        assert _kept(session, found) == []


class TestPinnedFirst:
    """An activity that can start in one period only has its meeting opened before the pass."""

    def _capped(self, *pinned: str) -> Session:
        bodies = [{"id": "a", "rooms": ["ra"]}]
        items: list[dict[str, Any]] = [{"id": "a1", "body": "a", "minutes": 120}]
        for n, body in enumerate(pinned):
            bodies.append({"id": body, "rooms": [f"r{body}"]})
            items.append(
                {"id": f"{body}1", "body": body, "minutes": 60 + n, "date": "2030-03-04"}
                if n % 2
                else {
                    "id": f"{body}1",
                    "body": body,
                    "minutes": 60,
                    "fixed_start": "2030-03-04T10:00",
                }
            )
        return _session(bodies, items, interpretation={"parallel_cap": 1})

    def test_a_fixed_item_keeps_the_cap_it_needs(self) -> None:
        """a1 comes first in the file and could take Monday morning, the cap's one meeting."""
        session = self._capped("b")
        found = first_fit(session)
        assert found.complete, found.unplaced
        assert _kept(session, found) == []
        assert _at(found, "b1") == [(MON, "AM", "10:00")]

    def test_two_pinned_activities_over_the_cap_are_refused(self) -> None:
        """b1 is fixed on Monday morning and c1 held on Monday (morning or afternoon): with a
        cap of one they fit, a1 goes to Tuesday; a third pinned on Monday morning cannot."""
        session = self._capped("b", "c")
        found = first_fit(session)
        assert found.complete and _kept(session, found) == []
        crowded = self._capped("b", "c", "d")
        found = first_fit(crowded)
        assert found.unplaced and _kept(crowded, found) == []


class TestSameRoom:
    """Several whole meetings in one room: consecutive periods of the body's sequence."""

    def _run(self, closed: dict[str, list[str]]) -> Session:
        return _session(
            [{"id": "w", "rooms": ["r1", "r2"]}],
            [{"id": "m", "body": "w", "meetings": 2, "same_room": True}],
            rooms=[
                {"id": r, "interpretation": True, "closed": closed.get(r, [])} for r in ("r1", "r2")
            ],
        )

    def test_it_takes_two_consecutive_periods_in_a_room_open_in_both(self) -> None:
        session = self._run({"r1": ["2030-03-04 PM"]})
        found = first_fit(session)
        assert found.complete and _kept(session, found) == []
        rows = found.timetable.parts_of("m")
        assert [(r.date, r.period) for r in rows] == [(MON, "AM"), (MON, "PM")]
        assert {r.room for r in rows} == {"r2"}

    def test_no_two_consecutive_periods_share_an_open_room_refused(self) -> None:
        """Every pair of consecutive periods has one of its rooms closed in each: any two
        periods would be apart or in two rooms."""
        closed = {
            "r1": ["2030-03-04 PM", "2030-03-05 PM", "2030-03-06 PM"],
            "r2": ["2030-03-04 AM", "2030-03-05 AM", "2030-03-06 AM"],
        }
        session = self._run(closed)
        found = first_fit(session)
        assert found.unplaced == ("m",)
        assert _kept(session, found) == []


class TestNarrowWindows:
    """A body leaves its narrow-window activities the periods they need."""

    def _body(self, wide_meetings: int = 2, **narrow: Any) -> Session:
        return _session(
            [{"id": "f", "rooms": ["r"], "order": "free"}],
            [
                {
                    "id": "x",
                    "body": "f",
                    "meetings": wide_meetings,
                    "earliest_start": "2030-03-04T15:00",
                },
                {"id": "y", "body": "f", "meetings": 1, "date": "2030-03-05", **narrow},
                {"id": "z", "body": "f", "meetings": 1, "date": "2030-03-05", **narrow},
            ],
        )

    def test_a_wide_activity_leaves_a_day_to_two_activities_held_on_it(self) -> None:
        """x could take Monday afternoon and Tuesday morning; y and z need all of Tuesday."""
        session = self._body()
        found = first_fit(session)
        assert found.complete, found.unplaced
        assert _kept(session, found) == []
        assert {r.date for r in found.timetable.parts_of("x")} == {WED}

    def test_three_activities_held_on_a_day_of_two_periods_refused(self) -> None:
        session = _session(
            [{"id": "f", "rooms": ["r"], "order": "free"}],
            [{"id": i, "body": "f", "meetings": 1, "date": "2030-03-05"} for i in ("x", "y", "z")],
        )
        found = first_fit(session)
        assert len(found.unplaced) == 1 and _kept(session, found) == []

    def test_items_that_share_a_meeting_need_its_minutes_not_a_period_each(self) -> None:
        """Two hour-long items on Tuesday share one meeting: x may take Tuesday morning."""
        session = _session(
            [{"id": "f", "rooms": ["r"], "order": "free"}],
            [
                {"id": "x", "body": "f", "meetings": 2, "earliest_start": "2030-03-04T15:00"},
                {"id": "y", "body": "f", "minutes": 60, "date": "2030-03-05"},
                {"id": "z", "body": "f", "minutes": 60, "date": "2030-03-05"},
            ],
        )
        found = first_fit(session)
        assert found.complete and _kept(session, found) == []
        assert [(r.date, r.period) for r in found.timetable.parts_of("x")] == [
            (MON, "PM"),
            (TUE, "AM"),
        ]


class TestInterpretedBodiesWait:
    """An interpreted agenda body waits rather than open a meeting it would leave part empty."""

    def _plenary(self, budget: int, **second: Any) -> Session:
        return _session(
            [{"id": "p", "rooms": ["hall"], "interpreted": True}],
            [
                {"id": "p1", "body": "p", "minutes": 60, **second.pop("first", {})},
                {"id": "p2", "body": "p", "minutes": 60, **second},
            ],
            interpretation={"budget": budget},
        )

    def test_both_items_share_one_meeting_within_a_budget_of_one(self) -> None:
        """p2 may not start before Monday 15:00: p1 waits for that meeting."""
        session = self._plenary(1, earliest_start="2030-03-04T15:00")
        found = first_fit(session)
        assert found.complete, found.unplaced
        assert _kept(session, found) == []
        assert found.timetable.interpreted_meetings() == 1
        assert _at(found, "p1") == [(MON, "PM", "15:00")]

    def test_an_item_due_before_the_barrier_does_not_wait(self) -> None:
        session = self._plenary(
            2, earliest_start="2030-03-04T15:00", first={"latest_end": "2030-03-04T13:00"}
        )
        found = first_fit(session)
        assert found.complete and _kept(session, found) == []
        assert _at(found, "p1") == [(MON, "AM", "10:00")]

    def test_two_meetings_needed_within_a_budget_of_one_refused(self) -> None:
        session = self._plenary(
            1, earliest_start="2030-03-05T10:00", first={"latest_end": "2030-03-04T18:00"}
        )
        found = first_fit(session)
        assert len(found.unplaced) == 1 and _kept(session, found) == []
        assert found.timetable.interpreted_meetings() <= 1

    def test_the_variant_that_never_waits_is_still_tried(self) -> None:
        assert {v[2] for v in VARIANTS} == {True, False}
        session = self._plenary(1, earliest_start="2030-03-04T15:00")
        eager = _FirstFit(session, _candidate_slots(session), defer=False).run()
        assert eager.unplaced == ("p2",)  # what waiting saves: the second meeting


class TestRunningOn:
    """An item that runs on takes its body's next meeting: none of the body's in between."""

    def test_it_runs_on_past_no_meeting_of_its_body(self) -> None:
        """b is fixed on Monday afternoon at 15:00; a (four hours) cannot run on from Monday
        morning into Tuesday over it, nor into it before b: it follows b."""
        session = _session(
            [{"id": "g", "rooms": ["r"], "order": "free"}],
            [
                {"id": "a", "body": "g", "minutes": 240},
                {"id": "b", "body": "g", "minutes": 60, "fixed_start": "2030-03-04T15:00"},
            ],
        )
        found = first_fit(session)
        assert found.complete and _kept(session, found) == []
        parts = _at(found, "a")
        assert parts == [(MON, "PM", "16:00"), (TUE, "AM", "10:00")]
        held = {(r.date, r.period) for r in found.timetable if r.body == "g"}
        assert held == {(MON, "PM"), (TUE, "AM")}


@pytest.mark.parametrize("size", [(16, 8, 4), (40, 20, 8), (80, 40, 8)])
def test_on_neutral_sessions_it_is_complete_and_keeps_every_rule(size, tmp_path) -> None:
    """The neutral family (order-free bodies with several chains, fixed items, windows,
    items of several periods in one room, a budget at the reference's count + 5 %)."""
    from scheduler.io.session_file import load_session

    instance = neutral.generate(*size)
    path = tmp_path / f"{instance.name}.yaml"
    path.write_text(neutral.session_yaml(instance), encoding="utf-8")
    session = load_session(path)
    found = first_fit(session)
    assert found.complete, found.unplaced
    assert broken_rules(session, found.timetable) == []
    assert neutral.check(instance, neutral.from_timetable(instance, found.timetable)) == []
