"""Order rules that contradict each other.

An activity marked first that the agenda puts after another, one marked last that the agenda
puts before another, two of either in one body.
"""

from __future__ import annotations

from collections.abc import Iterator

from scheduler.prechecks.calendar import Calendar
from scheduler.prechecks.findings import Active, Key, PrecheckFinding
from scheduler.prechecks.wording import who
from scheduler.session import Session


def order_cycles(session: Session, cal: Calendar, on: Active) -> Iterator[PrecheckFinding]:
    """First/last marks that the agenda order contradicts (first and last bind session days)."""
    for body in session.bodies:
        activities = [a for a in session.body_activities(body.id) if cal.fixed_day(a) is None]
        order: Key = ("agenda-order", body.id)
        name_en, name_fr = body.name.get("en"), body.name.get("fr")
        for mark, word_en, word_fr in (("first", "first", "premier"), ("last", "last", "dernier")):
            marked = [a for a in activities if getattr(a, mark) and on(("first-last", a.id))]
            if len(marked) > 1:
                ids = [a.id for a in marked]
                yield PrecheckFinding(
                    "order", "first-last",
                    f"{name_en}: {_list(session, ids, 'en')} are all marked {word_en}; a body "
                    "takes one thing at a time",
                    f"{name_fr} : {_list(session, ids, 'fr')} sont tous marqués « {word_fr} » ; "
                    "un organe ne traite qu'une chose à la fois",
                    tuple(("first-last", i) for i in ids),
                )  # fmt: skip
            if body.order != "agenda" or len(activities) < 2 or not on(order):
                continue
            for a in marked:
                index = activities.index(a)
                if mark == "first" and index > 0:
                    other = activities[index - 1]
                elif mark == "last" and index + 1 < len(activities):
                    other = activities[index + 1]
                else:
                    continue
                where_en = "before" if mark == "first" else "after"
                where_fr = "avant" if mark == "first" else "après"
                yield PrecheckFinding(
                    "order", "first-last",
                    f"{who(session, a.id, 'en')} is {word_en}, but the agenda of the {name_en} "
                    f"takes {who(session, other.id, 'en')} {where_en} it",
                    f"{who(session, a.id, 'fr')} passe en {word_fr}, mais l'ordre du jour "
                    f"({name_fr}) place {who(session, other.id, 'fr')} {where_fr}",
                    (("first-last", a.id), order),
                )  # fmt: skip


def _list(session: Session, ids: list[str], lang: str) -> str:
    return ", ".join(who(session, i, lang) for i in ids)
