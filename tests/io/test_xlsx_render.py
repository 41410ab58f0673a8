"""The timetable workbook's annex and the daily programme print: LibreOffice turns them into a
PDF, and each page is A4, the table one page wide, the page header's text as written (no
`_x000a_`), every text in one sans-serif family (bold cells too).

Skipped, saying why, where LibreOffice or poppler is not installed; in CI (CI set) a missing
tool is a failure. The PDFs are left in pytest's temporary folder for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from scheduler.io.programme import write_programme
from scheduler.io.timetable_workbook import write_workbook
from scheduler.published import published_timetable

TOOLS = ("soffice", "pdfinfo", "pdftotext", "pdffonts", "fc-match")
A4 = (841.89, 595.28)  # points, landscape
# Per document: the header lines, then the column headings that must all be on one page.
EXPECTED = {
    "workbook-fr": (
        ("Annexe", "Projet d’organisation des travaux"),
        ("Date/heure", "Séance plénière", "Réunions parallèles"),
    ),
    "workbook-en": (
        ("Annex",),
        ("Date/time", "Plenary", "Parallel meetings"),
    ),
    "programme-fr": (
        ("Conférence des Parties", "Programme des séances"),
        ("Heure", "Salle", "Séance", "Points de l’ordre du jour", "Interprétation"),
    ),
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rendered(cop9, tmp_path_factory) -> Path:
    """The COP9 timetable workbook in French and English and the French programme, as PDFs."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        message = f"rendering needs LibreOffice and poppler-utils; missing: {', '.join(missing)}"
        if os.environ.get("CI"):
            pytest.fail(f"{message} (CI must install them)")
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("render-xlsx")
    for lang in ("fr", "en"):
        timetable = published_timetable(cop9, lang=lang)
        write_workbook(folder / f"workbook-{lang}.xlsx", cop9, timetable, None, None, lang=lang)
    write_programme(folder / "programme-fr.xlsx", cop9, published_timetable(cop9), "fr")
    profile = (folder / "profile").as_uri()  # its own profile: runs in parallel do not clash
    subprocess.run(
        [
            *("soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore"),
            *("--convert-to", "pdf", "--outdir", str(folder)),
            *(str(folder / f"{name}.xlsx") for name in EXPECTED),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    if not all((folder / f"{name}.pdf").exists() for name in EXPECTED):
        message = "LibreOffice has no spreadsheet component (install libreoffice-calc)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return folder


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def _pages(pdf: Path) -> list[str]:
    """The text of each page."""
    return _run("pdftotext", "-layout", str(pdf), "-").split("\f")[:-1]


def _annex_pages(name: str, pages: list[str]) -> list[str]:
    """The pages of the annex (or of the programme): those under its page header."""
    first_line = EXPECTED[name][0][0]
    return [page for page in pages if page.lstrip().startswith(first_line)]


@pytest.mark.parametrize("name", EXPECTED)
def test_every_page_is_a4_landscape(rendered, name):
    info = _run("pdfinfo", "-f", "1", "-l", "99", str(rendered / f"{name}.pdf"))
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert sizes
    for width, height in sizes:
        assert abs(float(width) - A4[0]) < 1 and abs(float(height) - A4[1]) < 1


@pytest.mark.parametrize("name", EXPECTED)
def test_the_table_is_one_page_wide_under_its_header(rendered, name):
    header, columns = EXPECTED[name]
    pages = _annex_pages(name, _pages(rendered / f"{name}.pdf"))
    assert pages, f"no page of {name} starts with its header"
    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert "_x000a_" not in page
        for expected, line in zip(header, lines, strict=False):  # the header's own lines
            assert line.startswith(expected), (name, lines[:3])
        heading_row = next(line for line in lines if line.startswith(columns[0]))
        for column in columns:  # every column on this page: nothing cut off to another
            assert column in heading_row, (name, column, heading_row)


def test_the_annex_is_all_on_the_annex_pages_no_day_alone_at_a_foot(rendered, cop9):
    """Every day of the session is printed on the annex's pages, in order, and no page ends
    with a day's heading whose periods are on the next page."""
    pages = _annex_pages("workbook-fr", _pages(rendered / "workbook-fr.pdf"))
    assert len(pages) >= 2
    text = "\n".join(pages)
    days = ["Lundi 15 octobre", "Mardi 16 octobre", "Jeudi 18 octobre", "Vendredi 19 octobre"]
    positions = [text.find(day) for day in days]
    assert -1 not in positions and positions == sorted(positions)
    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        last = lines[-2]  # above the page number
        assert not re.match(r"(Lundi|Mardi|Mercredi|Jeudi|Vendredi) \d+ octobre$", last), last


@pytest.mark.parametrize("name", EXPECTED)
def test_bold_and_regular_text_share_one_sans_serif_family(rendered, name):
    """Bold cells once had no font name and printed in LibreOffice's default serif."""
    fonts = _run("pdffonts", str(rendered / f"{name}.pdf")).splitlines()[2:]
    embedded = {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]) for line in fonts if line.strip()}
    families = {font.split("-")[0] for font in embedded}
    calibri = _run("fc-match", "-f", "%{family[0]}", "Calibri").replace(" ", "")
    assert families == {calibri}, embedded
    assert any("Bold" in font for font in embedded) and not any("Serif" in f for f in embedded)
