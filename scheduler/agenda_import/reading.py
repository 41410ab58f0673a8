"""The text of an agenda document: plain text, Word (.docx) or PDF.

Word tables (the annex) are read row by row, each cell's paragraphs as lines, which is how PDF
extraction lays them out too; the parsers then see one shape of text whatever the format.
Headers, footers and footnotes of a Word file live outside its body and are not read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
    """A Word table row by row: each cell's paragraphs as lines, merged cells once."""
    lines: list[str] = []
    for row in table.rows:
        seen: list[object] = []  # a merged cell is returned once per grid column
        for cell in row.cells:
            if any(cell._tc is tc for tc in seen):
                continue
            seen.append(cell._tc)
            for paragraph in cell.paragraphs:
                lines.extend(paragraph.text.split("\n"))
        lines.append("")
    return lines


def _pdf_text(path: Path) -> tuple[str, list[str]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError, KeyError) as exc:
        raise InputError(f"cannot be read as PDF ({exc})", file=path) from None
    notes = []
    if pages and not any(p.strip() for p in pages):
        notes.append("the PDF has no text layer (a scan?): run OCR first or give the text")
    return "\n".join(pages), notes
