"""Bad values of the fields real sessions added (per-day periods, joint meetings, relations,
speaker classes, holiday names) are named by file, field and value, never by pydantic's text."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from scheduler.errors import ExitCode, InputError
from scheduler.io.session_file import load_session
from tests.conftest import tiny_data

Edit = Callable[[dict[str, Any]], None]


def _messages(tmp_path: Path, edit: Edit) -> list[str]:
    data = tiny_data()
    edit(data)
    path = tmp_path / "session.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_session(path)
    prefix = f"{path}: "
    lines = info.value.message.splitlines()
    assert all(line.startswith(prefix) for line in lines), lines
    return [line.removeprefix(prefix) for line in lines]


def _item(**values: Any) -> Edit:
    return lambda data: data["items"][1].update(**values)


def _day_periods(*entries: tuple[list[str], list[dict[str, str]]]) -> Edit:
    return lambda data: data["session"].update(
        day_periods=[{"dates": dates, "periods": periods} for dates, periods in entries]
    )


_SHORT = [{"id": "AM", "start": "10:00", "end": "12:00"}]
_JOINT = "a joint meeting is a list of two or more different bodies ([wg-a, wg-b])"

CASES: list[tuple[str, Edit, str]] = [
    (
        "no body",
        _item(body=[]),
        "items[id=2].body: []: names no body; give one body id (plenary), or for a joint meeting "
        "two or more different bodies ([wg-a, wg-b])",
    ),
    (
        "one body in brackets",
        _item(body=["plenary"]),
        "items[id=2].body: [plenary]: one body is written without brackets (body: plenary); "
        + _JOINT,
    ),
    (
        "a body twice",
        _item(body=["plenary", "plenary"]),
        f"items[id=2].body: [plenary, plenary]: plenary is named twice; {_JOINT}",
    ),
    (
        "an unknown joint body",
        _item(body=["plenary", "nobody"]),
        "items[id=2].body: 'nobody' is not a body id",
    ),
    (
        "joint bodies sharing no room",
        _item(body=["plenary", "wg"]),
        "items[id=2].body: plenary and wg share no room; a joint meeting is held in one room, so "
        "list a room both may use in their `rooms`",
    ),
    (
        "a body that is neither an id nor a list",
        _item(body={"a": 1}),
        "items[id=2].body: {'a': 1}: give one body id (plenary), or for a joint meeting a list of "
        "two or more different bodies ([wg-a, wg-b])",
    ),
    (
        "a period for an unknown body",
        lambda data: data["session"]["periods"][0].update(bodies=["nobody"]),
        "session.periods[id=AM].bodies: 'nobody' is not a body id",
    ),
    (
        "a period for no body",
        lambda data: data["session"]["periods"][0].update(bodies=[]),
        "session.periods[id=AM].bodies: name at least one body, or leave the key out for "
        "every body",
    ),
    (
        "overlapping periods of every body",
        lambda data: data["session"]["periods"].insert(
            1, {"id": "L", "start": "12:00", "end": "16:00"}
        ),
        "session.periods: L starts before AM ends; periods of every body may not overlap (give "
        "one of them `bodies:`)",
    ),
    (
        "a day's periods for a date outside the session",
        _day_periods((["2030-04-01"], _SHORT)),
        "session.day_periods[0].dates: 2030-04-01 is not a day of the session",
    ),
    (
        "a day given its periods twice",
        _day_periods((["2030-03-04"], _SHORT), (["2030-03-04"], _SHORT)),
        "session.day_periods[1].dates: 2030-03-04 already has its periods",
    ),
    (
        "a holiday name on a working day",
        lambda data: data["session"].update(holiday_names={"2030-03-04": "Holiday"}),
        "session.holiday_names: 2030-03-04 is not one of the holidays",
    ),
    (
        "a holiday name under no date",
        lambda data: data["session"].update(holiday_names={"someday": "Holiday"}),
        "session.holiday_names: 'someday': Input should be a valid date or datetime, input is "
        "too short; write it YYYY-MM-DD (e.g. 2030-03-04)",
    ),
    (
        "a class of speakers with no speaking time",
        _item(speaker_classes=[{"speakers": 10, "minutes_per_speaker": 0}]),
        "items[id=2].speaker_classes[0].minutes_per_speaker: 0: Input should be greater than 0",
    ),
    (
        "a class of speakers that is a text",
        _item(speaker_classes=["ten"]),
        "items[id=2].speaker_classes[0]: 'ten': give a mapping with the keys speakers, "
        "minutes_per_speaker, label",
    ),
    (
        "date and dates",
        _item(date="2030-03-04", dates=["2030-03-05"]),
        "items[id=2]: give date or dates, not both",
    ),
    (
        "dates outside the session",
        _item(dates=["2031-03-05"]),
        "items[id=2].dates: 2031-03-05 is not a day of the session",
    ),
    (
        "in parallel with an unknown activity",
        _item(in_parallel_with=["zz"]),
        "items[id=2].in_parallel_with: 'zz' is not an item, meeting or body",
    ),
    (
        "after its own end",
        _item(after_end_of=["2"]),
        "items[id=2].after_end_of: '2' is the item itself",
    ),
    (
        "a mode that is none",
        lambda data: data["bodies"][1].update(mode="online"),
        "bodies[id=wg].mode: 'online': Input should be 'in_person', 'hybrid' or 'remote'",
    ),
]


@pytest.mark.parametrize(("edit", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_bad_new_field_is_named_with_its_value(tmp_path, edit, expected):
    messages = _messages(tmp_path, edit)
    assert expected in messages, messages


def test_a_room_name_that_fits_no_form_says_both_forms(tmp_path):
    messages = _messages(tmp_path, lambda data: data["rooms"][0].update(name=["Hall"]))
    assert messages == [
        "rooms[id=hall].name: ['Hall']: give one text for every language, or one per language "
        "({en: ..., fr: ...})"
    ]


def test_an_unknown_language_key_is_still_named(tmp_path):
    messages = _messages(tmp_path, lambda data: data["session"]["body"].update(EN="x"))
    assert messages == ["session.body.EN: unknown key (valid keys: ar, zh, en, fr, ru, es)"]


def test_a_value_that_fits_no_form_is_said_once(tmp_path):
    """pydantic tries each form of `body` (an id, a list) and reports each failure; the planner
    reads one line that says what is allowed."""
    assert len(_messages(tmp_path, _item(body={"a": 1}))) == 1


def test_check_on_a_bad_session_exits_2_with_the_messages_and_no_traceback(tmp_path):
    data = tiny_data()
    data["items"][1]["body"] = ["plenary"]
    data["session"]["holiday_names"] = {"2030-03-04": "Holiday"}
    path = tmp_path / "session.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "scheduler", "check", str(path), "--published"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == ExitCode.INVALID_INPUT
    assert "Traceback" not in done.stderr
    assert (
        f"{path}: items[id=2].body: [plenary]: one body is written without brackets" in done.stderr
    )
    assert f"{path}: session.holiday_names: 2030-03-04 is not one of the holidays" in done.stderr
