"""Generated sessions: valid files, feasible by construction, the same for the same seed."""

from __future__ import annotations

import datetime as dt

import pytest

from scheduler.generate import PROFILES, generate_session
from scheduler.io.session_file import parse_session
from scheduler.validation import validate

SEEDS = (0, 1, 7)


@pytest.mark.parametrize("tight", [False, True], ids=["slack", "tight"])
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("profile", PROFILES)
def test_the_witness_keeps_every_rule(profile, seed, tight):
    generated = generate_session(profile, seed=seed, tight=tight)
    report = validate(generated.session, generated.witness)
    assert report.ok, [f"{f.rule}: {f.text('en')}" for f in report.findings]


@pytest.mark.parametrize("profile", PROFILES)
def test_the_witness_takes_every_activity_and_nothing_else(profile):
    generated = generate_session(profile, seed=2)
    activities = {a.id for a in generated.session.activities}
    assert {row.activity for row in generated.witness} == activities
    assert generated.size.activities == len(activities)


@pytest.mark.parametrize(
    ("profile", "bodies"), [("treaty-cop", 12), ("commission", 12), ("climate", 64)]
)
def test_no_id_names_both_a_body_and_an_activity(profile, bodies):
    """`not_in_parallel_with` names either; one id for both would be ambiguous.

    The sizes exceed each profile's bank of names, so names repeat with a suffix.
    """
    session = generate_session(profile, seed=0, bodies=bodies, rooms=14, days=15).session
    body_ids = {b.id for b in session.bodies}
    assert len(body_ids) == bodies
    assert not body_ids & ({i.id for i in session.items} | {m.id for m in session.meetings})


@pytest.mark.parametrize("profile", PROFILES)
def test_the_yaml_file_reads_back_as_the_same_session(profile):
    generated = generate_session(profile, seed=4)
    text = generated.to_yaml("out.yaml")
    assert text.startswith(f"# Generated session: profile {profile}, seed 4")
    assert generated.command("out.yaml") in text
    assert "&id" not in text  # no YAML anchors: a planner reads this file
    assert parse_session(text) == generated.session


@pytest.mark.parametrize("profile", PROFILES)
def test_the_same_seed_gives_the_same_session(profile):
    once = generate_session(profile, seed=11)
    again = generate_session(profile, seed=11)
    other = generate_session(profile, seed=12)
    assert once.to_yaml() == again.to_yaml()
    assert once.witness == again.witness
    assert once.data != other.data


def test_the_command_in_the_header_makes_the_same_session():
    generated = generate_session("commission", seed=5)
    p = generated.parameters
    again = generate_session(
        p.profile, days=p.days, rooms=p.rooms, bodies=p.bodies, items=p.items, seed=p.seed
    )
    assert again.data == generated.data


@pytest.mark.parametrize(
    ("profile", "small", "large"),
    [
        ("treaty-cop", {"days": 5, "items": 15}, {"days": 10, "items": 40}),
        (
            "commission",
            {"days": 5, "items": 20, "bodies": 5},
            {"days": 10, "items": 80, "bodies": 9},
        ),
        (
            "climate",
            {"days": 5, "bodies": 10, "items": 20},
            {"days": 10, "bodies": 40, "items": 60},
        ),
    ],
)
def test_sizes_grow_with_the_parameters(profile, small, large):
    a = generate_session(profile, seed=3, **small).size
    b = generate_session(profile, seed=3, **large).size
    assert b.activities > a.activities
    assert b.meetings > a.meetings
    assert b.slots > a.slots
    assert b.placements >= 3 * a.placements


@pytest.mark.parametrize("profile", PROFILES)
def test_parameters_are_taken_as_given(profile):
    generated = generate_session(profile, days=6, rooms=9, bodies=8, items=25, seed=1)
    session = generated.session
    assert len(session.session.days) == 6
    assert len(session.rooms) == 9
    assert len(session.bodies) == 8
    assert sum(1 for i in session.items if i.minutes or i.meetings) == 25


def test_tight_sessions_leave_no_slack_in_the_budget_and_deadlines():
    generated = generate_session("treaty-cop", seed=2, bodies=5, tight=True)
    session, witness = generated.session, generated.witness
    assert session.interpretation.budget == witness.interpreted_meetings()
    for body in session.bodies:
        if body.latest_end is not None:
            ends = [row.end_at for row in witness if row.body == body.id]
            assert max(ends) == body.latest_end


def test_slack_sessions_leave_room_in_the_budget():
    generated = generate_session("treaty-cop", seed=2, bodies=5)
    assert generated.session.interpretation.budget > generated.witness.interpreted_meetings()


def test_climate_caps_its_negotiations_and_fills_the_other_rooms():
    """No more than two plenary or contact-group meetings at once; informal consultations,
    which the cap does not count, take the other rooms."""
    generated = generate_session("climate", seed=0)
    session = generated.session
    assert session.interpretation.teams == 2
    assert session.interpretation.parallel_cap == 2
    capped = set(session.interpretation.parallel_cap_bodies or [])
    assert capped == {b.id for b in session.bodies if b.kind in ("plenary", "working_group")}
    per_slot: dict[tuple[object, str], set[str]] = {}
    for row in generated.witness:
        per_slot.setdefault((row.date, row.period), set()).add(row.body)
    assert max(len(b) for b in per_slot.values()) > 2  # informal ones beside the negotiations
    assert all(len(b & capped) <= 2 for b in per_slot.values())
    assert session.session.evening_meetings
    assert any(p.evening for p in session.session.periods)
    assert any(not r.interpretation for r in session.rooms)
    informal = [b for b in session.bodies if not b.interpreted]
    assert len(informal) >= 10
    assert len(session.rooms) == 30 and len(session.session.days) == 10


def test_treaty_cop_looks_like_cop9():
    session = generate_session("treaty-cop", seed=0).session
    opening = session.activities[0]
    assert opening.first and opening.fixed_start == dt.datetime.combine(
        session.session.days[0], dt.time(10)
    )
    assert session.activities[[a.kind for a in session.activities].index("meetings") - 1].last
    assert any(i.parent for i in session.items)  # sub-items
    assert any(i.minutes is None and i.meetings is None for i in session.items)  # headings
    assert session.session.pre_session_days
    assert {b.kind for b in session.bodies} >= {"plenary", "working_group", "informal"}


def test_durations_are_mixed():
    """Items sharing a meeting and items over several meetings, as in real agendas."""
    generated = generate_session("commission", seed=0, days=10, items=60)
    items = [a.id for a in generated.session.activities if a.kind == "item"]
    parts = {item: len(generated.witness.parts_of(item)) for item in items}
    assert any(len(m.parts) >= 3 for m in generated.witness.meetings())
    assert any(count >= 2 for count in parts.values())


def test_a_holiday_now_and_then():
    holidays = [
        generate_session("commission", seed=seed, days=8).session.session.holidays
        for seed in range(12)
    ]
    assert 1 <= sum(1 for h in holidays if h) <= 11


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"profile": "assembly"}, "profile 'assembly' is unknown"),
        ({"profile": "treaty-cop", "rooms": 2}, "rooms: the treaty-cop profile needs at least 3"),
        ({"profile": "treaty-cop", "days": 2, "items": 300}, "300 agenda items do not fit"),
        ({"profile": "climate", "days": 4, "rooms": 6, "bodies": 300}, "no room left"),
    ],
)
def test_impossible_sizes_are_refused_with_a_reason(arguments, message):
    with pytest.raises(ValueError, match=message):
        generate_session(**arguments)
