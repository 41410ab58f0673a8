"""Timetables a planner would sign, on every real session and on COP9.

Each session is solved and its timetable workbook written; the assertions read the solved
Assignments sheet back (what the planner imports), never the solver's variables:
- no meeting beside the plenary's first or last meeting (their times as the sheet shows them),
  unless the session allows it (`preferences.beside_opening_closing: 0`);
- no body scattered more than in its published grid (runs of its meetings, for the bodies
  whose activities the grid lists in full);
- the plenary ends no later than published (when the grid lists all of its activities);
- the organizational items on the first day of the session.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from scheduler.io.session_file import load_session
from scheduler.io.timetable_workbook import read_assignments
from scheduler.pipeline import Settings, Targets, plan, publish
from scheduler.published import published_timetable
from scheduler.session import Session
from scheduler.timetable import Timetable
from tests.conftest import COP9, ROOT

SESSIONS = [*sorted((ROOT / "instances" / "real").glob("*.yaml")), COP9]
QUICK = Settings(workers=1, seed=0, time_limit=60.0, explaining=None)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=SESSIONS, ids=lambda p: p.stem)
def case(request, tmp_path_factory) -> tuple[Session, Timetable, Timetable]:
    """(session, its published grid, the solved timetable as read from the workbook)."""
    session = load_session(request.param)
    run = plan(session, settings=QUICK)
    assert run.timetable is not None, f"{request.param.name}: no timetable"
    book = tmp_path_factory.mktemp("quality") / f"{request.param.stem}.xlsx"
    publish(run, Targets(lang="en", workbook=book))
    return session, published_timetable(session), read_assignments(book, session=session)


def _meetings(session: Session, timetable: Timetable) -> list[tuple[str, dt.datetime, dt.datetime]]:
    """(host, start, end) of every meeting, from its rows' times as the sheet shows them."""
    found: dict[tuple[str, dt.date, str], list[dt.datetime]] = {}
    for row in timetable:
        times = found.setdefault((row.body, row.date, row.period), [])
        times += [dt.datetime.combine(row.date, row.start), dt.datetime.combine(row.date, row.end)]
    return sorted(((k[0], min(t), max(t)) for k, t in found.items()), key=lambda m: (m[1], m[0]))


def _plenary(session: Session, host: str) -> bool:
    """A meeting of the plenary: its own, or a joint meeting it holds with another body."""
    return session.plenary in session.body(host).member_ids


def _session_day(session: Session, when: dt.datetime) -> bool:
    return when.date() not in session.session.pre_session_days


def _runs(session: Session, timetable: Timetable, body: str) -> int:
    """Runs of a body's meetings along the slots open to it (as `compact-bodies` counts)."""
    order = [
        (s.date, s.period.id)
        for s in session.slots
        if not s.holiday and not s.period.evening and s.period.allows((body,))
    ]
    busy = {(r.date, r.period) for r in timetable if body in session.body(r.body).member_ids}
    runs, previous = 0, False
    for slot in order:
        runs += slot in busy and not previous
        previous = slot in busy
    return runs


def _listed_in_full(session: Session, published: Timetable, body: str) -> bool:
    listed = {r.activity for r in published}
    return all(a.id in listed for a in session.agenda_of(body))


def test_nothing_beside_the_opening_and_the_closing(case) -> None:
    session, _, solved = case
    if session.plenary is None or session.preferences.beside_opening_closing == 0:
        pytest.skip("the session has no plenary, or allows meetings beside its opening")
    meetings = [m for m in _meetings(session, solved) if _session_day(session, m[1])]
    plenary = [m for m in meetings if _plenary(session, m[0])]
    for _, start, end in (plenary[0], plenary[-1]):
        beside = [
            m for m in meetings if not _plenary(session, m[0]) and m[1] < end and start < m[2]
        ]
        assert beside == [], f"beside the plenary meeting of {start:%a %d %H:%M}: {beside}"


def test_no_body_more_scattered_than_published(case) -> None:
    session, published, solved = case
    compared = [b.id for b in session.bodies if _listed_in_full(session, published, b.id)]
    if not compared:
        pytest.skip("the grid lists no body in full")
    for body in compared:
        assert _runs(session, solved, body) <= _runs(session, published, body), body


def test_the_plenary_ends_no_later_than_published(case) -> None:
    session, published, solved = case
    plenary = session.plenary
    if plenary is None or not _listed_in_full(session, published, plenary):
        pytest.skip("the grid does not list the whole plenary")
    ends = [
        max(m[2] for m in _meetings(session, t) if _plenary(session, m[0]))
        for t in (solved, published)
    ]
    assert ends[0] <= ends[1]


def test_the_organizational_items_stay_on_the_first_day(case) -> None:
    session, _, solved = case
    organizational = {a.id for a in session.organizational}
    if not organizational:
        pytest.skip("no organizational items (no `first` activity)")
    first_day = min(session.session.days)
    days = {r.date for r in solved if r.activity in organizational}
    assert days == {first_day}, sorted(days)


def test_every_session_is_covered() -> None:
    assert len(SESSIONS) >= 6 and all(isinstance(p, Path) for p in SESSIONS)
