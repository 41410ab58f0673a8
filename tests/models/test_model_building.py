"""Building a model: the collector is paused while it is built, and given back as it was."""

from __future__ import annotations

import gc

from models import SessionModel, session_modules
from models.context import Context, Module, PenaltyTerm
from scheduler.session import Session


def _noting(seen: list[bool]) -> dict[str, Module]:
    def note(ctx: Context) -> list[PenaltyTerm]:
        seen.append(gc.isenabled())
        return []

    return {**session_modules(), "note": note}


def test_the_collector_is_paused_while_building_and_resumed_after(tiny: Session) -> None:
    seen: list[bool] = []
    assert gc.isenabled()
    SessionModel(tiny, _noting(seen))
    assert seen == [False]
    assert gc.isenabled()


def test_a_paused_collector_stays_paused(tiny: Session) -> None:
    gc.disable()
    try:
        SessionModel(tiny)
        assert not gc.isenabled()
    finally:
        gc.enable()
