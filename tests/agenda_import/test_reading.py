"""PDF and Word tables read with their columns apart (see `reading.py` for the measurement)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx

from scheduler.agenda_import import import_agenda
from scheduler.agenda_import.reading import tables_apart
from tests.agenda_import.documents import write_columns_pdf
from tests.agenda_import.test_annex_layouts import AGENDA

TUE, WED = dt.date(2022, 9, 6), dt.date(2022, 9, 7)
EXPECTED = {
    ("1", TUE, "AM"), ("2", TUE, "AM"), ("3", TUE, "AM"), ("3", TUE, "PM"),
    ("4", WED, "AM"), ("4", WED, "PM"),
}  # fmt: skip

#: The three-column annex as drawn on a page: time at 50 pt, item at 200, title at 260.
ANNEX: list[list[tuple[int, str]]] = [
    [(50, "Annex")],
    [(50, "Proposed organization of work")],
    [(50, "Date and time"), (200, "Agenda item"), (260, "Title or description")],
    [(50, "Tuesday, 6 September")],
    [(50, "10 a.m.–1 p.m."), (200, "1"), (260, "Opening of the session")],
    [],
    [(200, "2"), (260, "Adoption of the agenda and organization")],
    [(200, "3"), (260, "of work")],
    [],
    [(260, "Review of implementation of the United")],
    [(260, "Nations Convention against Corruption")],
    [(50, "3–6 p.m."), (200, "3"), (260, "Review of implementation of the United")],
    [(260, "Nations Convention against Corruption (continued)")],
    [(50, "Wednesday, 7 September")],
    [(50, "10 a.m.–1 p.m."), (200, "4"), (260, "Provisions on preventive measures")],
    [(50, "3–6 p.m."), (200, "4"), (260, "Provisions on preventive measures (continued)")],
]


def _published(path: Path) -> set[tuple[str, dt.date, str]]:
    data = import_agenda(path).session_data
    assert [b["id"] for b in data["bodies"]] == ["plenary"]  # no body made of item numbers
    return {(str(e["activity"]), e["date"], e["period"]) for e in data["published"]}


def test_pdf_annex_columns_kept_apart(tmp_path: Path) -> None:
    lines = [[(50, line)] if line else [] for line in AGENDA.splitlines()]
    path = write_columns_pdf([*lines, [], *ANNEX], tmp_path / "irg.pdf")
    assert _published(path) == EXPECTED


def test_word_item_column_paired_with_its_titles(tmp_path: Path) -> None:
    document = docx.Document()
    for line in AGENDA.splitlines():
        document.add_paragraph(line)
    document.add_paragraph("Annex")
    document.add_paragraph("Proposed organization of work")
    rows = [
        ("Date and time", "Agenda item", "Title or description"),
        ("Tuesday, 6 September", "", ""),
        ("10 a.m.–1 p.m.", "1\n2\n3", "Opening of the session\nAdoption of the agenda and "
         "organization of work\nReview of implementation of the United Nations Convention "
         "against Corruption"),
        ("3–6 p.m.", "3", "Review of implementation of the United Nations Convention against "
         "Corruption (continued)"),
        ("Wednesday, 7 September", "", ""),
        ("10 a.m.–1 p.m.", "4", "Provisions on preventive measures"),
        ("3–6 p.m.", "4", "Provisions on preventive measures (continued)"),
    ]  # fmt: skip
    table = document.add_table(rows=len(rows), cols=3)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            parts = value.split("\n")
            table.rows[r].cells[c].text = parts[0]
            for more in parts[1:]:
                table.rows[r].cells[c].add_paragraph(more)
    path = tmp_path / "irg.docx"
    document.save(str(path))
    assert _published(path) == EXPECTED


def test_layout_text_before_the_annex_keeps_list_marks_with_their_titles() -> None:
    text = (
        "United Nations                              CAC/COSP/2021/3\n"
        "1.    Organizational matters:\n"
        "      (a)   Opening of the session;\n"
    )
    assert tables_apart(text).splitlines() == [
        "United Nations",
        "CAC/COSP/2021/3",
        "1. Organizational matters:",
        "(a) Opening of the session;",
    ]
