"""Draft a session file from an annotated provisional agenda (text, .docx or .pdf).

`import_agenda` reads the agenda items, the facts stated in the annotations (dates, opening,
meetings with interpretation, deadlines, meetings of other bodies, documents per item) and the
annex organization of work, and returns the session data with a report of everything it could
not read with confidence.
"""

from __future__ import annotations

from pathlib import Path

from scheduler.agenda_import.agenda import AgendaList, parse_agenda, split_run_together
from scheduler.agenda_import.annex import Annex, annex_start, parse_annex
from scheduler.agenda_import.annotations import Facts, read_facts
from scheduler.agenda_import.bodies import StatedDeadline
from scheduler.agenda_import.build import PLACEHOLDER, build_session
from scheduler.agenda_import.cleaning import Vocabulary, normalise_characters, page_lines
from scheduler.agenda_import.reading import read_document
from scheduler.agenda_import.result import DRAFT_NEEDS_PLANNER, ImportResult, ImportStatus
from scheduler.agenda_import.words import UN_LANGUAGES, guess_language
from scheduler.errors import InputError

__all__ = [
    "DRAFT_NEEDS_PLANNER",
    "MAX_CHARACTERS",
    "PLACEHOLDER",
    "ImportResult",
    "ImportStatus",
    "StatedDeadline",
    "import_agenda",
]

#: Larger texts are refused: an annotated agenda with its annex is some 100,000 characters;
#: import is linear, so this bounds it to a few seconds.
MAX_CHARACTERS = 5_000_000
#: The report line (and reason for a partial draft) of a text in none of the six languages.
UNKNOWN_LANGUAGE = (
    "language: none of the six UN languages (ar, zh, en, fr, ru, es) was recognised; nothing "
    "is read as wording and the titles are kept as found: give --lang, or the text in one of "
    "the six"
)


def import_agenda(path: Path, lang: str | None = None) -> ImportResult:
    """Read an annotated provisional agenda and draft its session file.

    `lang` is the document's language, one of the six UN languages; None detects it from the
    text (and the report says which). Raises `InputError` when the file cannot be opened or is
    larger than `MAX_CHARACTERS`; a garbled document, or one in none of the six languages,
    gives a partial draft and says so in the report (`status`, `why_partial`).
    """
    path = Path(path)
    text, notes = read_document(path)
    if len(text) > MAX_CHARACTERS:
        raise InputError(
            f"has {len(text):,} characters, more than the {MAX_CHARACTERS:,} an agenda can "
            "have: give the agenda and its annex only",
            file=path,
        )
    if not text.strip():
        notes.append("the document has no text")
    language = _language(text, lang, path, notes)
    lines, symbols = page_lines(text)
    lines = split_run_together(lines)
    vocabulary = Vocabulary(normalise_characters(text))
    agenda = parse_agenda(lines, vocabulary, language)
    annex_at = annex_start(lines, agenda.end)
    end = annex_at if annex_at is not None else len(lines)
    facts = _facts(lines, agenda, end, vocabulary, language, notes)
    annex = _annex(lines, annex_at, facts, vocabulary, language, notes)
    draft = build_session(
        language, agenda, facts, annex, [s for s, _ in symbols.most_common()], notes
    )
    result = ImportResult(
        session_data=draft.data,
        report=draft.report,
        comments=draft.comments,
        source=path.name,
        language=language,
        deadlines=draft.deadlines,
        items_read=len(agenda.items),
    )
    result.assess()
    if UNKNOWN_LANGUAGE in notes:
        result.why_partial.insert(0, UNKNOWN_LANGUAGE)
        result.status = ImportStatus.NEEDS_PLANNER
    return result


def _language(text: str, lang: str | None, path: Path, notes: list[str]) -> str:
    """The language to read `text` in: given, or detected and stated in the report."""
    if lang is not None:
        if lang.lower() not in UN_LANGUAGES:
            raise InputError(
                f"language {lang!r} is not read: give one of {', '.join(UN_LANGUAGES)}",
                file=path,
            )
        guess = guess_language(text)
        if guess.lang not in (None, lang.lower()) and not guess.assumed:
            notes.append(
                f"language: {lang.lower()} as given, but the text reads as {guess.lang}; the "
                f"titles are labelled {lang.lower()}: check --lang"
            )
        return lang.lower()
    guess = guess_language(text)
    if guess.lang is None:
        notes.append(UNKNOWN_LANGUAGE)
        return "en"
    if guess.assumed and text.strip():
        notes.append("language: too little text to tell; English is assumed (give --lang)")
    elif not guess.assumed:
        notes.append(f"language: {guess.lang}, detected from the text")
    return guess.lang


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
