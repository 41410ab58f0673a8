"""The text of an agenda document: plain text, Word (.docx) or PDF.

Word tables (the annex) are read row by row, each cell's paragraphs as lines; a PDF's annex is
rebuilt into the same shape from its layout (`tables_apart`), so the parsers see one shape of
text whatever the format. Headers, footers and footnotes of a Word file live outside its body
and are not read.

PDF text comes from pypdf's layout mode with the annex rebuilt by `tables_apart`, chosen by
measurement on three PDFs that LibreOffice made from Word files (the English and seed agendas
with plenary / parallel annexes, one annex in time / agenda item / title columns): 37 annex
entries (item or body, day, period) to find, as the Word file itself gives them.

| extractor                                  | entries right | wrong | time per PDF |
|--------------------------------------------|---------------|-------|--------------|
| pypdf, plain mode                          | 34 of 37      | 1     | 17-800 ms    |
| pdftotext -layout                          | 35 of 37      | 1     | 8-26 ms      |
| pdfplumber, plain or layout mode           | 35 of 37      | 1     | 36-2000 ms   |
| pdftotext -layout + tables_apart           | 31 of 37      | 4     | 10-40 ms     |
| pdfplumber layout mode + tables_apart      | 36 of 37      | 1     | 50-1600 ms   |
| pypdf layout mode + tables_apart (kept)    | 37 of 37      | 0     | 30-1900 ms   |

Without the rebuild, a row's columns come mixed (a body invented from a plenary title and a
parallel meeting's name, "wg-atpc"; bare item numbers read as bodies). pdftotext's layout
grid is estimated block by block, so a column moves by up to 25 characters from one row to
the next and the rebuild cannot find it; pdfplumber interleaved two columns on the seed's
annex. pypdf's layout mode keeps each column within a few characters over the page and adds
no dependency (pdfplumber would, and poppler is a program to install besides).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from scheduler.agenda_import.words import ANNEX_HEADING, FOOTNOTE_MARK, ORGANIZATION_OF_WORK, fold
from scheduler.errors import InputError


def read_document(path: Path) -> tuple[str, list[str]]:
    """The document's text and notes on what could not be read; `InputError` if unreadable."""
    if not path.exists():
        raise InputError("no such file", file=path)
    if path.is_dir():
        raise InputError("is a folder, not a document", file=path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _docx_text(path)
    if suffix == ".pdf":
        return _pdf_text(path)
    if suffix in {".doc", ".rtf", ".odt"}:
        raise InputError(f"{suffix} files are not read: save the document as .docx", file=path)
    return _plain_text(path), []


def _plain_text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise InputError("is not a text file (give .txt, .docx or .pdf)", file=path)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _docx_text(path: Path) -> tuple[str, list[str]]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from scheduler.io.zipguard import check_office_file

    check_office_file(path, "a Word document")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a bad package
        raise InputError(f"cannot be read as a Word document ({exc})", file=path) from None
    lines: list[str] = []
    numbered = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            if _auto_numbered(block):
                numbered += 1
            lines.extend(block.text.split("\n"))
        elif isinstance(block, Table):
            lines.extend(_table_lines(block))
    notes = []
    if numbered:
        notes.append(
            f"{numbered} paragraph(s) use Word's automatic numbering, whose numbers are not "
            "part of the text: type the item numbers if items are missing"
        )
    return "\n".join(lines), notes


def _auto_numbered(paragraph: Any) -> bool:
    """Whether Word numbers the paragraph itself (its number is then not in its text)."""
    for properties in (paragraph._p.pPr, getattr(paragraph.style.element, "pPr", None)):
        if properties is not None and properties.numPr is not None:
            return True
    return False


def _table_lines(table: Any) -> list[str]:
    """A Word table row by row: each cell's paragraphs as lines, merged cells once.

    A cell of bare item numbers ("1", "2", "3") beside a cell of as many titles is read as
    pairs, "1 Opening of the session", as the printed row shows them.
    """
    lines: list[str] = []
    for row in table.rows:
        seen: list[object] = []  # a merged cell is returned once per grid column
        cells: list[list[str]] = []
        for cell in row.cells:
            if any(cell._tc is tc for tc in seen):
                continue
            seen.append(cell._tc)
            cells.append([line for p in cell.paragraphs for line in p.text.split("\n")])
        lines.extend(_paired(cells))
        lines.append("")
    return lines


def _paired(cells: list[list[str]]) -> list[str]:
    out: list[str] = []
    k = 0
    while k < len(cells):
        numbers = [x for x in cells[k] if x.strip()]
        nxt = [x for x in cells[k + 1] if x.strip()] if k + 1 < len(cells) else []
        if (
            numbers
            and all(_BARE_ITEM.match(x.strip()) for x in numbers)
            and len(nxt) == len(numbers)
        ):
            out.extend(f"{n.strip()} {t.strip()}" for n, t in zip(numbers, nxt, strict=True))
            k += 2
            continue
        out.extend(cells[k])
        k += 1
    return out


_BARE_ITEM = re.compile(r"^\d{1,2}(?:\s*\(?[a-z]\))?$")


def _pdf_text(path: Path) -> tuple[str, list[str]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [_page_text(page) for page in reader.pages]
    except (PdfReadError, OSError, ValueError, KeyError) as exc:
        raise InputError(f"cannot be read as PDF ({exc})", file=path) from None
    notes = []
    if pages and not any(p.strip() for p in pages):
        notes.append("the PDF has no text layer (a scan?): run OCR first or give the text")
    return tables_apart("\n".join(pages)), notes


def _page_text(page: Any) -> str:
    """The page in layout mode (columns at their places); plain mode if layout fails."""
    try:
        return str(page.extract_text(extraction_mode="layout") or "")
    except Exception:  # layout mode is newer and stricter about odd fonts
        return str(page.extract_text() or "")


# --- a layout's columns, taken apart -------------------------------------------------------

_GAP = re.compile(r"\S+(?:\s{1,2}\S+)*")  # pieces: words at most two spaces apart
_MARK = re.compile(r"^(?:\(?\d{1,2}[.)]?|\(?[a-zа-я]\)|[IVX]+\.|[A-Z]\.|\*+)$")


def _segments(line: str) -> list[tuple[int, str]]:
    """The pieces of a layout line separated by three spaces or more, with their columns."""
    return [(m.start(), m.group()) for m in _GAP.finditer(line)]


def _plain(line: str) -> list[str]:
    """A layout line outside the annex: its pieces as lines; a list mark stays with its text."""
    pieces = _segments(line)
    out: list[str] = []
    for _, text in pieces:
        if out and _MARK.match(out[-1]):
            out[-1] = f"{out[-1]} {text}"  # "1.    Opening of the session"
        else:
            out.append(text)
    return out or [""]


def _is_annex_start(line: str) -> bool:
    folded = fold(FOOTNOTE_MARK.sub("", line.strip()))
    return bool(ANNEX_HEADING.match(folded) or ORGANIZATION_OF_WORK.match(folded))


def tables_apart(text: str) -> str:
    """Layout text with the annex rebuilt row by row, each cell's lines together.

    Before the annex, each line's pieces become lines of their own (a cover set in two
    columns, a header beside a symbol). From the annex on, the columns are found where the
    pieces of the lines begin; a row starts with text in the first column, and is given as
    its first cell's lines, then the next column's, and so on; a column of bare item numbers
    is paired with the titles beside it.
    """
    lines = text.split("\n")
    start = next((i for i, x in enumerate(lines) if _is_annex_start(x)), len(lines))
    out = [piece for line in lines[:start] for piece in _plain(line)]
    out.extend(_rows(lines[start:]))
    return "\n".join(out)


#: How far (in characters) a column's pieces may stray in layout text: pypdf places each
#: line's text from the widths of the letters before it, a few characters off at most.
DRIFT = 4


def _columns(lines: list[str]) -> list[int]:
    """Where the annex's columns begin: piece starts shared by several lines."""
    starts = sorted(s for line in lines for s, _ in _segments(line))
    clusters: list[list[int]] = []
    for s in starts:
        if clusters and s - clusters[-1][-1] <= DRIFT:
            clusters[-1].append(s)
        else:
            clusters.append([s])
    return [c[0] for c in clusters if len(c) >= 2] or [0]


def _rows(lines: list[str]) -> list[str]:
    columns = _columns(lines)

    def column(at: int) -> int:
        fits = [k for k, c in enumerate(columns) if c <= at + DRIFT]
        return max(fits) if fits else 0

    out: list[str] = []
    row: list[list[tuple[int, str]]] = []  # per column: (line number, text)

    def flush() -> None:
        if row:
            cells = [[t for _, t in cell] for cell in row]
            out.extend(_paired_by_line(row) if _numbers_column(row) else _flat(cells))
            out.append("")
        row.clear()

    for n, line in enumerate(lines):
        pieces = _segments(line)
        if not pieces:
            continue
        if column(pieces[0][0]) == 0:
            flush()  # text in the first column: a new row (a day, a time)
        if not row:
            row.extend([] for _ in columns)
        for at, piece in pieces:
            row[column(at)].append((n, piece))
    flush()
    return out


def _flat(cells: list[list[str]]) -> list[str]:
    return [line for cell in cells for line in cell]


def _numbers_column(row: list[list[tuple[int, str]]]) -> int | None:
    """The column of bare item numbers in a row, if one has titles beside it."""
    for k in range(1, len(row) - 1):
        if row[k] and row[k + 1] and all(_BARE_ITEM.match(t) for _, t in row[k]):
            return k
    return None


def _paired_by_line(row: list[list[tuple[int, str]]]) -> list[str]:
    """Item numbers joined to their titles: paragraph by paragraph when the counts agree
    (a wrapped title pushes the numbers out of line), else to the title on their line."""
    k = _numbers_column(row)
    assert k is not None
    out = _flat([[t for _, t in cell] for cell in row[:k]])
    numbers, titles = row[k], row[k + 1]
    paragraphs: list[list[tuple[int, str]]] = []
    for line, text in titles:
        if paragraphs and line - paragraphs[-1][-1][0] == 1:
            paragraphs[-1].append((line, text))
        else:
            paragraphs.append([(line, text)])
    if len(paragraphs) == len(numbers):
        for (_, number), paragraph in zip(numbers, paragraphs, strict=True):
            out.append(" ".join([number, *(t for _, t in paragraph)]))
    else:
        for i, (n, number) in enumerate(numbers):
            stop = numbers[i + 1][0] if i + 1 < len(numbers) else None
            mine = [t for line, t in titles if line >= n and (stop is None or line < stop)]
            out.append(" ".join([number, *mine]))
    out.extend(_flat([[t for _, t in cell] for cell in row[k + 2 :]]))
    return out
