"""The variables: readable names, and only the slots an activity may use."""

from __future__ import annotations

from models import SessionModel
from scheduler.session import Session
from tests.conftest import cop9_data, make_session
from tests.models.support import item, tiny


def _names(model: SessionModel) -> set[str]:
    return {v.name for v in model.model.proto.variables}


def test_names_come_from_the_domain(cop9: Session) -> None:
    names = _names(SessionModel(cop9))
    assert {
        "part[2b,Tue16-AM]",
        "minutes[2b,Tue16-AM]",
        "held[plenary,Tue16-AM]",
        "part[wg-ic-10,Tue16-PM]",
    } <= names


def test_room_choices_are_named_after_body_room_and_slot() -> None:
    data = cop9_data()
    next(b for b in data["bodies"] if b["id"] == "informals")["rooms"] = ["room-c", "room-b"]
    names = _names(SessionModel(make_session(data)))
    assert {"room[informals,room-c,Fri12-AM]", "room[informals,room-b,Fri12-AM]"} <= names


def test_slots_are_pruned_by_the_rules_enforced_outright(cop9: Session) -> None:
    v = SessionModel(cop9).variables
    assert [s.label for s in v.slots["1a"]] == ["Mon15-AM"]  # fixed start
    assert [s.label for s in v.slots["wg-ic-10"]] == ["Tue16-AM", "Tue16-PM"]  # date
    assert [s.label for s in v.slots["informal-consultations"]] == ["Fri12-AM", "Fri12-PM"]
    assert len(v.slots["2b"]) == 10  # every session period, no evening, no pre-session day
    assert all(not s.pre_session and s.period.id != "EV" for s in v.slots["9"])


def test_deadlines_and_earliest_starts_prune_whole_periods_only() -> None:
    data = tiny()
    item(data, "3").update(earliest_start="2030-03-04T16:00", latest_end="2030-03-05T11:00")
    data["bodies"][1]["latest_end"] = "2030-03-05T12:00"
    v = SessionModel(make_session(data)).variables
    # A minute item may still start at 16:00 on Monday PM and end by 11:00 on Tuesday AM.
    assert [s.label for s in v.slots["3"]] == ["Mon04-PM", "Tue05-AM"]
    # A whole meeting must end by noon, so Tuesday AM (ending 13:00) goes.
    assert [s.label for s in v.slots["wg-1"]] == ["Mon04-AM", "Mon04-PM"]


def test_idle_time_only_where_an_exact_time_may_need_it(cop9: Session) -> None:
    v = SessionModel(cop9).variables
    assert {a for a, _ in v.idle} == {"9"}  # the last item may have to end with another body
    data = tiny()
    item(data, "3")["earliest_start"] = "2030-03-05T11:30"
    v = SessionModel(make_session(data)).variables
    assert {(a, i) for a, i in v.idle if a == "3"} == {("3", 2)}  # Tuesday AM only


def test_single_room_bodies_reuse_the_meeting_literal(cop9: Session) -> None:
    v = SessionModel(cop9).variables
    for (body, _, index), literal in v.room.items():
        if body == "plenary":
            assert literal is v.held[("plenary", index)]
