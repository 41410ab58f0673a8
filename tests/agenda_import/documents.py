"""Write test agendas as Word and PDF files, so the tests need no binary fixtures.

The PDF is made with pypdf itself (a page per 45 lines, Helvetica, WinAnsi encoding): no
further library is needed to test the PDF path.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from pypdf import PdfWriter
from pypdf.generic import ContentStream, DictionaryObject, NameObject

#: The English fixture's annex as a clean three-column Word table (day rows merged across).
ANNEX_ROWS: list[tuple[str, str, str]] = [
    ("Date and time", "Plenary", "Parallel meetings"),
    ("Monday, 4 March", "", ""),
    ("10 a.m.–1 p.m.", "Item 1. Opening of the session\nItem 2. Organizational matters", ""),
    ("3–6 p.m.", "Item 3. Review of the implementation of the Convention", ""),
    ("Tuesday, 5 March", "", ""),
    ("10 a.m.–1 p.m.", "Item 3 (continued)", ""),
    ("3–6 p.m.", "Item 4. Technical assistance and capacity-building", "Committee of the Whole"),
    ("Wednesday, 6 March", "", ""),
    ("10 a.m.–1 p.m.", "Item 4 (continued)", "Committee of the Whole (continued)"),
    ("3–6 p.m.", "Items 5 and 6", ""),
    ("Thursday, 7 March", "", ""),
    ("10 a.m.–1 p.m.", "Item 7. Adoption of the report", ""),
]


def write_docx(text: str, path: Path, annex_rows: list[tuple[str, str, str]]) -> Path:
    """`text` as paragraphs (a page break at each form feed), then the annex as a table."""
    document = docx.Document()
    for line in text.splitlines():
        if line == "\f":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            document.add_paragraph(line)
    document.add_paragraph("Annex")
    document.add_paragraph("Proposed organization of work")
    table = document.add_table(rows=len(annex_rows), cols=3)
    for r, row in enumerate(annex_rows):
        cells = table.rows[r].cells
        if not row[1] and not row[2] and r > 0:
            cells[0].merge(cells[2])  # a day row spans the table
            cells[0].text = row[0]
            continue
        for c, value in enumerate(row):
            paragraphs = value.split("\n")
            cells[c].text = paragraphs[0]
            for more in paragraphs[1:]:
                cells[c].add_paragraph(more)
    document.save(str(path))
    return path


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def write_pdf(lines: list[str], path: Path, per_page: int = 45) -> Path:
    """`lines` as a text PDF, `per_page` lines a page, one text line per PDF line."""
    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    for start in range(0, max(len(lines), 1), per_page):
        page = writer.add_blank_page(width=595, height=842)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        shown = " ".join(f"({_escape(x)}) Tj T*" for x in lines[start : start + per_page])
        stream = ContentStream(None, None)
        stream.set_data(f"BT /F1 10 Tf 14 TL 50 800 Td {shown} ET".encode("cp1252"))
        page.replace_contents(stream)
    with path.open("wb") as out:
        writer.write(out)
    return path


def write_columns_pdf(lines: list[list[tuple[int, str]]], path: Path) -> Path:
    """A one-page PDF whose lines hold pieces at given x positions (points): table columns.

    Each line is drawn left to right, so a plain extraction reads the columns of a row mixed,
    as in real UN PDFs; only a layout-aware reading keeps them apart.
    """
    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    page = writer.add_blank_page(width=595, height=842)
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
    )
    shown = []
    for n, pieces in enumerate(lines):
        y = 800 - 12 * n
        shown += [f"1 0 0 1 {x} {y} Tm ({_escape(text)}) Tj" for x, text in pieces]
    stream = ContentStream(None, None)
    stream.set_data(f"BT /F1 9 Tf {' '.join(shown)} ET".encode("cp1252"))
    page.replace_contents(stream)
    with path.open("wb") as out:
        writer.write(out)
    return path
