"""The YAML writer: comments where they belong, values PyYAML reads back unchanged."""

from __future__ import annotations

import datetime as dt

import yaml

from scheduler.agenda_import.yaml_text import to_yaml_text

DATA = {
    "session": {
        "number": 9,
        "days": [dt.date(2018, 10, 15), dt.date(2018, 10, 16)],
        "periods": [{"id": "AM", "start": "10:00", "end": "13:00"}],
        "venue": "yes",
    },
    "items": [
        {"id": "1", "title": {"fr": "Questions d'organisation : suite"}},
        {"id": "1a", "parent": "1", "minutes": 30, "fixed_start": dt.datetime(2018, 10, 15, 10)},
    ],
}


def test_round_trip() -> None:
    loaded = yaml.safe_load(to_yaml_text(DATA, {}, []))
    expected = yaml.safe_load(yaml.safe_dump(DATA))
    expected["items"][1]["fixed_start"] = "2018-10-15T10:00"  # as session files write it
    assert loaded == expected
    assert loaded["items"][0]["id"] == "1"  # quoted: stays a string
    assert loaded["session"]["venue"] == "yes"  # quoted: no boolean


def test_comments_beside_fields_above_long_ones_and_on_top() -> None:
    comments = {
        ("items", 1, "minutes"): "estimate: 1/6 of a meeting in the annex",
        ("session", "days"): "from the opening and five working days " + "x" * 60,
        ("items", 0): "TO COMPLETE",
    }
    text = to_yaml_text(DATA, comments, ["Report:", "- rooms are placeholders"])
    lines = text.splitlines()
    assert lines[:2] == ["# Report:", "# - rooms are placeholders"]
    assert "    minutes: 30  # estimate: 1/6 of a meeting in the annex" in lines
    days = next(n for n, line in enumerate(lines) if line.strip().startswith("days:"))
    assert lines[days - 2].strip().startswith("# from the opening")  # wrapped over two lines
    assert lines[days - 1].strip().startswith("#   xxx")
    first_item = next(line for line in lines if line.startswith("  - {id: '1'"))
    assert first_item.endswith("}  # TO COMPLETE")
    assert yaml.safe_load(text)["items"][1]["minutes"] == 30
