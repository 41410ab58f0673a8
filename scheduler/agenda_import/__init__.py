"""Draft a session file from an annotated provisional agenda (text, .docx or .pdf).

`import_agenda` reads the agenda items, the facts stated in the annotations (dates, opening,
meetings with interpretation, deadlines, meetings of other bodies, documents per item) and the
annex organization of work, and returns the session data with a report of everything it could
not read with confidence.
"""

from __future__ import annotations

from pathlib import Path

from scheduler.agenda_import.agenda import AgendaList, parse_agenda
from scheduler.agenda_import.annex import Annex, annex_start, parse_annex
from scheduler.agenda_import.annotations import Facts, read_facts
from scheduler.agenda_import.bodies import StatedDeadline
from scheduler.agenda_import.build import PLACEHOLDER, build_session
from scheduler.agenda_import.cleaning import Vocabulary, normalise_characters, page_lines
from scheduler.agenda_import.reading import read_document
from scheduler.agenda_import.result import ImportResult
from scheduler.agenda_import.words import detect_language

__all__ = ["PLACEHOLDER", "ImportResult", "StatedDeadline", "import_agenda"]

READ_LANGUAGES = ("fr", "en")


def import_agenda(path: Path, lang: str | None = None) -> ImportResult:
    """Read an annotated provisional agenda and draft its session file.

    `lang` is the document's language (`fr`, `en`); None detects it. Raises `InputError` only
    when the file cannot be opened at all; a garbled document gives a partial draft and says so
    in the report.
    """
    path = Path(path)
    text, notes = read_document(path)
    if not text.strip():
        notes.append("the document has no text")
    language = (lang or detect_language(text)).lower()
    if language not in READ_LANGUAGES:
        notes.append(f"language {language!r}: only French and English wording is recognised")
    lines, symbols = page_lines(text)
    vocabulary = Vocabulary(normalise_characters(text))
    agenda = parse_agenda(lines, vocabulary, language)
    annex_at = annex_start(lines, agenda.end)
    end = annex_at if annex_at is not None else len(lines)
    facts = _facts(lines, agenda, end, vocabulary, language, notes)
    annex = _annex(lines, annex_at, facts, vocabulary, language, notes)
    draft = build_session(
        language, agenda, facts, annex, [s for s, _ in symbols.most_common()], notes
    )
    return ImportResult(
        session_data=draft.data,
        report=draft.report,
        comments=draft.comments,
        source=path.name,
        language=language,
        deadlines=draft.deadlines,
    )


def _facts(
    lines: list[str], agenda: AgendaList, end: int, vocabulary: Vocabulary, lang: str,
    notes: list[str],
) -> Facts:  # fmt: skip
    try:
        return read_facts(lines, agenda.start, (agenda.end, end), agenda.items, vocabulary, lang)
    except Exception as exc:  # a garbled document must give a partial draft, not a crash
        notes.append(f"the annotations could not be read ({type(exc).__name__}: {exc})")
        return Facts()


def _annex(
    lines: list[str], start: int | None, facts: Facts, vocabulary: Vocabulary, lang: str,
    notes: list[str],
) -> Annex | None:  # fmt: skip
    if start is None:
        notes.append("no annex organization of work: no published timetable, no durations")
        return None
    known = [a.name for a in facts.announcements]
    try:
        annex = parse_annex(lines, start, facts.year, known, vocabulary, lang)
    except Exception as exc:  # a garbled annex must give a partial draft, not a crash
        notes.append(f"the annex could not be read ({type(exc).__name__}: {exc})")
        return None
    if not annex.slots:
        notes.append("the annex has no day and time rows that could be read")
    return annex
