"""Writing the timetable workbook: each sheet read back by cell value, and the atomic write."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import zipfile
from pathlib import Path

import openpyxl
import ortools
import pytest
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from scheduler.errors import InputError
from scheduler.io.annex import annex_rows
from scheduler.io.timetable_workbook import MEETING_COLUMNS, read_assignments, write_workbook
from scheduler.published import published_timetable
from scheduler.result import SolveResult, SolveStatus
from scheduler.rules import HARD_RULES, PREFERENCES
from scheduler.timetable import ASSIGNMENT_COLUMNS, Assignment, Timetable
from scheduler.validation import preference_costs
from tests.conftest import COP9


class Report:
    """A stand-in for the validator's report: every rule holds but those named broken."""

    def __init__(self, *broken: str) -> None:
        self.broken = set(broken)

    def holds(self, rule_name: str) -> bool:
        return rule_name not in self.broken


def _result(timetable: Timetable) -> SolveResult:
    return SolveResult(
        status=SolveStatus.OPTIMAL,
        timetable=timetable,
        objective=80.0,
        best_bound=80.0,
        wall_time=1.25,
        build_time=0.5,
        workers=1,
        seed=7,
        first_solution_time=0.75,
    )


@pytest.fixture(scope="module")
def published_fr(cop9) -> Timetable:
    return published_timetable(cop9, lang="fr")


@pytest.fixture(scope="module")
def book_fr(cop9, published_fr, tmp_path_factory) -> Path:
    """The COP9 published timetable written in French, with a solve result and a report."""
    path = tmp_path_factory.mktemp("workbook") / "cop9.xlsx"
    write_workbook(
        path,
        cop9,
        published_fr,
        _result(published_fr),
        Report("deadline"),
        lang="fr",
        session_file=COP9,
    )
    return path


def _values(path: Path, sheet: str) -> list[tuple[object, ...]]:
    return list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))


def test_sheets_in_order(book_fr):
    assert openpyxl.load_workbook(book_fr).sheetnames == [
        "Organisation des travaux",
        "Assignments",
        "Meetings",
        "Solve",
    ]


def test_annex_sheet_holds_the_annex_rows(cop9, published_fr, book_fr):
    values = _values(book_fr, "Organisation des travaux")
    assert values[0] == ("Date/heure", "Séance plénière", "Réunions parallèles")
    expected = [
        tuple(cell or None for cell in (row.date or row.time, row.plenary, row.parallel))
        for row in annex_rows(cop9, published_fr, "fr")
    ]
    assert values[1:] == expected
    assert values[1] == ("Lundi 15 octobre", None, None)
    assert values[2][0] == "10 heures-13 heures"
    assert values[2][1].startswith("Point 1 a). Ouverture de la session\nPoint 1 b).")


def test_annex_sheet_is_ready_to_paste_and_print(book_fr):
    sheet = openpyxl.load_workbook(book_fr)["Organisation des travaux"]
    days = [cell.row for (cell,) in sheet.iter_rows(min_col=1, max_col=1) if cell.font.b][1:]
    assert len(days) == 5  # Monday to Friday
    # only the day rows are merged, across the row: nothing merged down, a day name never wraps
    assert {str(cells) for cells in sheet.merged_cells.ranges} == {f"A{r}:C{r}" for r in days}
    assert sheet["A1"].font.b and sheet["A2"].font.b  # the header and the day rows
    assert not sheet["A3"].font.b
    for cell in (sheet["A1"], sheet["A2"], sheet["B3"]):  # bold cells too name their font
        assert (cell.font.name, cell.font.sz) == ("Calibri", 11)
    # two lines, not "Annexe_x000a_Projet ..." (LibreOffice prints the rendered header: the
    # render test); the title line's own font code is parsed away on reading
    assert sheet.oddHeader.center.text == "Annexe\nProjet d’organisation des travaux"
    with zipfile.ZipFile(book_fr) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "_x000a_" not in xml and '&amp;"Calibri,Bold"&amp;12 Annexe\n' in xml
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.print_area == f"'Organisation des travaux'!$A$1:$C${sheet.max_row}"
    breaks = [b.id for b in sheet.row_breaks.brk]
    assert breaks and all(b + 1 in days for b in breaks)  # pages break before a day only
    assert sheet["B3"].alignment.wrap_text
    assert sheet["B3"].border.left.style == "thin"
    assert sheet.row_dimensions[3].height >= 6 * 15  # six item lines
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width


def test_every_sheet_prints_on_a4_one_page_wide_with_its_header_row(book_fr):
    book = openpyxl.load_workbook(book_fr)
    assert book.active is not None and book.active.title == "Organisation des travaux"
    for sheet in book.worksheets:
        assert int(sheet.page_setup.paperSize) == 9  # A4, sheet.title
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$1"
        last = f"{get_column_letter(sheet.max_column)}${sheet.max_row}"
        assert sheet.print_area.endswith(f"!$A$1:${last}"), sheet.title
        assert all(cell.font.name == "Calibri" for cell in sheet[1] if cell.value is not None)


def test_english_workbook(cop9, tmp_path):
    timetable = published_timetable(cop9, lang="en")
    path = tmp_path / "cop9-en.xlsx"
    write_workbook(path, cop9, timetable, None, None, lang="en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "Organization of work"
    annex = list(book["Organization of work"].iter_rows(values_only=True))
    assert annex[0] == ("Date/time", "Plenary", "Parallel meetings")
    assert annex[1][0] == "Monday, 15 October"
    assert annex[2][0] == "10 a.m.–1 p.m."
    assert ("10 a.m.–1 p.m.", "Item 2 (b). Trafficking in Persons Protocol") in {
        row[:2] for row in annex
    }
    titles = {row[0]: row[1] for row in book["Assignments"].iter_rows(values_only=True)}
    assert titles["1a"] == "Opening of the ninth session of the Conference"
    assert read_assignments(path) == timetable


def test_assignments_sheet_is_an_excel_table_with_the_exact_columns(book_fr, published_fr):
    sheet = openpyxl.load_workbook(book_fr)["Assignments"]
    assert [c.value for c in sheet[1]] == list(ASSIGNMENT_COLUMNS)
    table = sheet.tables["Assignments"]
    assert table.ref == f"A1:L{len(published_fr) + 1}"
    assert table.autoFilter is not None
    assert table.tableStyleInfo.name


def test_assignments_cells_have_excel_types(book_fr):
    sheet = openpyxl.load_workbook(book_fr)["Assignments"]
    header = [c.value for c in sheet[1]]
    first = dict(zip(header, sheet[2], strict=True))
    assert first["activity"].value == "informal-consultations"
    assert first["title"].value == "Consultations informelles d'avant-session"
    assert first["date"].value == dt.datetime(2018, 10, 12)
    assert first["date"].number_format == "yyyy-mm-dd"
    assert (first["start"].value, first["end"].value) == ("10:00", "13:00")
    assert first["minutes"].value == 180
    assert first["part"].value == "1/2"
    assert first["interpreted"].value is False
    assert first["pinned"].value is False
    opening = dict(zip(header, sheet[4], strict=True))
    assert opening["activity"].value == "1a"
    assert opening["interpreted"].value is True


def test_assignments_round_trip(book_fr, published_fr):
    assert read_assignments(book_fr) == published_fr


def test_pins_round_trip(cop9, published_fr, tmp_path):
    pinned = published_fr.with_pins([a.activity == "1a" for a in published_fr])
    path = tmp_path / "pinned.xlsx"
    write_workbook(path, cop9, pinned, None, None)
    back = read_assignments(path)
    assert back == pinned
    assert [a.activity for a in back if a.pinned] == ["1a"]


def test_text_that_looks_like_a_formula_stays_text(cop9, tmp_path):
    odd = Assignment(
        date=dt.date(2018, 10, 15),
        start=dt.time(10),
        end=dt.time(11),
        body="plenary",
        activity="x",
        room="plenary-hall",
        period="AM",
        minutes=60,
        part=1,
        parts=1,
        title="=SUM(A1:A2)",
    )
    path = tmp_path / "odd.xlsx"
    write_workbook(path, cop9, Timetable.of([odd]), None, None)
    assert read_assignments(path) == Timetable.of([odd])


def test_meetings_sheet(book_fr, published_fr):
    values = _values(book_fr, "Meetings")
    assert values[0] == MEETING_COLUMNS
    assert len(values) == 1 + len(published_fr.meetings())
    assert values[3] == (
        1,
        "plenary",
        "plenary-hall",
        dt.datetime(2018, 10, 15),
        "AM",
        "10:00",
        "13:00",
        True,
        "1a, 1b, 1c, 1d, 1e, 1f",
    )
    wg = [row for row in values[1:] if row[1] == "wg-ic"]
    assert [(row[0], row[4]) for row in wg] == [(1, "AM"), (2, "PM")]
    assert "Meetings" in openpyxl.load_workbook(book_fr)["Meetings"].tables


def test_solve_sheet(book_fr):
    values = _values(book_fr, "Solve")
    info = {row[0]: row[1] for row in values if row[0]}
    assert info["status"] == "optimal"
    assert info["objective"] == 80
    assert info["best bound"] == 80
    assert info["gap"] == 0
    assert info["wall time (s)"] == 1.25
    assert info["build time (s)"] == 0.5
    assert info["first timetable (s)"] == 0.75
    assert info["OR-Tools version"] == ortools.__version__
    assert info["seed"] == 7
    assert info["workers"] == 1
    assert info["session file"] == str(COP9)
    assert info["session file SHA-256"] == hashlib.sha256(COP9.read_bytes()).hexdigest()
    rules = {row[0]: row[1:] for row in values if row[0] in {r.name for r in HARD_RULES}}
    assert list(rules) == [r.name for r in HARD_RULES]
    assert rules["deadline"] == ("Aucune activité ne se termine après son échéance", "broken")
    assert {state for name, (_, state) in rules.items() if name != "deadline"} == {"holds"}


def test_solve_sheet_lists_what_each_preference_costs(cop9, published_fr, tmp_path):
    path = tmp_path / "costs.xlsx"
    result = dataclasses.replace(
        _result(published_fr), penalties=preference_costs(cop9, published_fr)
    )
    write_workbook(path, cop9, published_fr, result, None, lang="en")
    values = _values(path, "Solve")
    costs = {row[0]: row[2] for row in values if row[0] in {r.name for r in PREFERENCES}}
    assert list(costs) == [r.name for r in PREFERENCES]
    assert costs == preference_costs(cop9, published_fr)
    texts = {row[0]: row[1] for row in values if row[0] == "opening-closing-alone"}
    assert texts == {
        "opening-closing-alone": "No parallel meeting beside the first and last plenary meetings"
    }


def test_solve_sheet_without_result_or_validation(cop9, published_fr, tmp_path):
    path = tmp_path / "unchecked.xlsx"
    write_workbook(path, cop9, published_fr, None, None, lang="en")
    values = _values(path, "Solve")
    info = {row[0]: row[1] for row in values if row[0]}
    assert info["status"] == "not solved"
    assert info["session file"] is None
    states = [row[2] for row in values if row[0] in {r.name for r in HARD_RULES}]
    assert states == ["not checked"] * len(HARD_RULES)
    texts = [row[1] for row in values if row[0] == "deadline"]
    assert texts == ["No activity ends after its deadline"]


def test_an_empty_timetable_still_makes_a_valid_table(cop9, tmp_path):
    path = tmp_path / "empty.xlsx"
    write_workbook(path, cop9, Timetable(), None, None)
    assert openpyxl.load_workbook(path)["Assignments"].tables["Assignments"].ref == "A1:L2"
    assert read_assignments(path) == Timetable()


def test_a_failed_save_leaves_the_previous_workbook_and_no_temporary_file(
    cop9, published_fr, tmp_path, monkeypatch
):
    path = tmp_path / "timetable.xlsx"
    write_workbook(path, cop9, published_fr, None, None)
    before = path.read_bytes()

    def broken_save(self: Workbook, filename: str | Path) -> None:
        Path(filename).write_bytes(b"half a workbook")
        raise RuntimeError("disk full")

    monkeypatch.setattr(Workbook, "save", broken_save)
    with pytest.raises(RuntimeError, match="disk full"):
        write_workbook(path, cop9, Timetable(), None, None)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["timetable.xlsx"]
    monkeypatch.undo()
    assert read_assignments(path) == published_fr


def test_a_failed_first_save_leaves_nothing(cop9, tmp_path, monkeypatch):
    def broken_save(self: Workbook, filename: str | Path) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(Workbook, "save", broken_save)
    with pytest.raises(RuntimeError):
        write_workbook(tmp_path / "new.xlsx", cop9, Timetable(), None, None)
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_path_is_an_input_error(cop9, tmp_path):
    with pytest.raises(InputError, match="cannot be written"):
        write_workbook(tmp_path / "missing" / "t.xlsx", cop9, Timetable(), None, None)


def test_an_unknown_language_is_refused_before_writing(cop9, tmp_path):
    with pytest.raises(InputError, match="no labels"):
        write_workbook(tmp_path / "t.xlsx", cop9, Timetable(), None, None, lang="xx")
    assert list(tmp_path.iterdir()) == []


def test_row_heights_make_room_for_chinese_and_arabic_lines():
    """The Chinese annex printed with its last lines cut: Chinese characters take two columns
    and their lines are taller than Calibri's."""
    from scheduler.io.timetable_workbook.sheets import LINE_HEIGHT, TALL_LINE, cell_height

    assert cell_height("Point 1 a). Ouverture", 55) == LINE_HEIGHT
    assert cell_height("项目1(a)：会议开幕", 55) == TALL_LINE
    assert cell_height("项" * 40, 55) == 2 * TALL_LINE  # 80 columns: two lines
    assert cell_height("البند 1 (أ): افتتاح الدورة", 55) == TALL_LINE
    assert cell_height("a\nb\nc", 55) == 3 * LINE_HEIGHT
    assert cell_height(None, 55) == 0
