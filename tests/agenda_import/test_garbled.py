"""A garbled document gives a partial draft and a report that says what is missing."""

from __future__ import annotations

import random
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler.agenda_import import PLACEHOLDER, ImportResult, import_agenda
from tests.agenda_import.conftest import SEED

SEED_LINES = [x for x in SEED.read_text(encoding="utf-8").splitlines() if x.strip()]


def _import(tmp_path: Path, text: str, name: str = "garbled.txt") -> ImportResult:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return import_agenda(path)


def test_noise_gives_placeholders_and_a_report(tmp_path: Path) -> None:
    result = _import(tmp_path, "%%% ?? lorem ipsum\n\n12/7 *** V.18-0000\n")
    text = "\n".join(result.report)
    assert "no numbered agenda list" in text
    assert "no session date found" in text
    assert "no annex organization of work" in text
    data = result.session_data
    assert data["items"][0]["title"]["en"] == PLACEHOLDER
    assert data["session"]["body"]["en"] == PLACEHOLDER
    assert data["session"]["days"] == []
    assert any("days" in p for p in result.problems())  # not valid yet: the planner must act
    assert yaml.safe_load(result.to_yaml())["items"][0]["title"]["en"] == PLACEHOLDER


def test_empty_document(tmp_path: Path) -> None:
    result = _import(tmp_path, "")
    assert "the document has no text" in result.report


def test_truncated_seed_keeps_what_it_has(tmp_path: Path) -> None:
    """The seed cut before its annex, with a page of noise: items and facts survive."""
    text = SEED.read_text(encoding="utf-8")
    cut = text.split("Annexe")[0]
    lines = cut.splitlines()
    lines[300:300] = ["@@@@ 47/11 ####", "Ñ÷ 3 ¤¤", "_____", "lorem 4. ipsum"]
    result = _import(tmp_path, "\n".join(lines), "truncated.fr.txt")
    data = result.session_data
    assert len(data["items"]) == 19
    assert "published" not in data
    assert data["session"]["days"][0].isoformat() == "2018-10-15"
    assert all(item.get("minutes") == 180 for item in data["items"] if item["id"] not in "12")
    assert any("no duration for item(s)" in line for line in result.report)
    assert result.problems() == []  # placeholders that still validate


def test_missing_items_in_the_list_are_reported(tmp_path: Path) -> None:
    text = "Provisional agenda\n1. Opening.\n2. Debate.\n4. Other matters.\n5. Report.\n"
    result = _import(tmp_path, text)
    assert [i["id"] for i in result.session_data["items"]] == ["1", "2", "4", "5"]
    assert any("item(s) 3 to 3 not found" in line for line in result.report)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    picks=st.lists(st.integers(0, len(SEED_LINES) - 1), max_size=80),
    noise=st.lists(
        st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=30),
        max_size=5,
    ),
    seed=st.integers(0, 10**6),
)
def test_any_mix_of_agenda_lines_gives_a_draft(
    tmp_path: Path, picks: list[int], noise: list[str], seed: int
) -> None:
    lines = [SEED_LINES[i] for i in picks] + noise
    random.Random(seed).shuffle(lines)
    result = _import(tmp_path, "\n".join(lines))
    assert isinstance(result.session_data["items"], list) and result.session_data["items"]
    loaded = yaml.safe_load(result.to_yaml())
    assert set(loaded) >= {"session", "interpretation", "rooms", "bodies", "items"}


def test_control_characters_do_not_reach_the_yaml(tmp_path: Path) -> None:
    text = "Provisional agenda\n1. Open\x1bing of the session.\n2. Other\x07 matters.\n\x0c"
    result = _import(tmp_path, text, "control\x1b.txt")
    loaded = yaml.safe_load(result.to_yaml())
    assert [i["title"]["en"] for i in loaded["items"]] == [
        "Open ing of the session",
        "Other matters",
    ]
