"""The annex as a Word document, read back with python-docx: the same cells as the workbook's
annex sheet, the printed French annex cell by cell, merged day rows, right to left in Arabic."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table

from scheduler.errors import InputError
from scheduler.io.docx_annex import annex_document, write_annex_docx
from scheduler.io.session_file import load_session
from scheduler.io.timetable_workbook import write_workbook
from scheduler.labels import labels
from scheduler.published import published_timetable
from scheduler.session import UN_LANGUAGES
from scheduler.timetable import Timetable
from tests.io.test_annex import PRINTED_ANNEX_FR

SIX = Path(__file__).resolve().parent / "data" / "six-languages.yaml"


@pytest.fixture(scope="module")
def published(cop9) -> Timetable:
    return published_timetable(cop9)


@pytest.fixture(scope="module")
def docx_fr(cop9, published, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "annex-fr.docx"
    write_annex_docx(path, cop9, published, "fr")
    return path


@pytest.fixture(scope="module")
def docx_ar(cop9, published, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "annex-ar.docx"
    write_annex_docx(path, cop9, published, "ar")
    return path


def table_rows(table: Table) -> list[tuple[str, ...]]:
    """Each row's distinct cells (a merged cell once), padded to the three columns."""
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append(cell.text)
        rows.append(tuple(cells + [""] * (3 - len(cells))))
    return rows


def sheet_rows(path: Path) -> list[tuple[str, ...]]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [
        tuple("" if value is None else str(value) for value in row)
        for row in sheet.iter_rows(values_only=True)
    ]


def test_the_document_has_the_heading_and_one_table(docx_fr):
    document = Document(str(docx_fr))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts == ["Annexe", "Projet d’organisation des travaux"]
    assert len(document.tables) == 1


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_docx_table_matches_the_workbook_annex_sheet(cop9, published, tmp_path, lang):
    docx_path, book_path = tmp_path / "annex.docx", tmp_path / "book.xlsx"
    write_annex_docx(docx_path, cop9, published, lang)
    write_workbook(book_path, cop9, published, None, None, lang=lang)
    table = Document(str(docx_path)).tables[0]
    assert table_rows(table) == sheet_rows(book_path)


def test_french_docx_matches_the_printed_annex_cell_by_cell(docx_fr):
    rows = table_rows(Document(str(docx_fr)).tables[0])
    assert rows[0] == ("Date/heure", "Séance plénière", "Réunions parallèles")
    body = rows[1:]
    assert len(body) == len(PRINTED_ANNEX_FR)
    for number, (row, printed) in enumerate(zip(body, PRINTED_ANNEX_FR, strict=True), start=1):
        date, time, plenary, parallel = printed
        assert row == (date or time, plenary, parallel), f"row {number}"


def test_each_item_is_a_paragraph_of_its_cell(docx_fr):
    monday_morning = Document(str(docx_fr)).tables[0].rows[2].cells[1]
    assert len(monday_morning.paragraphs) == 6
    assert monday_morning.paragraphs[5].text == "Point 1 f). Débat général"


def test_a_day_is_one_cell_merged_over_the_three_columns(docx_fr):
    table = Document(str(docx_fr)).tables[0]
    day, period = table.rows[1], table.rows[2]
    assert len({id(c._tc) for c in day.cells}) == 1
    assert day.cells[0].text == "Lundi 15 octobre"
    assert len({id(c._tc) for c in period.cells}) == 3
    assert day.cells[0].paragraphs[0].paragraph_format.keep_with_next


def test_the_header_row_repeats_on_every_page_and_rows_do_not_split(docx_fr):
    table = Document(str(docx_fr)).tables[0]
    header = table.rows[0]._tr.trPr
    assert header.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])


def test_columns_have_the_widths_of_the_printed_annex(docx_fr):
    table = Document(str(docx_fr)).tables[0]
    widths = [column.width.cm for column in table.columns]
    assert widths[0] < widths[1] and widths[0] < widths[2]
    assert sum(widths) == pytest.approx(21.0 - 2 * 2.2, abs=0.05)


def _widths(session, timetable, lang: str) -> list[float]:
    return [c.width.cm for c in annex_document(session, timetable, lang).tables[0].columns]


def test_a_mostly_empty_parallel_column_is_narrower_than_the_plenary(cop9, published):
    """COP9's parallel column holds two meetings, its plenary column every item."""
    _date, plenary, parallel = _widths(cop9, published, "en")
    assert parallel < plenary
    assert parallel >= 0.3 * (plenary + parallel)  # still room for its heading and a title


def test_a_parallel_column_as_full_as_the_plenary_is_not_squeezed(cop9, published):
    from dataclasses import replace

    # Every part moved to the parallel column: the plenary column is the empty one now.
    moved = Timetable(replace(a, body="wg-ic") for a in published)
    _date, plenary, parallel = _widths(cop9, moved, "en")
    assert plenary < parallel


@pytest.mark.parametrize("lang", sorted(UN_LANGUAGES))
def test_the_time_column_is_wide_enough_for_a_period_on_one_line(cop9, published, lang):
    """A period ("上午10时至下午1时", "10 ч. 00 м. - 13 ч. 00 м.") is not broken mid-range:
    the column is at least as wide as its longest period at a lower bound of its glyphs (a
    Chinese character an em, another 0.4 em), within bounds that leave the other two columns
    their room. The rendering test sees the period on one line."""
    from scheduler.io.annex import annex_rows

    words = labels(lang)
    longest = max((row.time for row in annex_rows(cop9, published, lang) if row.time), key=len)
    ems = sum(
        1.0 if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else 0.4 for ch in longest
    )
    needed = ems * words.fonts.size * 2.54 / 72
    date = _widths(cop9, published, lang)[0]
    assert date >= min(needed, 5.0), (lang, longest, date)


def _rtl_marks(path: Path) -> tuple[bool, bool, bool, bool]:
    document = Document(str(path))
    table = document.tables[0]._tbl
    paragraphs = [p for cell in document.tables[0]._cells for p in cell.paragraphs]
    paragraphs += document.paragraphs
    runs = [r for p in paragraphs for r in p.runs]
    return (
        table.tblPr.find(qn("w:bidiVisual")) is not None,
        all(p._p.pPr is not None and p._p.pPr.find(qn("w:bidi")) is not None for p in paragraphs),
        all(r._r.rPr is not None and r._r.rPr.find(qn("w:rtl")) is not None for r in runs),
        document.sections[0]._sectPr.find(qn("w:bidi")) is not None,
    )


def test_arabic_is_laid_out_right_to_left(docx_ar):
    assert _rtl_marks(docx_ar) == (True, True, True, True)
    rows = table_rows(Document(str(docx_ar)).tables[0])
    assert rows[0] == ("التاريخ/الوقت", "الجلسات العامة", "الاجتماعات الموازية")
    assert rows[1][0] == "الاثنين، 15 تشرين الأول/أكتوبر"
    assert rows[2][0] == "من الساعة 10:00 إلى الساعة 13:00"
    # The seed has no Arabic titles: they fall back to English, numbered the Arabic way.
    assert rows[2][1].splitlines()[0] == "البند 1 (أ): Opening of the session"


def test_french_is_left_to_right(docx_fr):
    assert _rtl_marks(docx_fr) == (False, False, False, False)


@pytest.mark.parametrize("lang", UN_LANGUAGES)
def test_every_script_has_a_font_and_a_language(cop9, published, lang):
    document = annex_document(cop9, published, lang)
    rpr = document.styles["Normal"].element.rPr
    fonts, language = rpr.find(qn("w:rFonts")), rpr.find(qn("w:lang"))
    words = labels(lang)
    assert fonts.get(qn("w:ascii")) == words.fonts.latin
    assert fonts.get(qn("w:eastAsia")) == words.fonts.east_asia
    assert fonts.get(qn("w:cs")) == words.fonts.complex
    assert fonts.get(qn("w:asciiTheme")) is None  # a theme font would override ours
    assert words.language.tag in {language.get(qn(f"w:{a}")) for a in ("val", "eastAsia", "bidi")}
    assert document.core_properties.language == words.language.tag
    assert document.core_properties.author == ""


@pytest.mark.parametrize("lang", UN_LANGUAGES)
def test_six_language_session_prints_its_own_titles(lang, tmp_path):
    session = load_session(SIX)
    path = tmp_path / f"{lang}.docx"
    write_annex_docx(path, session, published_timetable(session), lang)
    rows = table_rows(Document(str(path)).tables[0])
    text = "\n".join("\n".join(row) for row in rows)
    words = labels(lang)
    assert words.continued(words.item_line("2", session.item("2").title.get(lang))) in text
    assert session.item("1b").title.get(lang) in text
    assert words.annex.parallel in rows[0]
    if lang != "en":
        assert "Election of officers" not in text


def test_an_empty_timetable_gives_the_empty_grid(cop9, tmp_path):
    path = tmp_path / "empty.docx"
    write_annex_docx(path, cop9, Timetable(), "fr")
    rows = table_rows(Document(str(path)).tables[0])
    assert len(rows) == 1 + 5 * 3
    assert all(row[1] == row[2] == "" for row in rows[1:])


def test_an_unwritable_path_is_an_input_error(cop9, published, tmp_path):
    with pytest.raises(InputError, match="cannot be written"):
        write_annex_docx(tmp_path / "missing" / "annex.docx", cop9, published, "fr")


def test_an_unknown_language_is_refused(cop9, published, tmp_path):
    with pytest.raises(InputError, match="no labels"):
        write_annex_docx(tmp_path / "annex.docx", cop9, published, "xx")
    assert not (tmp_path / "annex.docx").exists()
