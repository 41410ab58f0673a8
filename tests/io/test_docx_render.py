"""The Word annex renders: LibreOffice turns it into a PDF, poppler into PNG pages, and each
script is drawn with a font that has it (French, Arabic right to left, Chinese, Russian).

Skipped, saying why, where LibreOffice or poppler is not installed; in CI (CI set) a missing
tool is a failure, so the render is checked there. The pages are left in pytest's temporary
folder (`--basetemp` keeps them) for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from scheduler.io.docx_annex import write_annex_docx
from scheduler.published import published_timetable

TOOLS = ("soffice", "pdftoppm", "pdftotext", "pdffonts", "fc-list")
LANGS = ("fr", "ar", "zh", "ru")
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))

# Text each rendered annex must show, compared without white space (the PDF's text layer breaks
# lines and spaces out Chinese and digits); Arabic on words without the lam-alef ligature, which
# the text layer gives back as separate letters.
EXPECTED = {
    "fr": ["Annexe", "Projet d’organisation des travaux", "Lundi 15 octobre", "(suite)"],
    "ar": ["المرفق", "المقترح", "تشرين", "الساعة", "10:00", "تابع"],
    "zh": ["附件", "拟议工作安排", "10月15日，星期一", "上午10时至下午1时", "（续）"],
    "ru": ["Приложение", "Предлагаемая организация работы", "Пункт 1 а)", "(продолжение)"],
}
SCRIPTS = {
    "fr": "fr",
    "ar": "ar",
    "zh": "zh-cn",
    "ru": "ru",
}  # fontconfig languages the fonts must cover

pytestmark = pytest.mark.slow


def _missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@pytest.fixture(scope="module")
def rendered(cop9, tmp_path_factory) -> Path:
    """The COP9 annex in French, Arabic and Chinese, as .docx, .pdf and one .png per page."""
    missing = _missing_tools()
    if missing:
        message = (
            f"rendering needs LibreOffice (soffice), poppler-utils and fontconfig; "
            f"missing: {', '.join(missing)}"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{message} (CI must install them)")
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("render")
    timetable = published_timetable(cop9)
    documents = []
    for lang in LANGS:
        path = folder / f"annex-{lang}.docx"
        write_annex_docx(path, cop9, timetable, lang)
        documents.append(str(path))
    profile = (folder / "profile").as_uri()  # its own profile: runs in parallel do not clash
    subprocess.run(
        [
            *("soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore"),
            *("--convert-to", "pdf", "--outdir", str(folder), *documents),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    for lang in LANGS:
        pdf = folder / f"annex-{lang}.pdf"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(pdf), str(folder / f"annex-{lang}")],
            check=True,
            capture_output=True,
            timeout=60,
        )
    return folder


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True)
    return out.stdout.translate(BIDI_CONTROLS)


@pytest.mark.parametrize("lang", LANGS)
def test_the_annex_renders_to_pages(rendered, lang):
    pages = sorted(rendered.glob(f"annex-{lang}-*.png"))
    assert pages, f"no page rendered for {lang}"
    for page in pages:
        data = page.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(data) > 10_000  # a page with a table and text, not a blank page


@pytest.mark.parametrize("lang", LANGS)
def test_the_rendered_annex_shows_its_text(rendered, lang):
    text = "".join(_text(rendered / f"annex-{lang}.pdf").split())
    for expected in EXPECTED[lang]:
        assert "".join(expected.split()) in text, f"{expected!r} not in the {lang} rendering"


@pytest.mark.parametrize("lang", LANGS)
def test_each_script_is_drawn_with_a_font_that_has_it(rendered, lang):
    """The fonts embedded in the PDF include one that fontconfig says covers the language."""
    fonts = subprocess.run(
        ["pdffonts", str(rendered / f"annex-{lang}.pdf")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    embedded = {
        re.sub(r"^[A-Z]{6}\+", "", line.split()[0]).lower()
        for line in fonts.splitlines()[2:]
        if line.strip()
    }
    families = subprocess.run(
        ["fc-list", f":lang={SCRIPTS[lang]}", "family"], check=True, capture_output=True, text=True
    ).stdout
    covering = {
        name.replace(" ", "").lower()
        for line in families.splitlines()
        for name in line.split(",")
        if name.strip()
    }
    assert any(font.startswith(family) for font in embedded for family in covering), (
        f"no embedded font covers {lang}: {sorted(embedded)}"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_a_period_is_not_broken_mid_range(rendered, lang):
    """The time column is wide enough for a period on one line: "上午10时至下午1时", never
    "上午10时至下午1" above "时"."""
    lines = ["".join(line.split()) for line in _text(rendered / f"annex-{lang}.pdf").splitlines()]
    period = {
        "fr": "10heures-13heures",
        "ar": "10:00",
        "zh": "上午10时至下午1时",
        "ru": "10ч.00м.-13ч.00м.",
    }[lang]
    assert any(period in line for line in lines)
    if lang == "zh":
        assert not any(line.endswith("下午1") for line in lines)
