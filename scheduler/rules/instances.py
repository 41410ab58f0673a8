"""Rule instances: the constraint groups that come from what the planner wrote.

A hard rule of `scheduler.rules` such as `deadline` applies to many things; each thing it
applies to because of a line of the session file (the working group's Thursday-noon deadline,
item 9 being last, the budget of 20 interpreted meetings) is one `RuleInstance`. Explanations
switch instances off one at a time, so the model can put each behind its own literal
(`guarded`), leave some out (`dropped`), or, by default, enforce them all outright.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from scheduler.rules.catalogue import HARD_RULE_NAMES
from scheduler.rules.subjects import SESSION, date_subject, pair_subject
from scheduler.session import Activity, Session


@dataclass(frozen=True)
class RuleInstance:
    """One switchable group of constraints: a rule applied to one subject of the file."""

    rule: str  # a name of scheduler.rules.HARD_RULES
    subject: str  # an activity id, a body id, `a/b` for a pair, or `session`
    text_en: str
    text_fr: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.rule, self.subject)

    def text(self, lang: str = "en") -> str:
        return self.text_fr if lang == "fr" else self.text_en


def rule_instances(session: Session) -> list[RuleInstance]:
    """Every rule instance of the session, grouped by rule in registry order."""
    found: list[RuleInstance] = []
    for a in session.activities:
        found.extend(_activity_instances(session, a))
    for body in session.bodies:
        if body.order == "agenda" and len(session.body_activities(body.id)) >= 2:
            en, fr = body.name.get("en"), body.name.get("fr")
            found.append(
                RuleInstance(
                    "agenda-order",
                    body.id,
                    f"{en}: activities taken in agenda order",
                    f"{fr} : activités examinées dans l'ordre de l'ordre du jour",
                )
            )
    interp = session.interpretation
    found.append(
        RuleInstance(
            "interpretation-budget",
            SESSION,
            f"at most {interp.budget} interpreted meetings",
            f"au plus {interp.budget} séances avec interprétation",
        )
    )
    found.append(
        RuleInstance(
            "interpretation-teams",
            SESSION,
            f"at most {interp.teams} interpreted meetings at once",
            f"au plus {interp.teams} séances avec interprétation en même temps",
        )
    )
    if interp.parallel_cap is not None:
        found.append(
            RuleInstance(
                "parallel-cap",
                SESSION,
                f"at most {interp.parallel_cap} meetings at once",
                f"au plus {interp.parallel_cap} séances en même temps",
            )
        )
    order = {name: n for n, name in enumerate(HARD_RULE_NAMES)}
    return sorted(found, key=lambda i: order[i.rule])  # stable: file order within a rule


def _activity_instances(session: Session, a: Activity) -> Iterable[RuleInstance]:
    en, fr = who(session, a.id, "en"), who(session, a.id, "fr")
    if a.first:
        yield RuleInstance("first-last", a.id, f"{en} is first", f"{fr} passe en premier")
    if a.last:
        yield RuleInstance("first-last", a.id, f"{en} is last", f"{fr} passe en dernier")
    if a.fixed_start is not None:
        yield RuleInstance(
            "fixed-start",
            a.id,
            f"{en}: starts {when(a.fixed_start, 'en')}",
            f"{fr} : commence le {when(a.fixed_start, 'fr')}",
        )
    if a.date is not None:
        yield RuleInstance(
            "fixed-start",
            date_subject(a),
            f"{en}: held on {day(a.date, 'en')}",
            f"{fr} : se tient le {day(a.date, 'fr')}",
        )
    if a.earliest_start is not None:
        yield RuleInstance(
            "earliest-start",
            a.id,
            f"{en}: starts no earlier than {when(a.earliest_start, 'en')}",
            f"{fr} : ne commence pas avant le {when(a.earliest_start, 'fr')}",
        )
    if a.latest_end is not None:
        yield RuleInstance(
            "deadline",
            a.id,
            f"{en}: ends by {when(a.latest_end, 'en')}",
            f"{fr} : se termine au plus tard le {when(a.latest_end, 'fr')}",
        )
    for other in a.not_in_parallel_with:
        yield RuleInstance(
            "not-in-parallel",
            pair_subject(a.id, other),
            f"{en} and {who(session, other, 'en')} are not held at the same time",
            f"{fr} et {who(session, other, 'fr')} ne se tiennent pas en même temps",
        )
    # A whole-meeting activity fills its period, so it shares nothing anyway (body-one-at-a-time).
    if not a.whole_meetings and not a.share and len(session.body_activities(a.body)) >= 2:
        yield RuleInstance(
            "no-sharing",
            a.id,
            f"{en} has its meetings to itself",
            f"{fr} ne partage pas ses séances",
        )
    if not a.whole_meetings and not a.run_on:
        yield RuleInstance(
            "no-running-on",
            a.id,
            f"{en} is taken in one meeting",
            f"{fr} est examiné en une seule séance",
        )


def who(session: Session, ref: str, lang: str) -> str:
    """An item, a body's meetings or a body, as a planner names it."""
    if any(i.id == ref for i in session.items):
        return f"item {ref}" if lang != "fr" else f"le point {ref}"
    if any(m.id == ref for m in session.meetings):
        return session.activity(ref).label(lang)
    if any(b.id == ref for b in session.bodies):
        return session.body(ref).name.get(lang)
    return ref


_DAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
}
_MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
}


def day(date: dt.date, lang: str) -> str:
    """`Thursday 18 October` / `jeudi 18 octobre`."""
    lang = "fr" if lang == "fr" else "en"
    return f"{_DAYS[lang][date.weekday()]} {date.day} {_MONTHS[lang][date.month - 1]}"


def when(moment: dt.datetime, lang: str) -> str:
    """`Thursday 18 October 12:00` / `jeudi 18 octobre à 12 heures`."""
    if lang == "fr":
        clock = f"{moment.hour} heures" if moment.minute == 0 else f"{moment:%H} h {moment:%M}"
        return f"{day(moment.date(), 'fr')} à {clock}"
    return f"{day(moment.date(), 'en')} {moment:%H:%M}"
