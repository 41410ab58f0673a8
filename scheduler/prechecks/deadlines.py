"""Time windows left empty: a deadline before a fixed or earliest start."""

from __future__ import annotations

from collections.abc import Iterator

from scheduler.messages.terms import Moment
from scheduler.prechecks.findings import PrecheckFinding, chained, finding
from scheduler.prechecks.windows import Window, chain
from scheduler.prechecks.wording import who
from scheduler.session import Session


def empty_windows(session: Session, windows: dict[str, Window]) -> Iterator[PrecheckFinding]:
    """Activities whose rules leave no time at all: e.g. a deadline before a fixed start."""
    for a in session.activities:
        w = windows[a.id]
        lo = w.lo
        assert lo.at is not None
        if w.hi.at is not None and lo.at >= w.hi.at:
            end, key = w.hi, "end-by"
        elif w.ls.at is not None and lo.at > w.ls.at:
            end, key = w.ls, "start-by"
        else:
            continue
        assert end.at is not None
        found = finding(
            "window", "deadline", key, tuple(sorted(lo.why | end.why)),
            who=who(session, a.id), start=Moment(lo.at), end=Moment(end.at),
        )  # fmt: skip
        yield chained(found, chain(lo, end))
