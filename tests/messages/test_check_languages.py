"""`schedule check --lang`: a timetable that breaks a rule is told in each of the six languages."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.errors import ExitCode
from tests.conftest import COP9

runner = CliRunner()

#: How each language names agenda item 4 in a finding, and the script it is written in.
ITEM_4 = {"ar": "البند 4", "zh": "项目4", "en": "item 4", "fr": "point 4", "ru": "пункт 4",
          "es": "el tema 4"}  # fmt: skip
SCRIPT = {"ar": "[\u0600-\u06ff]", "zh": "[\u4e00-\u9fff]", "ru": "[\u0400-\u04ff]"}


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The solved COP9 timetable with item 4 moved beside the working group (Tuesday)."""
    out = tmp_path_factory.mktemp("check") / "t.xlsx"
    assert runner.invoke(app, ["solve", "-o", str(out), "-q"]).exit_code == 0
    book = openpyxl.load_workbook(out)
    sheet = book["Assignments"]
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) + 1 for name in header}
    for row in range(2, sheet.max_row + 1):
        if str(sheet.cell(row, col["activity"]).value) == "4":
            sheet.cell(row, col["date"]).value = sheet.cell(row, col["date"]).value.replace(day=16)
    book.save(out)
    return out


@pytest.mark.parametrize("lang", list(ITEM_4))
def test_check_prints_the_findings_in_the_language_asked_for(broken: Path, lang: str) -> None:
    result = runner.invoke(app, ["check", str(COP9), str(broken), "--lang", lang])
    assert result.exit_code == ExitCode.RULES_BROKEN, result.output
    findings = [line for line in result.output.splitlines() if line.startswith("  not-in-parallel")]
    assert findings, result.output
    assert any(ITEM_4[lang] in line for line in findings), result.output
    if lang in SCRIPT:
        assert all(re.search(SCRIPT[lang], line) for line in findings), result.output
