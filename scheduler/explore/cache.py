"""A folder of solved variants, so that a sweep resumes and nothing is solved twice.

Each result is a file named by the SHA-256 of what decides it: the session's content (its
whole data, defaults included, so the same session written two ways is one entry), the
effective solver settings (time limit, workers, seed, hint, explanation) and the OR-Tools
version. The variant's name is not part of it: two names for one session share an entry.
Files are written atomically as each variant finishes; one that cannot be read (written by
another version of this package) is a miss, solved again and overwritten.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

#: Bumped when what a cache file holds changes shape (2: answers are `worker.Solved`).
FORMAT = 2


@functools.cache
def ortools_version() -> str:
    from importlib.metadata import version

    return version("ortools")


def result_key(session_data: dict[str, Any], settings: dict[str, Any]) -> str:
    """The hash under which a variant's result is stored."""
    decided_by = {
        "format": FORMAT,
        "ortools": ortools_version(),
        "session": session_data,
        "settings": settings,
    }
    text = json.dumps(decided_by, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ResultCache:
    """Results by key in a folder (created on first write)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def get(self, key: str) -> Any | None:
        """The stored result, or None (absent, or unreadable by this version)."""
        path = self._path(key)
        try:
            with path.open("rb") as stream:
                stored = pickle.load(stream)
        except FileNotFoundError:
            return None
        except Exception:  # written by another version: solve again
            return None
        if not isinstance(stored, dict) or stored.get("format") != FORMAT:
            return None
        return stored["result"]

    def put(self, key: str, result: Any) -> None:
        """Store a result atomically: a sweep killed mid-write leaves no broken file."""
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump({"format": FORMAT, "result": result}, stream)
            os.replace(temporary, self._path(key))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def __len__(self) -> int:
        return len(list(self.folder.glob("*.pickle"))) if self.folder.is_dir() else 0
