"""The list of items: numbering in sequence, titles over several lines, other list styles."""

from __future__ import annotations

from scheduler.agenda_import.agenda import parse_agenda
from scheduler.agenda_import.annotations import find_sections
from scheduler.agenda_import.cleaning import Vocabulary


def _parse(text: str, lang: str = "en") -> list[tuple[str, str]]:
    lines = text.splitlines()
    result = parse_agenda(lines, Vocabulary(text), lang)
    return [(item.id, item.title) for item in result.items]


def test_english_style_with_parenthesised_letters() -> None:
    text = """Provisional agenda
1. Organizational matters:
   (a) Opening of the session;
   (b) Adoption of the agenda.
2. Review of the implementation of the
   Convention.
Annotations
1. Organizational matters
"""
    assert _parse(text) == [
        ("1", "Organizational matters"),
        ("1a", "Opening of the session"),
        ("1b", "Adoption of the agenda"),
        ("2", "Review of the implementation of the Convention"),
    ]


def test_titles_without_punctuation_end_at_the_next_item_or_prose() -> None:
    text = """Provisional agenda
1. Opening of the session
2. Review of the implementation of the
United Nations Convention
3. Other matters
The Conference will open on Monday.
"""
    parsed = parse_agenda(text.splitlines(), Vocabulary(text), "en")
    assert [(i.id, i.title) for i in parsed.items] == [
        ("1", "Opening of the session"),
        ("2", "Review of the implementation of the United Nations Convention"),
        ("3", "Other matters"),
    ]
    assert any("no punctuation" in note for note in parsed.notes)


def test_numbers_out_of_sequence_are_not_items() -> None:
    text = """Ordre du jour provisoire
1. Ouverture de la session.
2. Questions diverses.
Annotations
"""
    lines = text.splitlines()
    lines.insert(2, "7. Une ligne citée hors séquence.")
    parsed = parse_agenda(lines, Vocabulary(text), "fr")
    assert [i.id for i in parsed.items] == ["1", "2"]


def test_a_third_level_is_reported_not_kept() -> None:
    text = """Provisional agenda
1. Matters:
(a) Reports:
(i) First report;
(b) Other.
Annotations
"""
    parsed = parse_agenda(text.splitlines(), Vocabulary(text), "en")
    assert [i.id for i in parsed.items] == ["1", "1a", "1b"]
    assert any("third level" in note for note in parsed.notes)


def test_annotation_headings_need_the_title_not_just_the_number() -> None:
    text = """Provisional agenda
1. Credentials.
2. Review of the Convention.
Annotations
1. Credentials
Rule 18 reads:
2. Any later change in the delegation shall also be submitted.
2. Review of the Convention
Text.
"""
    lines = text.splitlines()
    parsed = parse_agenda(lines, Vocabulary(text), "en")
    sections = find_sections(lines, parsed.end, len(lines), parsed.items)
    assert lines[sections["2"][0]] == "2. Review of the Convention"
    assert sections["1"] == (4, 7)


def test_a_bare_organization_of_work_heading_is_not_the_annex() -> None:
    from scheduler.agenda_import.annex import annex_start

    lines = [
        "Annotations",
        "Organization of work",
        "text",
        "Annex",
        "Proposed organization of work",
    ]
    assert annex_start(lines, 0) == 3
    assert annex_start(["x", "Proposed organization of work"], 0) == 1
    assert annex_start(["x", "Projet d'organisation des travaux"], 0) == 1
