"""Rule instances: the constraint groups that come from what the planner wrote.

A hard rule such as `deadline` applies to many things; each thing it applies to because of a
line of the session file (the working group's Thursday-noon deadline, item 9 being last, the
budget of 20 interpreted meetings) is one `RuleInstance`. Explanations switch instances off
one at a time, so the model can put each behind its own literal (`guarded`), leave some out
(`dropped`), or, by default, enforce them all outright.

One function per rule finds that rule's instances, beside the rule in the catalogue
(`scheduler.rules.catalogue`). An instance says what it is as a `Message` of its rule's wording file
(`scheduler/rules/wording/<rule>.yaml`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from scheduler.messages import Message, Term
from scheduler.messages.terms import LongDay, Moment, Named, TheItem
from scheduler.session import Session

Instances = Callable[[Session], Iterator["RuleInstance"]]


@dataclass(frozen=True)
class RuleInstance:
    """One switchable group of constraints: a rule applied to one subject of the file."""

    rule: str  # a name of the catalogue's hard rules
    subject: str  # an activity id, a body id, `a/b` for a pair, or `session`
    message: Message  # what the planner wrote, in words: "item 9 is last"

    @property
    def key(self) -> tuple[str, str]:
        return (self.rule, self.subject)

    def text(self, lang: str = "en") -> str:
        return self.message.text(lang)


def instance(rule: str, subject: str, name: str, /, **params: object) -> RuleInstance:
    return RuleInstance(rule, subject, Message.of(f"{rule}.{name}", **params))


# --- how instances name things ---------------------------------------------------------------


def who_term(session: Session, ref: str) -> Term | str:
    """An item, a body's meetings or a body, as a planner names it in a sentence."""
    kind = session.kind_of(ref)
    if kind == "item":
        return TheItem(ref)
    if kind == "meeting":
        return Named.by(session.activity(ref).label)
    if kind == "body":
        return Named.by(session.body(ref).name.get)
    return ref


def who(session: Session, ref: str, lang: str) -> str:
    """`who_term` rendered in `lang`."""
    term = who_term(session, ref)
    return term if isinstance(term, str) else term.say(lang)


def day(date: dt.date, lang: str) -> str:
    """`Thursday 18 October` / `jeudi 18 octobre`, in any of the six languages."""
    return LongDay(date).say(lang)


def when(moment: dt.datetime, lang: str) -> str:
    """`Thursday 18 October 12:00` / `jeudi 18 octobre à 12 heures`, in any of the six."""
    return Moment(moment).say(lang)
