"""Page furniture, footnotes and broken words are removed or mended; real text is not."""

from __future__ import annotations

import pytest

from scheduler.agenda_import.cleaning import (
    Vocabulary,
    clean_phrase,
    is_furniture,
    join_lines,
    page_lines,
)


@pytest.mark.parametrize(
    "line",
    [
        "CTOC/COP/2018/1",
        "11/11 V.18-03737",
        "V.18-03737 2/11",
        "V.18-03737 (F)",
        "2 GE.26-04567",
        "18-03737 (E) 010818 020818",
        "*1803737*",
        "http://undocs.org/fr/CTOC/COP/2016/15",
        "Distr.: General",
        "Original : anglais",
        "`",
    ],
)
def test_page_furniture(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "(CTOC/COP/2018/10)",
        "5. Assistance technique.",
        "Vienne, 15-19 octobre 2018",
        "(suite)",
    ],
)
def test_text_is_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_footnote_dropped_until_the_next_item() -> None:
    text = (
        "8. Questions diverses.\n__________________\n  * Nouveau tirage.\n 9. Adoption du rapport."
    )
    lines, _ = page_lines(text)
    assert lines == ["8. Questions diverses.", "9. Adoption du rapport."]


def test_footnote_over_two_lines_then_prose() -> None:
    text = "a paragraph\n_______\n1 Official Records of the General\nAssembly, Supplement No. 49.\n"
    text += "The Conference will meet."
    lines, _ = page_lines(text)
    assert lines == ["a paragraph", "The Conference will meet."]


def test_header_symbols_are_collected() -> None:
    _, symbols = page_lines("CTOC/COP/2018/1\ntext\nCTOC/COP/2018/1\n")
    assert symbols.most_common(1) == [("CTOC/COP/2018/1", 2)]


def test_words_split_by_extraction_are_mended() -> None:
    vocabulary = Vocabulary("personnes personnes du du et au principaux la traite")
    text = "la traite des per sonnes d u Conseil e t social a u princ ipaux"
    assert vocabulary.mend(text) == "la traite des personnes du Conseil et social au principaux"


def test_real_word_pairs_are_not_merged() -> None:
    vocabulary = Vocabulary("as a part of it, apart from that; in to into")
    assert vocabulary.mend("as a part of it") == "as a part of it"
    assert vocabulary.mend("in to") == "in to"  # both are words elsewhere


def test_hyphenation_at_line_ends() -> None:
    vocabulary = Vocabulary("organizational vice-president vice-chair capacity-building")
    assert join_lines(["other organi-", "zational matters"], vocabulary) == (
        "other organizational matters"
    )
    assert join_lines(["un vice-", "président"], vocabulary) == "un vice-président"
    assert join_lines(["(CTOC/COP/", "2018/2)"], vocabulary) == "(CTOC/COP/2018/2)"


def test_clean_phrase_french_apostrophes_and_spaces() -> None:
    vocabulary = Vocabulary("")
    got = clean_phrase("à l ’adresse d ’en  aviser pour chaque groupe .", vocabulary, "fr")
    assert got == "à l'adresse d'en aviser pour chaque groupe."
    assert clean_phrase("States ’ representatives ( see )", vocabulary, "en") == (
        "States' representatives (see)"
    )
