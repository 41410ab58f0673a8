"""Starts that clash: activities of one body whose rules make them all start at one moment.

A window whose earliest start is also its latest first start (`windows`: a fixed start; an
activity marked first, which starts no later than one fixed at the session's first moment)
pins the activity's first part to that moment. Two activities held by one body (its own
meetings or a joint meeting it takes part in) cannot both begin then: a body holds one
meeting at a time, and in it takes one thing at a time, each for some minutes
(body-one-at-a-time, a rule of the model itself). The finding says which rules pin each
activity ("item 2 is first; item 1a: starts Monday 15 October 10:00").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from scheduler.messages.terms import Listing, Moment
from scheduler.prechecks.findings import Key, PrecheckFinding, finding
from scheduler.prechecks.windows import Window, empty
from scheduler.prechecks.wording import body_name, listing
from scheduler.rules import rule_instances
from scheduler.session import Activity, Session


def same_start(session: Session, windows: dict[str, Window]) -> Iterator[PrecheckFinding]:
    """Per body and moment, the activities it takes that must all start at that moment."""
    pinned: dict[dt.datetime, list[Activity]] = {}
    for a in session.activities:
        w = windows[a.id]
        if not empty(w) and w.lo.at is not None and w.lo.at == w.ls.at:
            pinned.setdefault(w.lo.at, []).append(a)
    said = {i.key: i.message for i in rule_instances(session)}
    for moment, activities in sorted(pinned.items()):
        seen: set[frozenset[str]] = set()
        for body in session.bodies:
            taken = [a for a in activities if body.id in (a.bodies or (a.body,))]
            ids = frozenset(a.id for a in taken)
            if len(taken) < 2 or ids in seen:
                continue
            seen.add(ids)
            hosts = {a.body for a in taken}
            name = body_name(session, hosts.pop() if len(hosts) == 1 else body.id)
            why: list[Key] = []  # each activity's rules in turn, the first named first
            for a in taken:
                w = windows[a.id]
                why += [k for k in sorted(w.lo.why | w.ls.why) if k not in why]
            reasons = Listing.of((said[k] for k in why if k in said), "terms.semicolon")
            yield finding(
                "starts", "body-one-at-a-time", "same-start", tuple(sorted(why)),
                name=name, listed=listing(session, [a.id for a in taken]),
                count=len(taken), moment=Moment(moment), why=reasons,
            )  # fmt: skip
