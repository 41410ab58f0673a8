"""The registry: every hard rule of scheduler.rules has exactly one named, documented check."""

from __future__ import annotations

import inspect

import pytest

from scheduler.rules import HARD_RULE_NAMES
from scheduler.validation import CHECKS, validate
from scheduler.validation.registry import NOT_CHECKED
from tests.validation.cases import BREAKS_ONLY
from tests.validation.layout import tiny_session, tiny_timetable


def test_the_registry_covers_every_hard_rule_and_nothing_else() -> None:
    assert set(CHECKS) == set(HARD_RULE_NAMES)
    assert len(CHECKS) == len(HARD_RULE_NAMES)


def test_each_check_is_named_after_its_rule_and_documented_as_hard() -> None:
    for name, check in CHECKS.items():
        assert check.__name__ == "check_" + name.replace("-", "_")
        assert (inspect.getdoc(check) or "").startswith("Hard:"), name


def test_a_clean_timetable_passes_every_check_one_by_one() -> None:
    session, timetable = tiny_session(), tiny_timetable()
    for name, check in CHECKS.items():
        assert check(session, timetable) == [], name


def test_a_failing_check_is_reported_under_its_rule_not_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken_check(session: object, timetable: object) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setitem(CHECKS, "deadline", broken_check)
    report = validate(tiny_session(), tiny_timetable())
    assert report.broken_rules() == ["deadline"]
    assert report.findings[0].text("en").startswith(NOT_CHECKED)


@pytest.mark.parametrize("rule", HARD_RULE_NAMES)
def test_every_rule_has_a_case_breaking_it_alone(rule: str) -> None:
    session, timetable = BREAKS_ONLY[rule]()
    report = validate(session, timetable)
    assert report.broken_rules() == [rule]
    assert all(f.activities and f.meetings for f in report.findings), report.findings


def test_the_table_of_cases_names_only_hard_rules() -> None:
    assert set(BREAKS_ONLY) == set(HARD_RULE_NAMES)
