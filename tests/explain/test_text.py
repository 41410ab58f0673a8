"""An explanation's closing sentence agrees with the number of rules in the conflict.

"Each is needed" after a single rule was the bug: the verdicts take the conflict's size as
their plural count, in all six languages (one rule and several, built without a solve).
"""

from __future__ import annotations

import pytest

from models.explain import Explanation
from models.explain_core import Verdict
from models.explain_relax import Relaxation
from scheduler.messages import LANGUAGES, Message, word
from scheduler.rules.instances import instance

BUDGET = instance("interpretation-budget", "session", "instance", count=5)
TEAMS = instance("interpretation-teams", "session", "instance", count=1)


def _explained(verdicts: list[Verdict], lang: str) -> Explanation:
    members = [BUDGET, TEAMS][: len(verdicts)]
    said = Message.of("explain.relax.undecided")
    relaxations = [Relaxation(m, v, said) for m, v in zip(members, verdicts, strict=True)]
    return Explanation("infeasible", members, relaxations, [], True, lang=lang)


CASES = {
    "all-drops": Verdict.FEASIBLE,
    "minimal": Verdict.INFEASIBLE,
    "undecided": Verdict.UNKNOWN,
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", sorted(CASES))
def test_one_rule_is_said_in_the_singular(key: str, lang: str) -> None:
    text = _explained([CASES[key]], lang).text()
    assert text.splitlines()[-2] == word(f"explain.{key}", lang, n=1), text
    assert word(f"explain.{key}", lang, n=1) != word(f"explain.{key}", lang, n=2)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", sorted(CASES))
def test_several_rules_are_said_in_the_plural(key: str, lang: str) -> None:
    text = _explained([CASES[key], Verdict.FEASIBLE], lang).text()
    assert text.splitlines()[-2] == word(f"explain.{key}", lang, n=2), text


def test_english_says_it_for_one_rule_and_each_for_several() -> None:
    one = _explained([Verdict.INFEASIBLE], "en").text()
    two = _explained([Verdict.INFEASIBLE, Verdict.FEASIBLE], "en").text()
    assert "It is needed for the conflict" in one and "Each is needed" not in one, one
    assert "Each is needed for the conflict" in two, two
