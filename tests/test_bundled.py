"""The bundled COP9 session exists once: a real file in the package, and no copy elsewhere.

The impossible variants of `instances/variants/` repeat most of it, to be read on their own:
each is checked to be COP9 with its stated change, so that a change to COP9 reaches them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from scheduler.bundled import DEFAULT_SESSION, bundled_session_path
from tests.conftest import COP9, ROOT, cop9_data

VARIANTS = ROOT / "instances" / "variants"

#: Folders that are not the project's own files (environments, caches, builds).
SKIPPED = {"build", "dist", "node_modules", "__pycache__"}


def _project_files() -> list[Path]:
    found = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [
            d
            for d in subfolders
            if not d.startswith(".") and d not in SKIPPED and not d.endswith(".egg-info")
        ]
        found.extend(Path(folder) / name for name in files)
    return found


def test_the_bundled_session_is_a_real_file_of_the_package():
    path = bundled_session_path()
    assert path == COP9
    assert path.is_file() and not path.is_symlink()
    assert path.parent.parts[-3:] == ("scheduler", "data", "sessions")


def test_no_other_copy_of_the_cop9_session():
    text = bundled_session_path().read_bytes()
    copies = [
        path.relative_to(ROOT)
        for path in _project_files()
        if path != bundled_session_path()
        and (path.name == DEFAULT_SESSION or path.resolve() == COP9 or _same(path, text))
    ]
    assert copies == [], "use scheduler.bundled_session_path() instead of a copy"


def _same(path: Path, text: bytes) -> bool:
    if path.suffix not in {".yaml", ".yml"} or path.stat().st_size != len(text):
        return False
    return path.read_bytes() == text


# --- the impossible variants of COP9 in instances/variants/ ---------------------------------

Data = dict[str, Any]


def _entry(entries: list[Data], key: str) -> Data:
    (found,) = [e for e in entries if e["id"] == key]
    return found


def _four_days(data: Data) -> None:
    data["session"]["days"] = data["session"]["days"][:4]


def _nine_interpreted_meetings(data: Data) -> None:
    data["interpretation"]["budget"] = 9


def _working_group_six_meetings(data: Data) -> None:
    group = _entry(data["meetings"], "wg-ic-10")
    del group["date"]
    group.update(meetings=6, earliest_start="2018-10-16T10:00")


def _working_group_thursday_afternoon(data: Data) -> None:
    group = _entry(data["meetings"], "wg-ic-10")
    del group["date"]
    group["fixed_start"] = "2018-10-18T15:00"


def _three_bodies_two_teams(data: Data) -> None:
    title = {"fr": "Groupe de travail sur la traite des personnes"}
    title["en"] = "Working Group on Trafficking in Persons"
    data["interpretation"]["parallel_cap"] = 3
    data["rooms"].append({"id": "room-d", "name": "Conference room D", "interpretation": True})
    body = {"id": "wg-tip", "kind": "working_group", "name": title, "rooms": ["room-d"]}
    data["bodies"].insert(2, {**body, "interpreted": True})
    meeting = {"id": "wg-tip-meeting", "body": "wg-tip", "title": title, "meetings": 1}
    data["meetings"].insert(1, {**meeting, "fixed_start": "2018-10-16T10:00"})


#: Each variant's file -> its change to COP9 (every variant also drops the published annex).
VARIANT_CHANGES: dict[str, Callable[[Data], None]] = {
    "cop9-four-days.yaml": _four_days,
    "cop9-nine-interpreted-meetings.yaml": _nine_interpreted_meetings,
    "cop9-three-bodies-two-teams.yaml": _three_bodies_two_teams,
    "cop9-working-group-six-meetings.yaml": _working_group_six_meetings,
    "cop9-working-group-thursday-afternoon.yaml": _working_group_thursday_afternoon,
}


@pytest.mark.parametrize("name", sorted(VARIANT_CHANGES))
def test_a_variant_is_cop9_with_its_stated_change(name):
    """A variant copies COP9 to be read on its own: a change to COP9 must reach it too."""
    expected = cop9_data()
    del expected["published"]
    VARIANT_CHANGES[name](expected)
    variant = yaml.safe_load((VARIANTS / name).read_text(encoding="utf-8"))
    assert variant == expected, f"instances/variants/{name} is not COP9 with its VARIANT changes"


def test_every_variant_states_its_change():
    assert sorted(p.name for p in VARIANTS.glob("*.yaml")) == sorted(VARIANT_CHANGES)
