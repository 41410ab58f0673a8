"""What a pre-check finds, and the keys `(rule, subject)` of the rule instances behind it.

The keys are those of `models.instances` plus the calendar's own: `within-periods` with subject
`days`, `evenings` or `holiday@<date>`, so the explainer can switch any of them off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from scheduler.session import Activity

Key = tuple[str, str]
Active = Callable[[Key], bool]

SESSION = "session"
DAYS: Key = ("within-periods", "days")
EVENINGS: Key = ("within-periods", "evenings")
BUDGET: Key = ("interpretation-budget", SESSION)
TEAMS: Key = ("interpretation-teams", SESSION)
CAP: Key = ("parallel-cap", SESSION)


def holiday_key(date: dt.date) -> Key:
    return ("within-periods", f"holiday@{date.isoformat()}")


def date_key(a: Activity) -> Key:
    """The key of an activity's `date` fix (as `models.instances.date_subject`)."""
    assert a.date is not None
    return ("fixed-start", f"{a.id}@{a.date.isoformat()}")


@dataclass(frozen=True)
class PrecheckFinding:
    """One proven impossibility, in English and French, with the rule instances behind it."""

    check: str  # fixed-time, order, window, capacity, budget, teams, parallel-cap
    rule: str  # the rule of scheduler.rules it is about
    text_en: str
    text_fr: str
    instances: tuple[Key, ...] = ()

    def text(self, lang: str = "en") -> str:
        return self.text_fr if lang == "fr" else self.text_en
