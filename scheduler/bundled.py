"""Sessions shipped with the package (so they work after `pip install`, not only in the repo)."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

DEFAULT_SESSION = "ctoc-cop9-2018.yaml"


def bundled_session_path(name: str = DEFAULT_SESSION) -> Path:
    """Path of a bundled session file (the COP9 session by default)."""
    resource = files("scheduler") / "data" / "sessions" / name
    with as_file(resource) as path:  # a real file for regular installs
        return Path(path)
