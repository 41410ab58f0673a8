"""A body's meeting time: activities that need more of it than the periods of their windows give.

Windows come from `windows.time_windows`, so agenda order and first/last carry fixed times and
deadlines from one activity to the next.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator

from scheduler.prechecks.calendar import Calendar, Supply
from scheduler.prechecks.findings import Key, PrecheckFinding
from scheduler.prechecks.windows import Window, empty
from scheduler.prechecks.wording import when
from scheduler.session import Session


def capacity(
    session: Session, cal: Calendar, windows: dict[str, Window]
) -> Iterator[PrecheckFinding]:
    """Per body, the tightest window whose activities cannot fit in its periods."""
    for body in session.bodies:
        activities = [a for a in session.body_activities(body.id) if not empty(windows[a.id])]
        starts = sorted({t for a in activities if (t := windows[a.id].lo.at) is not None})
        ends = sorted({t for a in activities if (t := windows[a.id].hi.at) is not None})
        best: tuple[tuple[int, int], PrecheckFinding] | None = None
        for start in starts:
            for end in ends:
                if start >= end:
                    continue
                inside = [a for a in activities if _within(windows[a.id], start, end)]
                if not inside:
                    continue
                whole = sum(a.meetings or 0 for a in inside if a.whole_meetings)
                minutes = sum(a.minutes or 0 for a in inside if not a.whole_meetings)
                supply = Supply.of(cal, inside, start, end)
                if not supply.short_of(whole, minutes):
                    continue
                why = set(cal.closures(start, end))
                for a in inside:
                    w = windows[a.id]
                    if w.base < start:
                        why |= w.lo.why
                    why |= w.hi.why
                rank = (len(why), len(supply.slots))
                if best is None or rank < best[0]:
                    found = _capacity_finding(session, body.id, supply, whole, minutes, why)
                    best = (rank, found)
        if best is not None:
            yield best[1]


def _within(w: Window, start: dt.datetime, end: dt.datetime) -> bool:
    return w.lo.at is not None and w.hi.at is not None and w.lo.at >= start and w.hi.at <= end


def _capacity_finding(
    session: Session, body: str, supply: Supply, whole: int, minutes: int, why: set[Key]
) -> PrecheckFinding:
    name_en, name_fr = session.body(body).name.get("en"), session.body(body).name.get("fr")
    shown = supply.slots or []
    start = max(supply.start, shown[0].start) if shown else supply.start
    end = min(supply.end, shown[-1].end) if shown else supply.end
    span_en = f"from {when(start, 'en')} to {when(end, 'en')}"
    span_fr = f"du {when(start, 'fr')} au {when(end, 'fr')}"
    length = supply.uniform()
    if not minutes:
        n = len(supply.full)
        en = (f"{name_en} needs {_n(whole, 'meeting', 'meetings')} {span_en}; "
              f"{_n(n, 'whole period fits', 'whole periods fit')} in that time")  # fmt: skip
        fr = (f"{name_fr} : il faut {_n(whole, 'séance', 'séances')} {span_fr} ; "
              f"{_n(n, 'période entière y tient', 'périodes entières y tiennent')}")  # fmt: skip
    elif length is not None:
        needed = whole + math.ceil(minutes / length)
        detail_en = _needs_detail(whole, minutes, length, "en")
        detail_fr = _needs_detail(whole, minutes, length, "fr")
        en = f"{name_en} needs {needed} meetings{detail_en} {span_en}; {len(shown)} exist"
        fr = f"{name_fr} : il faut {needed} séances{detail_fr} {span_fr} ; il y en a {len(shown)}"
    else:
        need = minutes + sum(sorted(s.minutes for s in supply.full)[:whole])
        extra_en = f" ({whole} of them in whole meetings)" if whole else ""
        extra_fr = f" (dont {whole} séances entières)" if whole else ""
        en = (f"{name_en} needs {need} minutes of meetings{extra_en} {span_en}; "
              f"{supply.minutes} exist")  # fmt: skip
        fr = (f"{name_fr} : il faut {need} minutes de séance{extra_fr} {span_fr} ; il y en a "
              f"{supply.minutes}")  # fmt: skip
    return PrecheckFinding("capacity", "full-duration", en, fr, tuple(sorted(why)))


def _needs_detail(whole: int, minutes: int, length: int, lang: str) -> str:
    if not minutes:
        return ""
    if lang == "fr":
        text = f"{minutes} minutes, à {length} minutes par séance"
        return f" ({whole} séances entières et {text})" if whole else f" ({text})"
    text = f"{minutes} minutes at {length} minutes a meeting"
    return f" ({whole} whole meetings and {text})" if whole else f" ({text})"


def _n(count: int, one: str, many: str) -> str:
    """`1 meeting`, `2 meetings`."""
    return f"{count} {one if count == 1 else many}"
