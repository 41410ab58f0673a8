"""Fuzzing session files: YAML edited by structure and by text (hypothesis, derandomized).

Each example is refused with an `InputError` naming the file, or loads; a sample is then
solved through the command line, which ends with a documented exit code, no traceback, the
session file untouched and no workbook after a failure.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import event, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.errors import InputError
from scheduler.io.session_file import parse_session
from tests.conftest import TINY, tiny_data
from tests.fuzz.invariants import command_held, digest, fuzz, refused_well
from tests.fuzz.mutations import HOSTILE_TEXT, mutated

runner = CliRunner()
FILE = "fuzzed.yaml"
TINY_TEXT = TINY.read_text(encoding="utf-8")


def _dumped(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _parsed_or_refused(text: str) -> None:
    try:
        parse_session(text, file=FILE)
    except InputError as exc:
        refused_well(exc, FILE)


@fuzz(300)
@given(mutated(tiny_data()))
def test_structure_edits_load_or_are_refused(data):
    _parsed_or_refused(_dumped(data))


@st.composite
def text_edits(draw: st.DrawFn) -> str:
    lines = TINY_TEXT.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        k = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["dup", "del", "indent", "cut", "alias", "insert"]))
        if kind == "dup":
            lines.insert(k, lines[k])  # a key given twice, or an entry twice
        elif kind == "del":
            del lines[k]
        elif kind == "indent":
            lines[k] = " " * draw(st.integers(1, 6)) + lines[k]
        elif kind == "cut":
            lines[k] = lines[k][: draw(st.integers(0, max(len(lines[k]) - 1, 0)))]
        elif kind == "alias":
            lines[k] = lines[k].replace(": ", ": &a ", 1) + "\nx: [*a, *a, *a, *a]"
        else:
            lines.insert(k, draw(st.sampled_from(HOSTILE_TEXT)))
    return "\n".join(lines)


@fuzz(300)
@given(text_edits())
def test_text_edits_load_or_are_refused(text):
    _parsed_or_refused(text)


@pytest.mark.slow
@fuzz(25)
@given(data=mutated(tiny_data(), edits=2))
def test_solving_an_edited_session_holds_every_invariant(tmp_path_factory, data):
    folder: Path = tmp_path_factory.mktemp("fuzz")
    session = folder / "S.yaml"
    session.write_text(_dumped(data), encoding="utf-8")
    out = folder / "t.xlsx"
    before = {session: digest(session)}
    result = runner.invoke(
        app, ["solve", str(session), "-o", str(out), "--time-limit", "2", "--workers", "1", "-q"]
    )
    event(f"exit {result.exit_code}")
    command_held(result, before, [out])
