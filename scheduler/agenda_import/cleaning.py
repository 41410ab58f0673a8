"""Undo what PDF and Word extraction does to a UN document's text.

Extraction leaves page headers and footers (the document symbol, "11/11 V.18-03737", links),
footnotes under a rule of underscores, words hyphenated or split at random ("per sonnes",
"l ’adresse", "e t"), typographic apostrophes and odd spaces. Broken words are mended against
the document's own vocabulary: "per sonnes" becomes "personnes" because "personnes" occurs
elsewhere and "per" and "sonnes" alone hardly do. No dictionary is needed, so the same code
serves every language.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from scheduler.agenda_import.words import (
    AGENDA_HEADING,
    ANNEX_HEADING,
    ANNOTATIONS_HEADING,
    DOCUMENTATION_HEADING,
    FOOTNOTE_MARK,
    ORGANIZATION_OF_WORK,
    fold,
)

#: A UN document symbol: CTOC/COP/2018/1, A/RES/55/25, E/CN.15/2018/1, CTOC/COP/2018/CRP.1.
SYMBOL = r"[A-Z][A-Z0-9]*(?:\.[0-9]+)?(?:/[A-Z0-9][A-Za-z0-9.\-]*)+"
_SYMBOL_LINE = re.compile(rf"^{SYMBOL}(?:\s*\([A-Z]\))?$")

_CHARACTERS = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\u00b4": "'",
        "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u200a": " ",
        "\u2002": " ", "\u2003": " ", "\t": " ", "\f": "\n", "\r": "\n",
        "\u00ad": "", "\u200b": "", "\ufeff": "",
        "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    }
)  # fmt: skip

# Page furniture: lines that belong to the page, not to the text.
_FURNITURE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^\d{1,3}/\d{1,3}(\s+\S+)?$",  # "11/11 V.18-03737"
        r"^\S+\s+\d{1,3}/\d{1,3}$",  # "V.18-03737 2/11"
        r"^\d{1,3}\s+[A-Z]{1,3}\.\d{2}-\d{4,6}\b.*$",  # "2 GE.26-04567"
        r"^[A-Z]{1,3}\.\d{2}-\d{4,6}\b.*$",  # job number "V.18-03737 (F)"
        r"^\d{2}-\d{5}(\s*\([A-Z]\))?(\s+\d{6})*$",  # "18-03737 (E) 010818 020818"
        r"^\*\d{6,}\*$",  # bar code
        r"^(https?://|www\.)\S+$",
        r"^(please recycle|merci de recycler)\b.*$",
        r"^distr\.?\s*:.*$",
        r"^original\s*:.*$",
        r"^page \d+( (of|sur) \d+)?$",
        r"^-?\s*\d{1,3}\s*-?$",  # a page number alone
    )
]
_STRAY_LEAD = re.compile(r"^[`´^~•·▪■□◦\\|]+\s*")
_FOOTNOTE_RULE = re.compile(r"^_{5,}$")
_FOOTNOTE_MARK = re.compile(r"^(\*+|\d{1,3})\s+\S")
_ITEM_LINE = re.compile(r"^\d{1,2}\.\s+\S")
_SUB_ITEM_LINE = re.compile(r"^\(?[a-z]\)\s+\S")
_WORD = re.compile(r"[^\W\d_]+")


#: Characters YAML may not hold (control characters), left behind by broken extraction.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def normalise_characters(text: str) -> str:
    """One kind of apostrophe, space and line break; composed accents; no ligatures."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n")).translate(_CHARACTERS)
    return UNPRINTABLE.sub(" ", text)


def is_furniture(line: str) -> bool:
    """A page header or footer, a link, a job number: nothing to read."""
    text = line.strip()
    if not text:
        return False
    if not re.search(r"[^\W_]", text):
        return not _FOOTNOTE_RULE.match(text)  # punctuation only, e.g. a stray "`"
    return bool(_SYMBOL_LINE.match(text)) or any(p.match(text) for p in _FURNITURE)


def is_heading(line: str) -> bool:
    """A section heading of an annotated agenda (agenda, annotations, documentation, annex)."""
    folded = fold(FOOTNOTE_MARK.sub("", line.strip()))
    return any(
        p.match(folded)
        for p in (
            AGENDA_HEADING, ANNOTATIONS_HEADING, DOCUMENTATION_HEADING, ANNEX_HEADING,
            ORGANIZATION_OF_WORK,
        )
    )  # fmt: skip


def looks_structural(line: str) -> bool:
    """An item, sub-item or heading line: where a footnote surely ends."""
    text = line.strip()
    return bool(_ITEM_LINE.match(text) or _SUB_ITEM_LINE.match(text)) or is_heading(text)


def page_lines(text: str) -> tuple[list[str], Counter[str]]:
    """The text's lines without page furniture and footnotes, and the symbols in the headers.

    Blank lines are kept (as "") so that callers may see paragraph breaks.
    """
    lines: list[str] = []
    symbols: Counter[str] = Counter()
    in_footnote = False
    footnote_open = False  # the last footnote line did not end a sentence
    for raw in normalise_characters(text).split("\n"):
        line = _STRAY_LEAD.sub("", raw.strip()).strip()
        if _FOOTNOTE_RULE.match(line):
            in_footnote, footnote_open = True, True
            continue
        if in_footnote and line:
            if looks_structural(line) or not (footnote_open or _FOOTNOTE_MARK.match(line)):
                in_footnote = False
            else:
                footnote_open = not re.search(r"[.!?)»]$", line)
                continue
        if is_furniture(line):
            if _SYMBOL_LINE.match(line):
                symbols[re.sub(r"\s*\([A-Z]\)$", "", line)] += 1
            continue
        lines.append(line)
    return lines, symbols


class Vocabulary:
    """How often each word occurs in the document, to mend words broken by extraction."""

    def __init__(self, text: str) -> None:
        self.counts: Counter[str] = Counter(w.lower() for w in _WORD.findall(text))

    def count(self, word: str) -> int:
        return self.counts.get(word.lower(), 0)

    def should_merge(self, left: str, right: str) -> bool:
        """Whether `left right` is one word split in two ("per sonnes", "d u")."""
        if not right[:1].islower():
            return False
        joined = self.count(left + right)
        rarest = min(self.count(left), self.count(right))
        return joined >= 1 and rarest <= 2 and rarest < joined

    def dehyphenate(self, left: str, right: str) -> str:
        """`organi-` + `zation` at a line break: one word, or a real compound like `vice-`."""
        if self.count(left + right) >= 1:
            return left + right
        if self.count(left) >= 2:
            return f"{left}-{right}"
        return left + right

    def mend(self, text: str) -> str:
        """Merge words that extraction split with a space."""
        parts = re.split(r"([^\W\d_]+)", text)  # separators at even, words at odd indexes
        out: list[str] = [parts[0]]
        i = 1
        while i < len(parts):
            word = parts[i]
            while (
                i + 2 < len(parts) and parts[i + 1] == " " and self.should_merge(word, parts[i + 2])
            ):
                word += parts[i + 2]
                i += 2
            out.append(word)
            if i + 1 < len(parts):
                out.append(parts[i + 1])
            i += 2
        return "".join(out)


_ELISION_FR = re.compile(
    r"\b([ldjmnstcLDJMNSTC]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu|[Qq]uoiqu) *' *(?=[^\W\d_])"
)
_PLURAL_POSSESSIVE = re.compile(r"(?<=[^\W\d_])(s) +'(?=\s)")
#: How an apostrophe split from its word is mended, by the document's language: French
#: elision ("l 'adresse"), else an English plural possessive ("States '").
_APOSTROPHE = {"fr": _ELISION_FR}
_SPACE_BEFORE_APOSTROPHE = re.compile(r"(?<=[^\W\d_]) +'(?=[^\W\d_])")
_BROKEN_SYMBOL = re.compile(rf"\b({SYMBOL}/|[A-Z]{{1,6}}/) +(?=[A-Z0-9])")


def clean_phrase(text: str, vocabulary: Vocabulary, lang: str) -> str:
    """One line of clean text: single spaces, mended words, no space before `.` or `,`."""
    text = re.sub(r"\s+", " ", normalise_characters(text))
    text = _APOSTROPHE.get(lang, _PLURAL_POSSESSIVE).sub(r"\1'", text)
    text = _SPACE_BEFORE_APOSTROPHE.sub("'", text)
    text = _BROKEN_SYMBOL.sub(r"\1", text)
    text = vocabulary.mend(text)
    text = re.sub(r" +([.,)\]])", r"\1", text)
    text = re.sub(r"([(\[]) +", r"\1", text)
    return text.strip()


_HYPHEN_END = re.compile(r"([^\W\d_]+)-$")


def join_lines(lines: Iterable[str], vocabulary: Vocabulary) -> str:
    """Lines of one paragraph as one string, hyphenation at line ends undone.

    Linear in the text: only the end of the line before is looked at, never the whole string.
    """
    parts: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not parts:
            parts.append(line)
            continue
        last = parts[-1]
        tail = last[-100:]
        hyphen = _HYPHEN_END.search(tail)
        start = re.match(r"[^\W\d_]+", line)
        if hyphen and start and line[0].islower():
            word = vocabulary.dehyphenate(hyphen.group(1), start.group())
            cut = len(last) - len(tail) + hyphen.start()
            parts[-1] = last[:cut] + word + line[start.end() :]
        elif last.endswith("/") and re.match(r"[A-Z0-9]", line):
            parts[-1] = last + line  # a document symbol broken after a slash
        else:
            parts.append(line)
    return " ".join(parts)
