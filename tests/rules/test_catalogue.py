"""The catalogue is every rule's home: each layer registers against it, and nothing is missing.

For every rule of `scheduler.rules` these tests name the file a missing piece belongs in, so
adding a rule is a matter of following the failures (see docs/ADDING_A_RULE.md).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from models.constraints import HARD_CONSTRAINTS
from models.explain_relax import MEASURES
from models.objective import PREFERENCE_TERMS
from scheduler.messages import LANGUAGES, Message, has
from scheduler.rules import HARD_RULES, PREFERENCES, RULES, Rule, rule_instances
from scheduler.timetable import Timetable
from scheduler.validation import CHECKS, validate
from scheduler.validation.costs import preference_costs
from tests.conftest import cop9_data, make_session, tiny_data
from tests.models import test_constraints
from tests.validation.cases import BREAKS_ONLY

ROOT = Path(__file__).resolve().parents[2]


def _python_name(rule: Rule) -> str:
    return rule.name.replace("-", "_")


def _test_class(rule: Rule) -> str:
    return "Test" + "".join(word.capitalize() for word in rule.name.split("-"))


def _gaps(found: Iterator[str]) -> str:
    return "\n".join(["", *found])


def missing_constraints() -> Iterator[str]:
    for rule in HARD_RULES:
        function = HARD_CONSTRAINTS.get(rule.name)
        if function is None:
            yield (
                f"{rule.name}: no constraint. Add `def {_python_name(rule)}(ctx: Context)` with a "
                "'Hard:' docstring to models/constraints.py and list it in HARD_CONSTRAINTS."
            )
        elif not (inspect.getdoc(function) or "").startswith("Hard:"):
            yield f"{rule.name}: models/constraints.py: its docstring must start with 'Hard:'."


def missing_checks() -> Iterator[str]:
    for rule in HARD_RULES:
        check = CHECKS.get(rule.name)
        if check is None:
            yield (
                f"{rule.name}: no check. Add `def check_{_python_name(rule)}(session, timetable)` "
                "with a 'Hard:' docstring to a module of scheduler/validation/ and list it in "
                "CHECKS in scheduler/validation/registry.py."
            )


def missing_cases() -> Iterator[str]:
    for rule in HARD_RULES:
        if rule.name not in BREAKS_ONLY:
            yield (
                f"{rule.name}: no case that breaks it alone. Add one to BREAKS_ONLY in "
                "tests/validation/cases.py."
            )
        tests = getattr(test_constraints, _test_class(rule), None)
        methods = [m for m in dir(tests) if m.startswith("test_")] if tests else []
        if not methods:
            yield (
                f"{rule.name}: no model tests. Add `class {_test_class(rule)}` to "
                "tests/models/test_constraints.py with a case where the rule holds and one it "
                "refuses."
            )


def missing_terms() -> Iterator[str]:
    costs = preference_costs(make_session(tiny_data()), Timetable())
    for rule in PREFERENCES:
        if rule.name not in PREFERENCE_TERMS:
            yield (
                f"{rule.name}: no penalty terms. Add a function `Context -> list[PenaltyTerm]` "
                "to models/objective.py and list it in PREFERENCE_TERMS."
            )
        if rule.name not in costs:
            yield f"{rule.name}: no recomputed cost. Add it to scheduler/validation/costs.py."


def missing_documents() -> Iterator[str]:
    for rule in RULES.values():
        if not re.search(rf"^\| `{re.escape(rule.name)}` \|", _text("docs/RULES.md"), re.M):
            yield f"{rule.name}: no row `| `{rule.name}` | ...` in docs/RULES.md."
        if f"`{rule.name}`" not in _text("models/FORMULATION.md"):
            yield f"{rule.name}: not in models/FORMULATION.md: write how the model encodes it."


def _text(path: str) -> str:
    return (ROOT / path).read_text(encoding="utf-8")


def _sample_messages() -> Iterator[tuple[Rule, Message]]:
    """Each rule's statement, its instances' messages and its findings' messages."""
    sessions = [make_session(cop9_data()), *(case()[0] for case in BREAKS_ONLY.values())]
    for rule in RULES.values():
        yield rule, rule.message
    for session in sessions:
        for instance in rule_instances(session):
            yield RULES[instance.rule], instance.message
    for case in BREAKS_ONLY.values():  # each rule's findings, from the timetable that breaks it
        for finding in validate(*case()).findings:
            yield RULES[finding.rule], finding.message


def missing_wording() -> Iterator[str]:
    for rule, message in _sample_messages():
        for lang in LANGUAGES:
            if not has(message.key, lang):
                yield (
                    f"{rule.name}: no {lang} wording for `{message.key}`. Add "
                    f"`{message.key.removeprefix(rule.name + '.')}: {{{lang}: ...}}` to "
                    f"scheduler/rules/wording/{rule.name}.yaml."
                )


@pytest.mark.parametrize(
    "gaps",
    [
        missing_constraints,
        missing_checks,
        missing_cases,
        missing_terms,
        missing_documents,
        missing_wording,
    ],
    ids=lambda f: f.__name__,
)
def test_every_rule_has_every_piece(gaps: Callable[[], Iterator[str]]) -> None:
    found = list(dict.fromkeys(gaps()))
    assert not found, _gaps(iter(found))


def test_every_registry_names_only_catalogue_rules() -> None:
    hard = {r.name for r in HARD_RULES}
    assert set(HARD_CONSTRAINTS) <= hard, "models/constraints.py names a rule not in the catalogue"
    assert set(CHECKS) <= hard, "scheduler/validation/registry.py names an unknown rule"
    assert set(BREAKS_ONLY) <= hard
    assert set(PREFERENCE_TERMS) <= {r.name for r in PREFERENCES}
    calendar = {"days", "evenings", "holiday"}  # the calendar's own instances of within-periods
    assert set(MEASURES) <= set(RULES) | calendar, "models/explain_relax.py: MEASURES"


def test_every_wording_file_belongs_to_a_rule() -> None:
    files = {p.stem for p in (ROOT / "scheduler/rules/wording").glob("*.yaml")}
    assert files == set(RULES), "scheduler/rules/wording/ has a file for each rule and no other"


def test_a_missing_piece_is_named_with_its_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """The message a new rule gets when its constraint is not written yet."""
    monkeypatch.setattr(
        "tests.rules.test_catalogue.HARD_RULES", (*HARD_RULES, Rule("max-widgets", "hard"))
    )
    (gap,) = missing_constraints()
    assert gap.startswith("max-widgets: no constraint. Add `def max_widgets(ctx: Context)`")
    assert "models/constraints.py" in gap
