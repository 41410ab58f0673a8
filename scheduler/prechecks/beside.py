"""Meetings that must run beside another's, against the teams and the parallel cap.

`in_parallel_with` holds an activity's every part while its target meets (on the clock): each
of its meetings has the target's beside it. When both hosts are interpreted, two interpreted
meetings then run at once at least, which one interpretation team cannot serve; when the
parallel cap counts both, two meetings at once, which a cap of one forbids. The proof needs
no calendar: the activity has a part somewhere, and wherever it is the other body meets.
"""

from __future__ import annotations

from collections.abc import Iterator

from scheduler.prechecks.findings import CAP, TEAMS, Active, PrecheckFinding, finding
from scheduler.prechecks.totals import stands_for
from scheduler.prechecks.wording import who
from scheduler.rules.subjects import pair_subject
from scheduler.session import Activity, Session


def beside_limits(session: Session, on: Active) -> Iterator[PrecheckFinding]:
    """An activity held only beside another body's meeting, both interpreted, with fewer than
    two teams; both counted by a parallel cap of less than two."""
    info = session.interpretation
    hosts = {h.id: h for h in session.hosts}
    capped = None if info.parallel_cap_bodies is None else set(info.parallel_cap_bodies)
    for a in session.activities:
        for target in a.in_parallel_with:
            key = ("in-parallel", pair_subject(a.id, target))
            if not on(key):
                continue
            others = _hosts_of(session, a, target)
            if not others or a.body in others:
                continue  # nothing to meet beside, or a body beside itself: other checks
            pair = [hosts[a.body], *(hosts[h] for h in others)]
            said = {"who": who(session, a.id), "other": who(session, target)}
            if info.teams < 2 and on(TEAMS) and all(h.interpreted for h in pair):
                yield finding(
                    "beside-teams", "interpretation-teams", "beside-teams",
                    tuple(sorted({key, TEAMS})),
                    limit=info.teams, **said,
                )  # fmt: skip
            counted = capped is None or all(set(h.member_ids) & capped for h in pair)
            cap = info.parallel_cap
            if cap is not None and cap < 2 and on(CAP) and counted:
                yield finding(
                    "beside-cap", "parallel-cap", "beside-cap", tuple(sorted({key, CAP})),
                    limit=cap, **said,
                )  # fmt: skip


def _hosts_of(session: Session, a: Activity, target: str) -> set[str]:
    """The hosts whose meetings `target` stands for: a body's own (and its joint meetings'),
    or those of the activities it names (`totals.stands_for`)."""
    if any(b.id == target for b in session.bodies):
        return {h.id for h in session.hosts if target in h.member_ids}
    return {x.body for x in stands_for(session, a, target)}
