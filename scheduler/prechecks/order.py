"""Order rules that contradict each other.

An activity marked first that the agenda puts after another, one marked last that the agenda
puts before another, two of either in one body.
"""

from __future__ import annotations

from collections.abc import Iterator

from scheduler.prechecks.calendar import Calendar
from scheduler.prechecks.findings import Active, Key, PrecheckFinding, finding
from scheduler.prechecks.wording import body_name, listing, who
from scheduler.session import Session


def order_cycles(session: Session, cal: Calendar, on: Active) -> Iterator[PrecheckFinding]:
    """First/last marks that the agenda order contradicts (first and last bind session days)."""
    for body in session.bodies:
        activities = [a for a in session.body_activities(body.id) if cal.fixed_day(a) is None]
        order: Key = ("agenda-order", body.id)
        name = body_name(session, body.id)
        for mark in ("first", "last"):
            marked = [a for a in activities if getattr(a, mark) and on(("first-last", a.id))]
            if len(marked) > 1:
                ids = [a.id for a in marked]
                yield finding(
                    "order", "first-last", f"all-{mark}", tuple(("first-last", i) for i in ids),
                    name=name, listed=listing(session, ids), count=len(ids),
                )  # fmt: skip
            if body.order != "agenda" or len(activities) < 2 or not on(order):
                continue
            for a in marked:
                index = activities.index(a)
                if mark == "first" and index > 0:
                    other, key = activities[index - 1], "first-after"
                elif mark == "last" and index + 1 < len(activities):
                    other, key = activities[index + 1], "last-before"
                else:
                    continue
                yield finding(
                    "order", "first-last", key, (("first-last", a.id), order),
                    who=who(session, a.id), name=name, other=who(session, other.id),
                )  # fmt: skip
