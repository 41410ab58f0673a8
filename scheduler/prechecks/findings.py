"""What a pre-check finds, and the keys `(rule, subject)` of the rule instances behind it.

The keys are those of `scheduler.rules.subjects`, the calendar's own included (`within-periods`
with subject `days`, `evenings` or `holiday@<date>`), so the explainer can switch any of them off.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from scheduler.messages import Message
from scheduler.messages.terms import Listing
from scheduler.rules.subjects import (  # noqa: F401  (re-exported)
    BUDGET,
    CAP,
    DAYS,
    EVENINGS,
    SESSION,
    TEAMS,
    Key,
    date_key,
    holiday_key,
)

Active = Callable[[Key], bool]


@dataclass(frozen=True)
class PrecheckFinding:
    """One proven impossibility, as a message (`precheck.*`), with the rule instances behind it."""

    check: str  # fixed-time, order, window, capacity, budget, teams, parallel-cap
    rule: str  # the rule of scheduler.rules it is about
    message: Message
    instances: tuple[Key, ...] = ()

    def text(self, lang: str = "en") -> str:
        """The finding in `lang`, one of the six UN languages."""
        return self.message.text(lang)


def finding(
    check: str, rule: str, key: str, instances: tuple[Key, ...], /, **params: object
) -> PrecheckFinding:
    """A pre-check finding whose words are the catalogue's `precheck.<key>`."""
    return PrecheckFinding(check, rule, Message.of(f"precheck.{key}", **params), instances)


def chained(found: PrecheckFinding, since: tuple[Message, ...]) -> PrecheckFinding:
    """The finding followed by the links of the chains its windows came along ("..., since
    item 9 ends no earlier than Friday 27 May 09:40"); as it is without any."""
    if not since:
        return found
    steps = Listing.of(since, sep="terms.semicolon")
    message = Message.of("precheck.chain.since", finding=found.message, steps=steps)
    return replace(found, message=message)
