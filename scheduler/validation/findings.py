"""What the validator reports: one finding per broken rule instance, and the whole report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from scheduler.rules import HARD_RULE_NAMES
from scheduler.session import Session
from scheduler.validation.wording import MeetingKey, Term, meeting_label, render

#: Columns of `Report.to_frame()`.
FINDING_COLUMNS: tuple[str, ...] = ("rule", "message", "activities", "meetings")


@dataclass(frozen=True)
class Finding:
    """One violation of a hard rule, named as in `scheduler.rules`, with what it involves."""

    rule: str
    message_en: str
    message_fr: str
    activities: tuple[str, ...] = ()
    meetings: tuple[str, ...] = ()  # labels such as "plenary Thu 18 Oct AM"

    def text(self, lang: str = "en") -> str:
        """The message in French or English (English for any other language)."""
        return self.message_fr if lang == "fr" else self.message_en

    def __str__(self) -> str:
        return f"{self.rule}: {self.message_en}"


def finding(
    rule: str,
    session: Session,
    en: str,
    fr: str,
    /,
    *,
    activities: Iterable[str] = (),
    meetings: Iterable[MeetingKey] = (),
    **terms: Term | str | int,
) -> Finding:
    """A finding whose message templates `en` and `fr` name `terms` in each language."""
    return Finding(
        rule=rule,
        message_en=render(en, session, "en", terms),
        message_fr=render(fr, session, "fr", terms),
        activities=tuple(dict.fromkeys(activities)),
        meetings=tuple(dict.fromkeys(meeting_label(m) for m in meetings)),
    )


class Findings(list[Finding]):
    """The findings of one rule, collected by a check."""

    def __init__(self, rule: str, session: Session) -> None:
        super().__init__()
        self.rule = rule
        self.session = session

    def add(
        self,
        en: str,
        fr: str,
        /,
        *,
        activities: Iterable[str] = (),
        meetings: Iterable[MeetingKey] = (),
        **terms: Term | str | int,
    ) -> None:
        """Report one violation; `en` and `fr` are templates naming `terms`."""
        self.append(
            finding(
                self.rule, self.session, en, fr, activities=activities, meetings=meetings, **terms
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
