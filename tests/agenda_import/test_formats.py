"""Word and PDF files give the same draft as their text; unreadable files give clear errors."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from scheduler.agenda_import import ImportResult, import_agenda
from scheduler.errors import InputError
from tests.agenda_import.conftest import ENGLISH, SEED
from tests.agenda_import.documents import ANNEX_ROWS, write_docx, write_pdf


def _published(result: ImportResult) -> list[tuple[str, str, str]]:
    return sorted(
        (str(e["activity"]), str(e["date"]), e["period"]) for e in result.session_data["published"]
    )


def test_docx_with_the_annex_as_a_table(tmp_path: Path, english_import: ImportResult) -> None:
    text = ENGLISH.read_text(encoding="utf-8").split("\nAnnex\n")[0]
    path = write_docx(text, tmp_path / "agenda.docx", ANNEX_ROWS)
    result = import_agenda(path)
    assert result.problems() == []
    data, expected = result.session_data, english_import.session_data
    assert data["items"] == expected["items"]
    assert data["session"] == expected["session"]
    assert data["bodies"] == expected["bodies"]
    assert _published(result) == _published(english_import)


def test_docx_automatic_numbering_is_reported(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Provisional agenda")
    for title in ("Opening of the session.", "Other matters."):
        document.add_paragraph(title, style="List Number")
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    result = import_agenda(path)
    assert any("automatic numbering" in line for line in result.report)


def test_pdf_reads_like_its_text(tmp_path: Path, english_import: ImportResult) -> None:
    lines = ENGLISH.read_text(encoding="utf-8").splitlines()
    result = import_agenda(write_pdf(lines, tmp_path / "agenda.pdf"))
    assert result.session_data == english_import.session_data
    assert result.report == english_import.report


def test_pdf_of_the_seed_reads_like_the_seed(tmp_path: Path, seed_import: ImportResult) -> None:
    lines = [x for x in SEED.read_text(encoding="utf-8").splitlines() if x.strip()]
    result = import_agenda(write_pdf(lines, tmp_path / "seed.pdf"))
    assert result.session_data["items"] == seed_import.session_data["items"]
    assert result.session_data["published"] == seed_import.session_data["published"]


def test_pdf_without_text_is_reported(tmp_path: Path) -> None:
    result = import_agenda(write_pdf([], tmp_path / "scan.pdf"))
    assert any("no text layer" in line for line in result.report)


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("broken.pdf", b"this is no PDF", "cannot be read as PDF"),
        ("broken.docx", b"PK\x03\x04 not a zip", "cannot be read as a Word document"),
        ("agenda.doc", b"\xd0\xcf\x11\xe0", "save the document as .docx"),
        ("binary.txt", b"\x00\x01\x02" * 10, "is not a text file"),
    ],
)
def test_unreadable_files_raise_input_errors(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=problem):
        import_agenda(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        import_agenda(tmp_path / "nowhere.txt")
