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

from dataclasses import dataclass
from typing import Literal

from scheduler.messages import Message
from scheduler.rules import instances as found
from scheduler.rules.instances import Instances, RuleInstance
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


HARD_RULES: tuple[Rule, ...] = (
    Rule("full-duration", "hard"),
    Rule("within-periods", "hard"),
    Rule("body-one-at-a-time", "hard"),
    Rule("room-one-meeting", "hard"),
    Rule("body-rooms", "hard"),
    Rule("interpretation-booths", "hard"),
    Rule("agenda-order", "hard", found.agenda_order_instances),
    Rule("first-last", "hard", found.first_last_instances),
    Rule("fixed-start", "hard", found.fixed_start_instances),
    Rule("earliest-start", "hard", found.earliest_start_instances),
    Rule("deadline", "hard", found.deadline_instances),
    Rule("not-in-parallel", "hard", found.not_in_parallel_instances),
    Rule("no-sharing", "hard", found.no_sharing_instances),
    Rule("no-running-on", "hard", found.no_running_on_instances),
    Rule("consecutive-meetings", "hard"),
    Rule("interpretation-budget", "hard", found.interpretation_budget_instances),
    Rule("interpretation-teams", "hard", found.interpretation_teams_instances),
    Rule("parallel-cap", "hard", found.parallel_cap_instances),
)

PREFERENCES: tuple[Rule, ...] = (
    Rule("carry-over", "preference"),
    Rule("carry-over-to-next-day", "preference"),
    Rule("interpreted-meetings", "preference"),
    Rule("preferred-periods", "preference"),
)

RULES: dict[str, Rule] = {r.name: r for r in (*HARD_RULES, *PREFERENCES)}
HARD_RULE_NAMES: tuple[str, ...] = tuple(r.name for r in HARD_RULES)
PREFERENCE_NAMES: tuple[str, ...] = tuple(r.name for r in PREFERENCES)


def rule_instances(session: Session) -> list[RuleInstance]:
    """Every rule instance of the session, grouped by rule in catalogue order, file order within."""
    return [i for rule in HARD_RULES if rule.instances for i in rule.instances(session)]
