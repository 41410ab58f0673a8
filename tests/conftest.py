"""Shared fixtures: the real COP9 session and a tiny session to vary rule by rule."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from scheduler.bundled import bundled_session_path
from scheduler.io.session_file import load_session, session_from_data
from scheduler.session import Session

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
COP9 = bundled_session_path()  # the one COP9 file, shipped with the package
TINY = DATA / "tiny.yaml"


def tiny_data() -> dict[str, Any]:
    """A fresh, mutable copy of the tiny session's data, to break one rule at a time."""
    return copy.deepcopy(yaml.safe_load(TINY.read_text(encoding="utf-8")))


def cop9_data() -> dict[str, Any]:
    """A fresh, mutable copy of the COP9 session's data, for variants."""
    return copy.deepcopy(yaml.safe_load(COP9.read_text(encoding="utf-8")))


def make_session(data: dict[str, Any]) -> Session:
    return session_from_data(data, file="<test>")


@pytest.fixture(scope="session")
def cop9() -> Session:
    """The ninth session of the CTOC Conference of the Parties: the reference case."""
    return load_session(COP9)


@pytest.fixture(scope="session")
def tiny() -> Session:
    """Two days, four plenary items and one working-group meeting: fast to solve."""
    return load_session(TINY)
