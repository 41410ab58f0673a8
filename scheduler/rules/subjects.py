"""Subjects of rule instances: what one instance of a rule is about, as a key `(rule, subject)`.

An activity's instances use its id (its `date`/`dates` too, under `held-on-date`); a pair
`a/b`; rules about the whole session `session`. The calendar's own instances, switchable only in
explanations, are `within-periods` with subject `days`, `evenings` or `holiday@<date>`.
"""

from __future__ import annotations

import datetime as dt

from scheduler.session import Activity

Key = tuple[str, str]

#: The subject of the rule instances that concern the whole session.
SESSION = "session"
DAYS: Key = ("within-periods", "days")
EVENINGS: Key = ("within-periods", "evenings")
BUDGET: Key = ("interpretation-budget", SESSION)
TEAMS: Key = ("interpretation-teams", SESSION)
CAP: Key = ("parallel-cap", SESSION)


def date_subject(a: Activity) -> str:
    """Subject of an activity's `date`/`dates` instance of `held-on-date`: its id."""
    return a.id


def pair_subject(activity_id: str, other: str) -> str:
    return f"{activity_id}/{other}"


def holiday_key(date: dt.date) -> Key:
    return ("within-periods", f"holiday@{date.isoformat()}")


def date_key(a: Activity) -> Key:
    """The key of an activity's `date`/`dates` instance (rule `held-on-date`)."""
    return ("held-on-date", date_subject(a))
