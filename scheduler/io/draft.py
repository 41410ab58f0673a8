"""The mark of a document published from a timetable that breaks rules: "DRAFT: ... N rules".

`schedule export` refuses such a timetable; with `--force` it publishes it, and each document
says so where its reader looks first: the Word annex in a first paragraph and in the header of
every later page, the daily programme in its first row and its printed header, the calendar in its
name and at the top of each event's description. The words are the message `cli.draft`, in the
document's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scheduler.messages import word

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

    from scheduler.validation import Report

#: The mark's colour: the red a reader notices in print and on screen.
DRAFT_RED = "C00000"


def draft_mark(validation: Report | None, lang: str) -> str | None:
    """The mark for a timetable the validator refused, None for one that holds (or unchecked)."""
    if validation is None or validation.ok:
        return None
    return word("cli.draft", lang, count=len(validation.broken_rules()))


def mark_document(document: Document, mark: str, *, rtl: bool = False) -> None:
    """Put `mark` above the annex's heading and in the header of every later page, bold and
    red (the first page's header is left empty: the mark is already on it)."""
    first = document.paragraphs[0]
    _marked(first.insert_paragraph_before(), mark, rtl)
    for section in document.sections:
        section.different_first_page_header_footer = True
        header = section.header
        header.is_linked_to_previous = False
        _marked(header.paragraphs[0], mark, rtl)


def _marked(paragraph: Paragraph, mark: str, rtl: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(mark)
    run.bold = True
    run.font.size = Pt(12)
    run.font.color.rgb = RGBColor.from_string(DRAFT_RED)
    if rtl:
        run.font.rtl = True
