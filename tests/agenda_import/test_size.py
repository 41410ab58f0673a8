"""Import is linear in the text, with a size limit for absurd inputs.

The 10,000-line document is generated here, not committed; no clock is asserted (the suite
runs on shared machines): the structure read from it is, and the limit is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.agenda_import import MAX_CHARACTERS, import_agenda
from scheduler.agenda_import.cleaning import Vocabulary, join_lines
from scheduler.errors import InputError

ITEMS = 99  # two digits: the most an agenda numbers
LINES_PER_ITEM = 100


def _generated_agenda() -> str:
    """An English agenda of 99 items, each annotated by a paragraph of ~100 lines."""
    lines = ["Generated Commission", "Tenth session", "Geneva, 3-7 March 2031", "",
             "Provisional agenda"]  # fmt: skip
    lines += [f"{n}. Question number {n} of the generated session." for n in range(1, ITEMS + 1)]
    lines += ["", "Annotations"]
    for n in range(1, ITEMS + 1):
        lines += [f"{n}. Question number {n} of the generated session", ""]
        lines += [
            f"The Commission will consider question {n} and the report on it, line {k}, with "
            "the documents listed below and the views of the States members of the Commis-"
            for k in range(LINES_PER_ITEM - 3)
        ]
        lines.append("sion.")
    return "\n".join(lines) + "\n"


def test_ten_thousand_lines_are_read_whole(tmp_path: Path) -> None:
    text = _generated_agenda()
    assert text.count("\n") >= 10_000
    path = tmp_path / "generated.en.txt"
    path.write_text(text, encoding="utf-8")
    result = import_agenda(path)
    items = result.session_data["items"]
    assert len(items) == result.items_read == ITEMS
    assert items[-1]["title"] == {"en": f"Question number {ITEMS} of the generated session"}
    assert result.session_data["session"]["number"] == 10


def test_a_long_paragraph_is_joined_whole() -> None:
    """Hyphenation mended across 10,000 lines: the join looks at the line end only."""
    lines = ["The Commis-", "sion meets."] * 5_000
    joined = join_lines(lines, Vocabulary("Commission"))
    assert joined == " ".join(["The Commission meets."] * 5_000)


def test_absurd_sizes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("x" * (MAX_CHARACTERS + 1), encoding="utf-8")
    with pytest.raises(InputError, match="more than the"):
        import_agenda(path)
