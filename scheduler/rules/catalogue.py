"""The rule catalogue: every hard rule and preference, once, in the order planners read them.

Each entry is the rule's home: its name (the one word the model's constraints, the validator's
findings, explanations and the workbook all use), its kind, the function that finds its
instances in a session (rules that come from lines of the session file), and its wording file
`scheduler/rules/wording/<name>.yaml`, which holds everything the rule says in the six
languages (`<name>.rule` is its one-line statement). Each layer registers against these names:
`models/constraints.py` (HARD_CONSTRAINTS), `scheduler/validation/registry.py` (CHECKS),
`models/explain_relax.py` (MEASURES, optional) and `scheduler/prechecks/` (optional);
`tests/rules/test_catalogue.py` names the file a missing piece belongs in.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from scheduler.messages import Message
from scheduler.messages.terms import Listing, LongDay, Moment, Named, Slot
from scheduler.rules.instances import Instances, RuleInstance, instance, who_term
from scheduler.rules.subjects import SESSION, date_subject, pair_subject
from scheduler.session import Session


@dataclass(frozen=True)
class Rule:
    name: str
    kind: Literal["hard", "preference"]
    instances: Instances | None = None  # the rule's instances in a session, if it has any

    @property
    def message(self) -> Message:
        """The rule's one-line statement."""
        return Message.of(f"{self.name}.rule")

    def text(self, lang: str = "en") -> str:
        return self.message.text(lang)


# --- the instances of each rule that comes from lines of the session file ------------------


def first_last_instances(session: Session) -> Iterator[RuleInstance]:
    for a in session.activities:
        if a.first:
            yield instance("first-last", a.id, "first", who=who_term(session, a.id))
        if a.last:
            yield instance("first-last", a.id, "last", who=who_term(session, a.id))


def fixed_start_instances(session: Session) -> Iterator[RuleInstance]:
    for a in session.activities:
        if a.fixed_start is not None:
            yield instance(
                "fixed-start",
                a.id,
                "starts",
                who=who_term(session, a.id),
                moment=Moment(a.fixed_start),
            )


def held_on_date_instances(session: Session) -> Iterator[RuleInstance]:
    for a in session.activities:
        if a.dates:
            yield instance(
                "held-on-date",
                date_subject(a),
                "instance",
                who=who_term(session, a.id),
                days=Listing.of(LongDay(d) for d in a.dates),
            )


def earliest_start_instances(session: Session) -> Iterator[RuleInstance]:
    yield from _moments(session, "earliest-start", "earliest_start")


def deadline_instances(session: Session) -> Iterator[RuleInstance]:
    yield from _moments(session, "deadline", "latest_end")


def _moments(session: Session, rule: str, field: str) -> Iterator[RuleInstance]:
    """One instance per activity with a moment in `field` (`latest_end`: its deadline)."""
    for a in session.activities:
        moment = getattr(a, field)
        if moment is not None:
            yield instance(
                rule, a.id, "instance", who=who_term(session, a.id), moment=Moment(moment)
            )


def agenda_order_instances(session: Session) -> Iterator[RuleInstance]:
    for body in session.bodies:
        if body.order == "agenda" and len(session.agenda_of(body.id)) >= 2:
            yield instance("agenda-order", body.id, "instance", body=Named.by(body.name.get))


def not_in_parallel_instances(session: Session) -> Iterator[RuleInstance]:
    for a in session.activities:
        for other in a.not_in_parallel_with:
            yield instance(
                "not-in-parallel",
                pair_subject(a.id, other),
                "instance",
                who=who_term(session, a.id),
                other=who_term(session, other),
            )


def in_parallel_instances(session: Session) -> Iterator[RuleInstance]:
    for a in session.activities:
        for other in a.in_parallel_with:
            yield instance(
                "in-parallel",
                pair_subject(a.id, other),
                "instance",
                who=who_term(session, a.id),
                other=who_term(session, other),
            )


def sequence_subject(activity_id: str, other: str, kind: Literal["end", "start"]) -> str:
    """Subject of one `after_end_of` (`a/x@end`) or `after_start_of` (`a/x@start`) entry;
    explanations describe the placements of both `a` and `x`."""
    return f"{pair_subject(activity_id, other)}@{kind}"


def sequence_instances(session: Session) -> Iterator[RuleInstance]:
    for a in session.activities:
        entries: tuple[tuple[Literal["end", "start"], tuple[str, ...]], ...] = (
            ("end", a.after_end_of),
            ("start", a.after_start_of),
        )
        for kind, others in entries:
            for other in others:
                yield instance(
                    "sequence",
                    sequence_subject(a.id, other, kind),
                    f"after-{kind}",
                    who=who_term(session, a.id),
                    other=who_term(session, other),
                )


def no_sharing_instances(session: Session) -> Iterator[RuleInstance]:
    # A whole-meeting activity fills its period, so it shares nothing anyway (body-one-at-a-time).
    for a in session.activities:
        if not a.whole_meetings and not a.share and len(session.body_activities(a.body)) >= 2:
            yield instance("no-sharing", a.id, "instance", who=who_term(session, a.id))


def no_running_on_instances(session: Session) -> Iterator[RuleInstance]:
    for a in session.activities:
        if not a.whole_meetings and not a.run_on:
            yield instance("no-running-on", a.id, "instance", who=who_term(session, a.id))


def same_room_instances(session: Session) -> Iterator[RuleInstance]:
    for a in session.activities:
        if a.same_room:
            yield instance("same-room", a.id, "instance", who=who_term(session, a.id))


def room_closed_instances(session: Session) -> Iterator[RuleInstance]:
    for room in session.rooms:
        if room.closed:
            when = Listing.of(
                LongDay(date) if period is None else Slot(date, period)
                for date, period in room.closures
            )
            yield instance("room-closed", room.id, "instance", room=room.label(), when=when)


def interpretation_budget_instances(session: Session) -> Iterator[RuleInstance]:
    budget = session.interpretation.budget
    yield instance("interpretation-budget", SESSION, "instance", count=budget)


def interpretation_teams_instances(session: Session) -> Iterator[RuleInstance]:
    teams = session.interpretation.teams
    yield instance("interpretation-teams", SESSION, "instance", count=teams)


def remote_capacity_instances(session: Session) -> Iterator[RuleInstance]:
    teams = session.interpretation.remote_teams
    if teams is not None:
        yield instance("remote-capacity", SESSION, "instance", count=teams)


def parallel_cap_instances(session: Session) -> Iterator[RuleInstance]:
    cap, scope = session.interpretation.parallel_cap, session.interpretation.parallel_cap_bodies
    if cap is not None and scope is None:
        yield instance("parallel-cap", SESSION, "instance", count=cap)
    elif cap is not None:
        bodies = Listing.of(Named.by(session.body(b).name.get) for b in scope or [])
        yield instance("parallel-cap", SESSION, "instance-of", count=cap, bodies=bodies)


def max_meetings_per_day_instances(session: Session) -> Iterator[RuleInstance]:
    for body in session.bodies:
        if body.max_meetings_per_day is not None:
            name = Named.by(body.name.get)
            cap = body.max_meetings_per_day
            yield instance("max-meetings-per-day", body.id, "instance", body=name, count=cap)


def max_days_instances(session: Session) -> Iterator[RuleInstance]:
    for body in session.bodies:
        if body.max_days is not None:
            name = Named.by(body.name.get)
            yield instance("max-days", body.id, "instance", body=name, count=body.max_days)


# --- the catalogue ---------------------------------------------------------------------------

HARD_RULES: tuple[Rule, ...] = (
    Rule("full-duration", "hard"),
    Rule("within-periods", "hard"),
    Rule("body-one-at-a-time", "hard"),
    Rule("room-one-meeting", "hard"),
    Rule("body-rooms", "hard"),
    Rule("interpretation-booths", "hard"),
    Rule("agenda-order", "hard", agenda_order_instances),
    Rule("first-last", "hard", first_last_instances),
    Rule("fixed-start", "hard", fixed_start_instances),
    Rule("held-on-date", "hard", held_on_date_instances),
    Rule("earliest-start", "hard", earliest_start_instances),
    Rule("deadline", "hard", deadline_instances),
    Rule("not-in-parallel", "hard", not_in_parallel_instances),
    Rule("in-parallel", "hard", in_parallel_instances),
    Rule("sequence", "hard", sequence_instances),
    Rule("no-sharing", "hard", no_sharing_instances),
    Rule("no-running-on", "hard", no_running_on_instances),
    Rule("consecutive-meetings", "hard"),
    Rule("same-room", "hard", same_room_instances),
    Rule("room-closed", "hard", room_closed_instances),
    Rule("interpretation-budget", "hard", interpretation_budget_instances),
    Rule("interpretation-teams", "hard", interpretation_teams_instances),
    Rule("remote-capacity", "hard", remote_capacity_instances),
    Rule("parallel-cap", "hard", parallel_cap_instances),
    Rule("max-meetings-per-day", "hard", max_meetings_per_day_instances),
    Rule("max-days", "hard", max_days_instances),
)

PREFERENCES: tuple[Rule, ...] = (
    Rule("carry-over", "preference"),
    Rule("carry-over-to-next-day", "preference"),
    Rule("interpreted-meetings", "preference"),
    Rule("preferred-periods", "preference"),
    Rule("meetings", "preference"),
    Rule("compact-bodies", "preference"),
    Rule("session-end", "preference"),
    Rule("opening-closing-alone", "preference"),
    Rule("organizational-first-day", "preference"),
    Rule("evening-meetings", "preference"),
)

RULES: dict[str, Rule] = {r.name: r for r in (*HARD_RULES, *PREFERENCES)}
HARD_RULE_NAMES: tuple[str, ...] = tuple(r.name for r in HARD_RULES)
PREFERENCE_NAMES: tuple[str, ...] = tuple(r.name for r in PREFERENCES)


def rule_instances(session: Session) -> list[RuleInstance]:
    """Every rule instance of the session, grouped by rule in catalogue order, file order within."""
    return [i for rule in HARD_RULES if rule.instances for i in rule.instances(session)]
