"""`schedule import-agenda` exits 0 for a draft that can be solved, 5 for a partial draft."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from scheduler.agenda_import import DRAFT_NEEDS_PLANNER
from scheduler.cli import app
from tests.agenda_import.conftest import SEED

DATA = Path(__file__).resolve().parent / "data"
runner = CliRunner()


def test_a_ready_draft_exits_0(tmp_path: Path) -> None:
    out = tmp_path / "seed.yaml"
    result = runner.invoke(app, ["import-agenda", str(SEED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "read 19 agenda items (fr)" in result.output
    assert out.exists()


def test_a_partial_draft_is_written_and_exits_5(tmp_path: Path) -> None:
    out = tmp_path / "partial.yaml"
    document = DATA / "cac-cosp-2015-1.numbers-lost.en.txt"
    result = runner.invoke(app, ["import-agenda", str(document), "-o", str(out)])
    assert result.exit_code == DRAFT_NEEDS_PLANNER == 5, result.output
    assert "read 0 agenda items (en)" in result.output  # the placeholder item is no item read
    assert "no agenda item could be read" in result.output
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["session"]["number"] == 6
