"""The rule catalogue: every hard rule and preference, its instances over a session, its subjects.

Each layer registers against these names: the model's constraints (`models/constraints.py`),
the validator's checks (`scheduler/validation/registry.py`), the explanation's measures and the
pre-checks. `tests/rules/test_catalogue.py` names the file a missing piece belongs in.
"""

from scheduler.rules.catalogue import (
    HARD_RULE_NAMES,
    HARD_RULES,
    PREFERENCE_NAMES,
    PREFERENCES,
    RULES,
    Rule,
    rule_instances,
)
from scheduler.rules.instances import RuleInstance
from scheduler.rules.subjects import SESSION, Key, date_subject, pair_subject

__all__ = [
    "HARD_RULES",
    "HARD_RULE_NAMES",
    "PREFERENCES",
    "PREFERENCE_NAMES",
    "RULES",
    "SESSION",
    "Key",
    "Rule",
    "RuleInstance",
    "date_subject",
    "pair_subject",
    "rule_instances",
]
