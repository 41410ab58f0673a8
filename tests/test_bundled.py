"""The bundled COP9 session exists once: a real file in the package, and no copy elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

from scheduler.bundled import DEFAULT_SESSION, bundled_session_path
from tests.conftest import COP9, ROOT

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
