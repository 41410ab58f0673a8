"""Fuzzing documents for `import-agenda`: real agendas with lines lost, doubled, swapped, cut
or garbled, as plain text and as Word documents (hypothesis, derandomized).

Each example gives a draft, complete or partial, whose YAML reads back, or is refused with an
`InputError` naming the document; through the command line, a documented exit code, no
traceback, the document untouched and no draft after a refusal.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
import yaml
from hypothesis import given
from typer.testing import CliRunner

from scheduler.agenda_import import import_agenda
from scheduler.cli import app
from scheduler.errors import InputError
from tests.conftest import DATA
from tests.fuzz.invariants import command_held, digest, fuzz, refused_well
from tests.fuzz.mutations import mutated_lines

runner = CliRunner()
COMMISSION = (DATA / "agendas" / "commission-en.txt").read_text(encoding="utf-8").splitlines()
COP = (DATA / "agendas" / "ctoc-cop-2018-1.fr.txt").read_text(encoding="utf-8").splitlines()


def _imported_or_refused(path: Path) -> None:
    try:
        result = import_agenda(path)
    except InputError as exc:
        refused_well(exc, path)
        return
    assert isinstance(yaml.safe_load(result.to_yaml()), dict)


@fuzz(40)
@given(lines=mutated_lines(COMMISSION))
def test_an_edited_text_agenda_drafts_or_is_refused(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("agenda") / "agenda.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    _imported_or_refused(path)


@pytest.mark.slow
@fuzz(15)
@given(lines=mutated_lines(COP, edits=12))
def test_an_edited_long_agenda_drafts_or_is_refused(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("agenda") / "agenda.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    _imported_or_refused(path)


@pytest.mark.slow
@fuzz(15)
@given(lines=mutated_lines(COMMISSION))
def test_an_edited_word_agenda_through_the_command_holds_every_invariant(tmp_path_factory, lines):
    folder = tmp_path_factory.mktemp("agenda")
    document = docx.Document()
    for line in lines:
        document.add_paragraph("".join(c for c in line if c.isprintable() or c == "\t"))
    path = folder / "agenda.docx"
    document.save(str(path))
    out = folder / "draft.yaml"
    result = runner.invoke(app, ["import-agenda", str(path), "-o", str(out), "-q"])
    command_held(result, {path: digest(path)}, [out])
