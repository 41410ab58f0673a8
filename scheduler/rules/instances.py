"""Rule instances: the constraint groups that come from what the planner wrote.

A hard rule such as `deadline` applies to many things; each thing it applies to because of a
line of the session file (the working group's Thursday-noon deadline, item 9 being last, the
budget of 20 interpreted meetings) is one `RuleInstance`. Explanations switch instances off
one at a time, so the model can put each behind its own literal (`guarded`), leave some out
(`dropped`), or, by default, enforce them all outright.

One function per rule finds that rule's instances; the catalogue (`scheduler.rules.catalogue`)
names it beside the rule. An instance says what it is as a `Message` of its rule's wording file
(`scheduler/rules/wording/<rule>.yaml`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from scheduler.messages import Message, Term
from scheduler.messages.names import LongDay, Moment, Named, TheItem
from scheduler.rules.subjects import SESSION, date_subject, pair_subject
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


def _instance(rule: str, subject: str, name: str, /, **params: object) -> RuleInstance:
    return RuleInstance(rule, subject, Message.of(f"{rule}.{name}", **params))


# --- one function per rule, in catalogue order ---------------------------------------------


def first_last_instances(session: Session) -> Iterator[RuleInstance]:
    for a in session.activities:
        if a.first:
            yield _instance("first-last", a.id, "first", who=who_term(session, a.id))
        if a.last:
            yield _instance("first-last", a.id, "last", who=who_term(session, a.id))


def fixed_start_instances(session: Session) -> Iterator[RuleInstance]:
    for a in session.activities:
        if a.fixed_start is not None:
            yield _instance(
                "fixed-start",
                a.id,
                "starts",
                who=who_term(session, a.id),
                moment=Moment(a.fixed_start),
            )
        if a.date is not None:
            yield _instance(
                "fixed-start",
                date_subject(a),
                "held-on",
                who=who_term(session, a.id),
                day=LongDay(a.date),
            )


def earliest_start_instances(session: Session) -> Iterator[RuleInstance]:
    for a in session.activities:
        if a.earliest_start is not None:
            yield _instance(
                "earliest-start",
                a.id,
                "instance",
                who=who_term(session, a.id),
                moment=Moment(a.earliest_start),
            )


def deadline_instances(session: Session) -> Iterator[RuleInstance]:
    for a in session.activities:
        if a.latest_end is not None:
            yield _instance(
                "deadline",
                a.id,
                "instance",
                who=who_term(session, a.id),
                moment=Moment(a.latest_end),
            )


def agenda_order_instances(session: Session) -> Iterator[RuleInstance]:
    for body in session.bodies:
        if body.order == "agenda" and len(session.body_activities(body.id)) >= 2:
            yield _instance("agenda-order", body.id, "instance", body=Named.by(body.name.get))


def not_in_parallel_instances(session: Session) -> Iterator[RuleInstance]:
    for a in session.activities:
        for other in a.not_in_parallel_with:
            yield _instance(
                "not-in-parallel",
                pair_subject(a.id, other),
                "instance",
                who=who_term(session, a.id),
                other=who_term(session, other),
            )


def no_sharing_instances(session: Session) -> Iterator[RuleInstance]:
    # A whole-meeting activity fills its period, so it shares nothing anyway (body-one-at-a-time).
    for a in session.activities:
        if not a.whole_meetings and not a.share and len(session.body_activities(a.body)) >= 2:
            yield _instance("no-sharing", a.id, "instance", who=who_term(session, a.id))


def no_running_on_instances(session: Session) -> Iterator[RuleInstance]:
    for a in session.activities:
        if not a.whole_meetings and not a.run_on:
            yield _instance("no-running-on", a.id, "instance", who=who_term(session, a.id))


def interpretation_budget_instances(session: Session) -> Iterator[RuleInstance]:
    budget = session.interpretation.budget
    yield _instance("interpretation-budget", SESSION, "instance", count=budget)


def interpretation_teams_instances(session: Session) -> Iterator[RuleInstance]:
    teams = session.interpretation.teams
    yield _instance("interpretation-teams", SESSION, "instance", count=teams)


def parallel_cap_instances(session: Session) -> Iterator[RuleInstance]:
    cap = session.interpretation.parallel_cap
    if cap is not None:
        yield _instance("parallel-cap", SESSION, "instance", count=cap)


# --- how instances name things ---------------------------------------------------------------


def who_term(session: Session, ref: str) -> Term | str:
    """An item, a body's meetings or a body, as a planner names it in a sentence."""
    if any(i.id == ref for i in session.items):
        return TheItem(ref)
    if any(m.id == ref for m in session.meetings):
        return Named.by(session.activity(ref).label)
    if any(b.id == ref for b in session.bodies):
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
