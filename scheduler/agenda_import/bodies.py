"""The bodies meeting besides the plenary, and the deadlines that bind them.

A body is known from the annotations ("the tenth meeting of the Working Group on ... will be
held on 16 October") or only from the annex (a name in the parallel column); both sources are
merged by name. A deadline binds the bodies it names, or all parallel bodies when it speaks of
"the working groups meeting in parallel"; other deadlines are only reported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from scheduler.agenda_import.annex_timetable import PlannedSlot
from scheduler.agenda_import.annotations import Announcement, Deadline
from scheduler.agenda_import.dates import on_weekday, working_day_before
from scheduler.agenda_import.words import BODY_KEYWORDS, fold

#: Words left out of a body's initials (`wg-ic` for the Working Group on International ...).
STOP_WORDS = frozenset(
    ["de", "des", "du", "la", "le", "les", "l", "d", "sur", "et", "on", "of", "the", "and",
     "for", "to", "a", "en", "aux", "au", "in"]
)  # fmt: skip


@dataclass(frozen=True)
class StatedDeadline:
    """A deadline the document states, and the bodies whose `latest_end` it became."""

    when: dt.datetime | dt.date
    text: str
    applies_to: tuple[str, ...] = ()


@dataclass
class OtherBody:
    """A body other than the plenary, with what is known of its meetings."""

    id: str
    name: str
    kind: str
    interpreted: bool
    announcements: list[Announcement] = field(default_factory=list)
    dates: list[dt.date] = field(default_factory=list)
    rows: list[PlannedSlot] = field(default_factory=list)  # its meetings in the annex
    room: str = ""
    latest_end: dt.datetime | None = None

    @property
    def keyword(self) -> str:
        """The kind word its name begins with ("Working Group"), or ""."""
        name = fold(self.name)
        return next((k for k, _ in BODY_KEYWORDS if name.startswith(fold(k))), "")


def body_id(name: str, kind: str, taken: set[str]) -> str:
    """A short id from the name: `wg-ic`, `cow`, `informals`; unique among `taken`."""
    words = fold(name).split()
    if kind == "informal":
        base = "informals"
    elif "whole" in words or "pleniere" in words or "plenier" in words:
        base = "cow"
    else:
        prefix = {"working_group": "wg", "committee": "committee", "round_table": "rt"}
        skip = next(
            (len(fold(k).split()) for k, _ in BODY_KEYWORDS if fold(name).startswith(fold(k))), 0
        )
        initials = "".join(w[0] for w in words[skip:] if w not in STOP_WORDS)[:4]
        base = prefix.get(kind, "body") + (f"-{initials}" if initials else "")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def same_body(a: str, b: str) -> bool:
    """Whether two names are one body's (one may be a shortened form of the other)."""
    fa, fb = fold(a), fold(b)
    return fa == fb or (len(fa) > 12 and (fa in fb or fb in fa))


def resolve_days(
    dates: list[dt.date], weekdays: list[int], days: list[dt.date], what: str, report: list[str]
) -> list[dt.date]:
    """`dates` plus each bare weekday ("le jeudi") as the session's day of that name."""
    resolved = list(dates)
    for weekday in weekdays:
        matches = on_weekday(weekday, days)
        if len(matches) == 1:
            resolved.append(matches[0])
        else:
            report.append(
                f"{what}: a weekday is named with no date and the session has "
                f"{len(matches)} such days; give the date"
            )
    return sorted(set(resolved))


def gather_bodies(
    announcements: list[Announcement],
    planned: list[PlannedSlot],
    days: list[dt.date],
    report: list[str],
) -> list[OtherBody]:
    """Bodies announced in the annotations or sitting in the annex, parallel ones first."""
    bodies: list[OtherBody] = []
    taken: set[str] = {"plenary"}
    for ann in announcements:
        if ann.kind == "informal":
            body = next((b for b in bodies if b.kind == "informal"), None)
            name = ann.name if ann.dates or not body else body.name
        else:
            body = next((b for b in bodies if same_body(b.name, ann.name)), None)
            name = ann.name
        if body is None:
            interpreted = ann.kind != "informal" and ann.interpreted is not False
            body = OtherBody(body_id(name, ann.kind, taken), name, ann.kind, interpreted)
            bodies.append(body)
        elif ann.kind == "informal" and ann.dates:
            body.name = name  # the dated announcement names them best
        body.announcements.append(ann)
        dates = resolve_days(ann.dates, ann.weekdays, days, f"meeting of {name}", report)
        if ann.day_before_session and days and not body.dates:
            dates = [working_day_before(days[0])]
        body.dates = sorted(set(body.dates) | set(dates))
    for row in planned:
        for name in row.bodies:
            body = next((b for b in bodies if same_body(b.name, name)), None)
            if body is None:
                kind = next(
                    (k for key, k in BODY_KEYWORDS if fold(name).startswith(fold(key))),
                    "informal" if "informal" in fold(name) else "other",
                )
                body = OtherBody(body_id(name, kind, taken), name, kind, kind != "informal")
                bodies.append(body)
                report.append(
                    f"bodies: {name!r} meets in the annex but the annotations do not "
                    f"announce it; added as {body.id!r} (check its kind and rooms)"
                )
            body.rows.append(row)
    bodies.sort(key=lambda b: b.kind == "informal")
    for letter, body in zip("bcdefghijklmnopqrstuvwxyz", bodies, strict=False):
        body.room = f"room-{letter}"
    for body in bodies:
        if not days:
            continue
        earliest = days[0] - dt.timedelta(days=7)
        outside = [d for d in body.dates if not earliest <= d <= days[-1]]
        if outside:
            report.append(
                f"meetings: {body.name} is announced for {outside[0]}, away from the "
                "session; that date is left out"
            )
            body.dates = [d for d in body.dates if d not in outside]
    return bodies


def bind_deadlines(
    deadlines: list[Deadline],
    bodies: list[OtherBody],
    days: list[dt.date],
    day_end: dt.time,
    report: list[str],
) -> list[StatedDeadline]:
    """Each stated deadline, set as `latest_end` of the parallel bodies it binds."""
    parallel = [b for b in bodies if b.kind not in {"informal", "plenary"}]
    stated: list[StatedDeadline] = []
    for deadline in deadlines:
        dates = resolve_days(
            [deadline.date] if deadline.date else [],
            [deadline.weekday] if deadline.weekday is not None else [],
            days,
            "deadline",
            report,
        )
        if not dates:
            continue
        when: dt.datetime | dt.date = dates[0]
        if deadline.time is not None:
            when = dt.datetime.combine(dates[0], deadline.time)
        named = [b for b in parallel if fold(b.name) in fold(deadline.text)]
        bound = named or (parallel if deadline.parallel_bodies else [])
        in_session = bool(days) and days[0] <= dates[0] <= days[-1]
        applies: list[OtherBody] = []
        if bound and in_session:
            end = when if isinstance(when, dt.datetime) else dt.datetime.combine(when, day_end)
            for body in bound:
                if body.latest_end is None or end < body.latest_end:
                    body.latest_end = end
                applies.append(body)
        stated.append(StatedDeadline(when, deadline.text, tuple(b.id for b in applies)))
        shown = (
            f"{when:%a %d %b %Y %H:%M}" if isinstance(when, dt.datetime) else f"{when:%a %d %b %Y}"
        )
        quote = short(deadline.text)
        if applies:
            ids = ", ".join(b.id for b in applies)
            report.append(f"deadline {shown} set as latest_end of {ids}: {quote}")
        elif in_session:
            report.append(
                f"deadline {shown} falls in the session but binds no meeting; add it where "
                f"it applies: {quote}"
            )
        else:
            report.append(f"deadline {shown} (before the session, information): {quote}")
    return stated


def short(text: str, limit: int = 110) -> str:
    """`text` cut to `limit` characters for a report line."""
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."
