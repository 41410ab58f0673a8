"""What the validator reports: one finding per broken rule instance, and the whole report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from scheduler.messages import Message
from scheduler.messages.terms import Act, Body
from scheduler.rules import HARD_RULE_NAMES
from scheduler.session import Session
from scheduler.validation.wording import MeetingKey, meeting_label

if TYPE_CHECKING:
    import pandas as pd

#: Columns of `Report.to_frame()`.
FINDING_COLUMNS: tuple[str, ...] = ("rule", "message", "activities", "meetings")


@dataclass(frozen=True)
class Finding:
    """One violation of a hard rule, named as in `scheduler.rules`, with what it involves.

    `message` is a key of the rule's wording file (`<rule>.<name>`) with its parameters; it
    is put into words in the reader's language by `text(lang)`.
    """

    rule: str
    message: Message
    activities: tuple[str, ...] = ()
    meetings: tuple[str, ...] = ()  # labels such as "plenary Thu 18 Oct AM"

    def text(self, lang: str = "en") -> str:
        """The message in `lang`, one of the six UN languages."""
        return self.message.text(lang)

    def __str__(self) -> str:
        return f"{self.rule}: {self.text('en')}"


class Findings(list[Finding]):
    """The findings of one rule, collected by a check."""

    def __init__(self, rule: str, session: Session) -> None:
        super().__init__()
        self.rule = rule
        self.session = session

    def act(self, activity_id: str) -> Act:
        """An activity as findings name it: `item 4`, `Working Group ... (wg-ic-10)`."""
        return Act.of(self.session, activity_id)

    def body(self, body_id: str) -> Body:
        """A body as findings name it: `Working Group on International Cooperation (wg-ic)`."""
        return Body.of(self.session, body_id)

    def add(
        self,
        name: str,
        /,
        *,
        activities: Iterable[str] = (),
        meetings: Iterable[MeetingKey] = (),
        **params: object,
    ) -> None:
        """Report one violation: the message `<rule>.<name>` of the rule's wording file."""
        self.append(
            Finding(
                rule=self.rule,
                message=Message.of(f"{self.rule}.{name}", **params),
                activities=tuple(dict.fromkeys(activities)),
                meetings=tuple(dict.fromkeys(meeting_label(m) for m in meetings)),
            )
        )


@dataclass(frozen=True)
class Report:
    """Every finding on a timetable, and its recomputed objective (see docs/RULES.md)."""

    findings: tuple[Finding, ...]
    objective: int
    costs: dict[str, int] = field(default_factory=dict)  # preference name -> weighted cost

    @property
    def ok(self) -> bool:
        """No hard rule is broken."""
        return not self.findings

    def broken_rules(self) -> list[str]:
        """Names of the broken rules, sorted, each once."""
        return sorted({f.rule for f in self.findings})

    def holds(self, rule: str) -> bool:
        """Whether the hard rule `rule` holds; an unknown name is an error, not a pass."""
        if rule not in HARD_RULE_NAMES:
            raise ValueError(f"{rule!r} is not a hard rule (see scheduler.rules)")
        return all(f.rule != rule for f in self.findings)

    def findings_of(self, rule: str) -> list[Finding]:
        """The findings of one rule, in the order found."""
        return [f for f in self.findings if f.rule == rule]

    def to_frame(self, lang: str = "en") -> pd.DataFrame:
        """One row per finding: rule, message, activities and meetings (comma-separated)."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "rule": f.rule,
                    "message": f.text(lang),
                    "activities": ", ".join(f.activities),
                    "meetings": ", ".join(f.meetings),
                }
                for f in self.findings
            ],
            columns=list(FINDING_COLUMNS),
        )
