"""The annex as a Word document: what the secretariat pastes into the session document.

The table is built from the same rows as the workbook's annex sheet (`annex_rows`), so the two
never disagree: three columns (date and time, plenary, parallel meetings), a header row repeated
on every page, and per day a day row whose cell is merged over the width of the table, above
that day's period rows. Each item or meeting is a paragraph of its cell. Arabic is laid out
right to left (the table's first column on the right, each paragraph and run marked RTL).

Every run uses the language file's fonts, one per script class (Latin and Cyrillic, Chinese,
Arabic), so each of the six scripts has a font that draws it, in Word and in LibreOffice.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from scheduler.errors import InputError
from scheduler.io.annex import AnnexRow, annex_header, annex_heading, annex_rows
from scheduler.io.atomic import write_atomically
from scheduler.labels import Labels, labels
from scheduler.session import Session
from scheduler.timetable import Timetable

_PAGE = (Cm(21.0), Cm(29.7))  # A4 portrait, as UN documents
_MARGIN = Cm(2.2)
_TEXT_CM = 21.0 - 2 * 2.2  # the text width, shared by the three columns
#: The time column: as wide as its longest period, so that no period is broken mid-range
#: ("上午10时至下午1 / 时"), within these bounds (a longer one breaks at a space).
_TIME_CM = (2.6, 5.2)
_CELL_PADDING_CM = 0.5  # Word's cell margins (0.19 cm a side) and a little air
#: The parallel column's share of what the time column leaves: by the text each column holds,
#: so that an empty parallel column is never wider than a full plenary one, nor too narrow
#: for its heading and a meeting's title.
_PARALLEL_SHARE = (0.35, 0.65)

Widths = tuple[Cm, Cm, Cm]


def annex_document(session: Session, timetable: Timetable, lang: str = "fr") -> DocumentObject:
    """The annex heading and table as a python-docx document, in `lang`."""
    words = labels(lang)
    document = Document()
    _page(document, words)
    _default_style(document, words)
    heading, title = annex_heading(lang)
    _paragraph(document.add_paragraph(), heading, words, bold=True, size=words.fonts.size + 2)
    title_paragraph = document.add_paragraph()
    _paragraph(title_paragraph, title, words, bold=True, size=words.fonts.size + 2)
    title_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER  # centred, whatever the direction
    title_paragraph.paragraph_format.space_after = Pt(12)
    _table(document, session, timetable, words, lang)
    properties = document.core_properties
    properties.title = f"{heading}: {title}"
    properties.subject = session.title(lang)
    properties.language = words.language.tag
    properties.author = properties.comments = ""  # not the library's name in the planner's file
    return document


def write_annex_docx(
    path: str | Path, session: Session, timetable: Timetable, lang: str = "fr"
) -> None:
    """Write the annex as a Word document at `path`, atomically.

    An unknown language or an unwritable path raises `InputError`.
    """
    document = annex_document(session, timetable, lang)
    try:
        write_atomically(path, lambda tmp: document.save(str(tmp)))
    except OSError as exc:
        raise InputError(f"cannot be written ({exc.strerror or exc})", file=path) from None


# --- layout ---------------------------------------------------------------------------------------


def _page(document: DocumentObject, words: Labels) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = _PAGE
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, _MARGIN)
    if words.rtl:
        _set(section._sectPr, "w:bidi")


def _default_style(document: DocumentObject, words: Labels) -> None:
    """Fonts, size and language of the Normal style, so that every run inherits them."""
    style = document.styles["Normal"]
    _run_properties(style.element.get_or_add_rPr(), words, size=words.fonts.size)
    if words.rtl:
        _set(style.element.get_or_add_pPr(), "w:bidi")


def _table(
    document: DocumentObject, session: Session, timetable: Timetable, words: Labels, lang: str
) -> Table:
    rows = annex_rows(session, timetable, lang)
    header = annex_header(lang)
    widths = _widths(rows, (header.date, header.plenary, header.parallel), words)
    table = document.add_table(rows=0, cols=3)
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid: LibreOffice lays columns out by it, Word by the cells
    if words.rtl:
        _set(table._tbl.tblPr, "w:bidiVisual")
    texts = (header.date, header.plenary, header.parallel)
    _row(table, texts, widths, words, bold=True, header=True)
    for row in rows:
        if row.is_day:
            _day_row(table, row.date, widths, words)
        elif row.is_note:
            _day_row(table, row.plenary, widths, words, bold=False)
        else:
            _row(table, (row.time, row.plenary, row.parallel), widths, words)
    return table


def _ems(text: str) -> float:
    """How wide a line is, in ems of its font, on the generous side: a Chinese character (or
    a full-width sign) an em, a space or a stop under a third of one, another character a
    little over half of one (digits and letters), and a quarter of an em where Chinese meets
    digits or letters (the space Word and LibreOffice add there: "上午 10 时")."""
    wide = [unicodedata.east_asian_width(ch) in "WF" for ch in text]
    changes = sum(a != b for a, b in pairwise(wide))
    narrow = sum(1 for ch in text if ch in _NARROW)
    return sum(1.0 if w else 0.55 for w in wide) - 0.25 * narrow + 0.25 * changes


_NARROW = frozenset(" .,:;")


def _lines(texts: Iterable[str]) -> list[str]:
    return [line for text in texts for line in text.split("\n") if line]


def _widths(rows: Sequence[AnnexRow], header: tuple[str, str, str], words: Labels) -> Widths:
    """Column widths, in the text width: the time column fits its longest period on one
    line (bold heading included); the plenary and parallel columns share the rest by the
    text each holds."""
    periods = [r for r in rows if not r.is_day and not r.is_note]
    em_cm = words.fonts.size * 2.54 / 72
    longest = max(_ems(line) for line in _lines([header[0], *(r.time for r in periods)]))
    low, high = _TIME_CM
    time = min(max(longest * em_cm + _CELL_PADDING_CM, low), high)
    rest = _TEXT_CM - time
    plenary = sum(_ems(line) for line in _lines(r.plenary for r in periods))
    parallel = sum(_ems(line) for line in _lines(r.parallel for r in periods))
    low, high = _PARALLEL_SHARE
    share = parallel / (plenary + parallel) if plenary + parallel else 0.5
    share = min(max(share, low), high)
    return Cm(time), Cm(rest * (1 - share)), Cm(rest * share)


def _row(
    table: Table,
    texts: tuple[str, str, str],
    widths: Widths,
    words: Labels,
    bold: bool = False,
    header: bool = False,
) -> None:
    row = table.add_row()
    properties = row._tr.get_or_add_trPr()
    _set(properties, "w:cantSplit")  # a period's row is never cut across two pages
    if header:
        _set(properties, "w:tblHeader")  # repeated at the top of every page
    for cell, text, width in zip(row.cells, texts, widths, strict=True):
        cell.width = width
        _cell_text(cell, text, words, bold=bold)


def _day_row(table: Table, day: str, widths: Widths, words: Labels, bold: bool = True) -> None:
    """The day (or a holiday's name, not bold), in one cell spanning the three columns, kept
    on the page of the row after it."""
    row = table.add_row()
    _set(row._tr.get_or_add_trPr(), "w:cantSplit")
    for cell, width in zip(row.cells, widths, strict=True):
        cell.width = width
    merged = row.cells[0].merge(row.cells[2])
    _cell_text(merged, day, words, bold=bold)
    for paragraph in merged.paragraphs:
        paragraph.paragraph_format.keep_with_next = True


def _cell_text(cell: _Cell, text: str, words: Labels, bold: bool = False) -> None:
    """One paragraph per line: an item or a meeting per paragraph, as typed in Word."""
    lines = text.split("\n") if text else [""]
    _paragraph(cell.paragraphs[0], lines[0], words, bold=bold)
    for line in lines[1:]:
        _paragraph(cell.add_paragraph(), line, words, bold=bold)


def _paragraph(
    paragraph: Paragraph, text: str, words: Labels, bold: bool = False, size: float | None = None
) -> None:
    if words.rtl:
        _set(paragraph._p.get_or_add_pPr(), "w:bidi")
    if not text:
        return
    run = paragraph.add_run(text)
    properties = run._r.get_or_add_rPr()
    if bold:
        _set(properties, "w:b")
        _set(properties, "w:bCs")  # bold for Arabic too: Word reads w:bCs for it
    if size is not None:
        _run_properties(properties, words, size=size, fonts=False)
    if words.rtl:
        _set(properties, "w:rtl")


def _run_properties(
    properties: BaseOxmlElement, words: Labels, size: float, fonts: bool = True
) -> None:
    """Fonts per script class, size for every script, and the language of the text."""
    if fonts:
        rfonts = _set(properties, "w:rFonts")
        for name in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            rfonts.attrib.pop(qn(f"w:{name}"), None)  # a theme font would win over ours
        font = words.fonts
        for attribute, value in (
            ("ascii", font.latin),
            ("hAnsi", font.latin),
            ("eastAsia", font.east_asia),
            ("cs", font.complex),
        ):
            rfonts.set(qn(f"w:{attribute}"), value)
    half_points = str(round(size * 2))
    _set(properties, "w:sz").set(qn("w:val"), half_points)
    _set(properties, "w:szCs").set(qn("w:val"), half_points)
    if fonts:
        # Each script class has its own language: Latin text (an English title that stands in
        # for a missing translation) is hyphenated and wrapped as English, not as Chinese.
        tag = words.language.tag
        chinese, arabic = tag.startswith("zh"), words.rtl
        language = _set(properties, "w:lang")
        language.set(qn("w:val"), "en-GB" if chinese or arabic else tag)
        language.set(qn("w:eastAsia"), tag if chinese else "zh-CN")
        language.set(qn("w:bidi"), tag if arabic else "ar-SA")


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# The schema order of the children of the elements this module sets (ECMA-376 part 1, 17.3.1.26,
# 17.3.2.28, 17.4.60, 17.6.17): an element out of order makes Word refuse the file. (The
# children of w:trPr may come in any order.)
_ORDER: dict[str, tuple[str, ...]] = {
    "w:rPr": _names(
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
        "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
        "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
    ),
    "w:pPr": _names(
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
        "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
        "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
        "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
        "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
    ),
    "w:tblPr": _names(
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
        "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
        "tblDescription"
    ),
    "w:sectPr": _names(
        "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc "
        "pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection "
        "bidi rtlGutter docGrid printerSettings sectPrChange"
    ),
}


def _set(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """The child `tag` of `parent`, added in its schema position if it is not there yet."""
    existing = parent.find(qn(tag))
    if existing is not None:
        return existing
    element = OxmlElement(tag)
    order = next((o for name, o in _ORDER.items() if parent.tag == qn(name)), ())
    local = tag.split(":", 1)[1]
    if local in order:
        rank = order.index(local)
        for child in parent:
            name = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
            if name in order and order.index(name) > rank:
                child.addprevious(element)
                return element
    parent.append(element)
    return element
