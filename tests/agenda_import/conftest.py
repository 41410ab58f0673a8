"""Agenda documents to import, and their imports, computed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.agenda_import import ImportResult, import_agenda

AGENDAS = Path(__file__).resolve().parent.parent / "data" / "agendas"
SEED = AGENDAS / "ctoc-cop-2018-1.fr.txt"
ENGLISH = AGENDAS / "commission-en.txt"
FRENCH = AGENDAS / "comite-fr.txt"


@pytest.fixture(scope="session")
def seed_import() -> ImportResult:
    """The seed: the French annotated agenda of the ninth session of the CTOC Conference."""
    return import_agenda(SEED)


@pytest.fixture(scope="session")
def english_import() -> ImportResult:
    """An English agenda of another shape: `(a)` sub-items, a.m./p.m. times, ranges of items."""
    return import_agenda(ENGLISH)


@pytest.fixture(scope="session")
def french_import() -> ImportResult:
    """A French agenda with 9 h 30 periods, a weekday-only deadline and `Points 1 et 2`."""
    return import_agenda(FRENCH)
