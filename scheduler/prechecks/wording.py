"""How pre-check findings name activities and bodies: terms made from the session.

Days and times are terms of `scheduler.messages.terms` (`Moment`, `LongDay`, `DaySpan`), said
in the reader's language when the finding is rendered.
"""

from __future__ import annotations

from collections.abc import Iterable

from scheduler.messages import Term
from scheduler.messages.terms import Joined, Named
from scheduler.rules.instances import who_term
from scheduler.session import Session


def who(session: Session, ref: str) -> Term | str:
    """An item or a body's meetings, as a planner names them: `item 4` / `le point 4`."""
    return who_term(session, ref)


def body_name(session: Session, body: str) -> Named:
    """A body's own name in each language."""
    return Named.by(session.body(body).name.get)


def listing(session: Session, refs: Iterable[str]) -> Joined:
    """Several activities in a sentence: `item 1a and item 3`, `item 2, item 3 and item 4`."""
    return Joined.of(who(session, r) for r in refs)
