"""Time windows left empty: a deadline before a fixed or earliest start."""

from __future__ import annotations

from collections.abc import Iterator

from scheduler.prechecks.findings import PrecheckFinding
from scheduler.prechecks.windows import Window
from scheduler.prechecks.wording import when, who
from scheduler.session import Session


def empty_windows(session: Session, windows: dict[str, Window]) -> Iterator[PrecheckFinding]:
    """Activities whose rules leave no time at all: e.g. a deadline before a fixed start."""
    for a in session.activities:
        w = windows[a.id]
        lo = w.lo
        assert lo.at is not None
        if w.hi.at is not None and lo.at >= w.hi.at:
            end, verb_en, verb_fr = w.hi, "end by", "se terminer"
        elif w.ls.at is not None and lo.at > w.ls.at:
            end, verb_en, verb_fr = w.ls, "start by", "commencer"
        else:
            continue
        assert end.at is not None
        en, fr = who(session, a.id, "en"), who(session, a.id, "fr")
        yield PrecheckFinding(
            "window", "deadline",
            f"{en} may not start before {when(lo.at, 'en')} but must {verb_en} "
            f"{when(end.at, 'en')}",
            f"{fr} ne peut commencer avant le {when(lo.at, 'fr')} mais doit {verb_fr} au plus "
            f"tard le {when(end.at, 'fr')}",
            tuple(sorted(lo.why | end.why)),
        )  # fmt: skip
