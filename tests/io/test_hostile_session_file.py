"""Session files built to hurt: each refused with a message naming file and field, exit 2.

The files are made here, small, never committed: an alias bomb of a few hundred bytes, a
1,000-deep nesting, a key given twice, numbers that are not whole numbers. What is bounded is
the work (the parser's events are counted before anything is built), so the tests assert the
refusal, not how fast it comes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scheduler.errors import SHOWN_VALUE, InputError, shown
from scheduler.io.session_file import MAX_DEPTH, MAX_NODES, load_session, parse_session
from tests.conftest import COP9, tiny_data


def _text(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _refused(text: str) -> str:
    with pytest.raises(InputError) as info:
        parse_session(text, file="hostile.yaml")
    message = info.value.message
    assert message.startswith("hostile.yaml: "), message
    return message


def _alias_bomb(levels: int) -> str:
    """`a0: [x]*9`, `a1: [*a0]*9`, ...: 9**levels values from a few hundred bytes."""
    lines = ["bomb:", "  - &a0 [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, levels):
        lines.append(f"  - &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_before_it_is_built() -> None:
    text = _text(tiny_data()) + _alias_bomb(12)
    assert len(_alias_bomb(12)) < 1_000
    message = _refused(text)
    assert f"more than {MAX_NODES:,} values once its aliases" in message


def test_aliases_a_planner_uses_still_load() -> None:
    """An anchor reused a few times (the same rooms for two bodies) is ordinary YAML."""
    text = _text(tiny_data())
    text = text.replace("  rooms:\n  - hall\n", "  rooms: &rooms\n  - hall\n", 1)
    text = text.replace("  rooms:\n  - small\n", "  rooms: *rooms\n", 1)
    session = parse_session(text)
    assert [b.rooms for b in session.bodies] == [["hall"], ["hall"]]


def test_deep_nesting_is_refused_with_its_line() -> None:
    deep = "x: " + "[" * 1000 + "]" * 1000 + "\n"
    message = _refused(deep)
    assert f"nested more than {MAX_DEPTH} levels deep" in message
    assert "line 1" in message


def test_a_key_given_twice_is_refused_naming_both_lines() -> None:
    text = "session:\n  number: 9\ninterpretation: {budget: 4, teams: 2}\ninterpretation: {}\n"
    message = _refused(text)
    assert "'interpretation'" in message
    assert "given twice in one mapping (lines 3 and 4)" in message


def test_a_merge_key_that_is_then_overridden_is_not_a_duplicate() -> None:
    data = tiny_data()
    text = _text(data).replace("interpretation:", "defaults: &d {budget: 1}\ninterpretation:", 1)
    with pytest.raises(InputError) as info:  # `defaults` is no session key: refused by name
        parse_session(text)
    assert "defaults" in info.value.message
    assert "twice" not in info.value.message


@pytest.mark.parametrize(
    ("value", "problem"),
    [(True, "valid integer"), (1e23, "valid integer"), (10**9, "less than or equal")],
    ids=["true", "1e23", "a billion"],
)
def test_minutes_must_be_a_sensible_whole_number(value: object, problem: str) -> None:
    data = tiny_data()
    data["items"][1]["minutes"] = value
    message = _refused(_text(data))
    assert "items[1].minutes" in message or "minutes" in message
    assert problem in message


@pytest.mark.parametrize(
    ("key", "value"), [("seed", 2**40), ("workers", 99_999), ("time_limit", True)]
)
def test_solver_settings_out_of_range_are_refused(key: str, value: object) -> None:
    data = tiny_data()
    data["solver"] = {key: value}
    assert f"solver.{key}" in _refused(_text(data))


def test_a_long_value_is_cut_in_the_message() -> None:
    data = tiny_data()
    data["session"]["evening_meetings"] = "y" * 100_000
    message = _refused(_text(data))
    assert len(message) < 400
    assert "(100,002 characters)" in message  # the quoted string's length
    assert len(shown("y" * 100_000)) <= SHOWN_VALUE + 30


def test_the_bundled_session_still_loads() -> None:
    assert load_session(COP9).interpretation.budget == 20


def test_the_command_refuses_a_bomb_with_exit_2_and_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(_text(tiny_data()) + _alias_bomb(12), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "scheduler", "check", str(path), str(tmp_path / "none.xlsx")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert "aliases" in run.stderr + run.stdout
