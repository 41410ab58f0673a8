"""Loading session files: the COP9 encoding, and bad input named by file, field and value."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from scheduler.errors import InputError
from scheduler.io.session_file import load_session, parse_session
from tests.conftest import COP9, tiny_data


def _dump(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "session.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _error(tmp_path: Path, data: dict[str, Any]) -> str:
    with pytest.raises(InputError) as info:
        load_session(_dump(tmp_path, data))
    return info.value.message


def test_cop9_encodes_the_seed_document(cop9):
    info = cop9.session
    assert info.days == [dt.date(2018, 10, d) for d in range(15, 20)]
    assert info.pre_session_days == [dt.date(2018, 10, 12)]
    assert cop9.interpretation.budget == 20
    assert cop9.interpretation.teams == 2
    items = [i.id for i in cop9.items]
    assert items == [
        "1",
        "1a",
        "1b",
        "1c",
        "1d",
        "1e",
        "1f",
        "2",
        "2a",
        "2b",
        "2c",
        "2d",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
    ]
    assert [i.id for i in cop9.items if i.parent is None] == [str(n) for n in range(1, 10)]
    assert "1" not in {a.id for a in cop9.activities}  # taken only through its sub-items
    assert cop9.activity("2").minutes  # taken up as such before its sub-items
    assert cop9.activity("1a").fixed_start == dt.datetime(2018, 10, 15, 10, 0)
    assert cop9.activity("9").last
    wg = cop9.activity("wg-ic-10")
    assert wg.meetings == 2 and wg.date == dt.date(2018, 10, 16)
    assert wg.latest_end == dt.datetime(2018, 10, 18, 12, 0)
    assert wg.not_in_parallel_with == ("4",)
    assert cop9.activity("informal-consultations").date == dt.date(2018, 10, 12)
    assert not cop9.body("informals").interpreted
    assert cop9.item("2b").title.fr == (
        "Protocole visant à prévenir, réprimer et punir la traite des personnes, "
        "en particulier des femmes et des enfants"
    )


def test_bundled_session_is_the_instance_file():
    from scheduler.bundled import bundled_session_path

    assert bundled_session_path().read_bytes() == COP9.read_bytes()


def test_tiny_session_loads(tiny):
    assert [a.id for a in tiny.activities] == ["1", "2", "3", "4", "wg-1"]
    assert len(tiny.usable_slots) == 4


def test_missing_file(tmp_path):
    with pytest.raises(InputError) as info:
        load_session(tmp_path / "nope.yaml")
    assert info.value.message == f"{tmp_path / 'nope.yaml'}: no such file"


def test_malformed_yaml_names_the_line():
    with pytest.raises(InputError) as info:
        parse_session("session: [unclosed\nrooms: {", file="bad.yaml")
    assert info.value.message.startswith("bad.yaml: line ")
    assert "not valid YAML" in info.value.message


def test_not_a_mapping():
    with pytest.raises(InputError, match=r"bad\.yaml: a session file is a YAML mapping"):
        parse_session("- just\n- a list\n", file="bad.yaml")


def test_unknown_item_in_not_in_parallel(tmp_path):
    data = tiny_data()
    data["meetings"][0]["not_in_parallel_with"] = ["42"]
    message = _error(tmp_path, data)
    assert "meetings[id=wg-1].not_in_parallel_with: '42' is not an item, meeting or body" in message
    assert str(tmp_path / "session.yaml") in message


def test_negative_duration_names_field_and_value(tmp_path):
    data = tiny_data()
    data["items"][1]["minutes"] = -5
    message = _error(tmp_path, data)
    assert "items[id=2].minutes: -5: Input should be greater than or equal to 1" in message


def test_period_end_before_start(tmp_path):
    data = tiny_data()
    data["session"]["periods"][0]["end"] = "09:00"
    assert "session.periods[id=AM]: end 09:00 is not after start 10:00" in _error(tmp_path, data)


def test_time_25_00_is_refused(tmp_path):
    data = tiny_data()
    data["session"]["periods"][1]["start"] = "25:00"
    message = _error(tmp_path, data)
    assert (
        "session.periods[id=PM].start: '25:00': Input should be in a valid time format" in message
    )


def test_unknown_key_suggests_the_closest(tmp_path):
    data = tiny_data()
    data["items"][0]["minuts"] = 30
    message = _error(tmp_path, data)
    assert "items[id=1].minuts: unknown key; did you mean 'minutes'?" in message


def test_duplicated_item_id(tmp_path):
    data = tiny_data()
    data["items"][2]["id"] = "2"
    assert "items/meetings: id '2' is used twice" in _error(tmp_path, data)


def test_fixed_start_outside_the_session(tmp_path):
    data = tiny_data()
    data["items"][0]["fixed_start"] = "2030-04-01T10:00"
    assert "items[id=1].fixed_start: 2030-04-01 10:00:00 is not a day of the session" in _error(
        tmp_path, data
    )


def test_holiday_outside_the_session(tmp_path):
    data = tiny_data()
    data["session"]["holidays"] = ["2031-01-01"]
    assert "holidays: 2031-01-01 is outside the session" in _error(tmp_path, data)


def test_empty_agenda(tmp_path):
    data = tiny_data()
    data["items"] = []
    assert "items: []: List should have at least 1 item" in _error(tmp_path, data)


def test_heading_without_sub_items(tmp_path):
    data = tiny_data()
    del data["items"][2]["minutes"]
    assert "items[id=3]: '3' has no duration (minutes or meetings) and no sub-items" in _error(
        tmp_path, data
    )


def test_interpreted_body_needs_booths(tmp_path):
    data = tiny_data()
    data["rooms"][1]["interpretation"] = False
    assert "bodies[id=wg].rooms: 'wg' is interpreted but none of its rooms has booths" in _error(
        tmp_path, data
    )


def test_several_errors_reported_at_once(tmp_path):
    data = tiny_data()
    data["items"][0]["minutes"] = 0
    data["items"][1]["minutes"] = "long"
    message = _error(tmp_path, data)
    assert "items[id=1].minutes: 0" in message
    assert "items[id=2].minutes: 'long'" in message


def test_an_entry_with_an_id_is_named_by_it_not_by_its_place(tmp_path):
    """`items[id=2]`, not `items[1]`: a planner finds an item by its id, not by counting."""
    data = tiny_data()
    data["items"][1]["minutes"] = "long"
    data["meetings"][0]["meetings"] = 0
    data["session"]["periods"][1]["start"] = "25:00"
    message = _error(tmp_path, data)
    assert "items[id=2].minutes: 'long'" in message
    assert "meetings[id=wg-1].meetings: 0" in message
    assert "session.periods[id=PM].start: '25:00'" in message
    assert "items[1]" not in message and "periods[1]" not in message


def test_an_entry_without_a_usable_id_keeps_its_place(tmp_path):
    data = tiny_data()
    del data["items"][1]["id"]
    assert "items[1].id: missing" in _error(tmp_path, data)


def test_a_cross_reference_names_the_item_by_its_id(tmp_path):
    data = tiny_data()
    del data["items"][2]["minutes"]
    message = _error(tmp_path, data)
    assert "items[id=3]: '3' has no duration (minutes or meetings) and no sub-items" in message


@pytest.mark.parametrize(
    ("where", "value", "format_"),
    [
        ("day", "2030-03-4x", "YYYY-MM-DD (e.g. 2030-03-04)"),
        ("fixed_start", "2030-3-4 10h", "YYYY-MM-DD HH:MM (e.g. 2030-03-04 10:00)"),
        ("start", "10h", "HH:MM (e.g. 09:30)"),
    ],
)
def test_a_bad_date_or_time_says_the_format_expected(tmp_path, where, value, format_):
    data = tiny_data()
    if where == "day":
        data["session"]["days"][0] = value
    elif where == "fixed_start":
        data["items"][0]["fixed_start"] = value
    else:
        data["session"]["periods"][0]["start"] = value
    message = _error(tmp_path, data)
    assert f"write it {format_}" in message, message


def test_dates_and_times_in_the_expected_format_are_read(tmp_path):
    data = tiny_data()
    data["items"][0]["fixed_start"] = "2030-03-04 10:00"
    data["session"]["periods"][0]["start"] = "09:30"
    session = load_session(_dump(tmp_path, data))
    assert session.items[0].fixed_start == dt.datetime(2030, 3, 4, 10)
