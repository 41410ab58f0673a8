"""Finding and Report: what the validator hands to the planner, in the six languages."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from scheduler.messages import Message
from scheduler.messages.terms import Act, Moment
from scheduler.rules import HARD_RULE_NAMES
from scheduler.validation import Finding, Report, validate
from tests.validation.layout import row, tiny_session, tiny_timetable


def _report() -> Report:
    """Two rules broken: the working group meets beside item 2, past its deadline."""
    timetable = tiny_timetable(row("wg-1", "Mon PM", "15:00-18:00"))
    return validate(tiny_session(bodies={"wg": {"latest_end": "2030-03-04T17:00"}}), timetable)


def test_a_finding_speaks_the_six_languages() -> None:
    late = Message.of(
        "deadline.late",
        item=Act("4", "item"),
        end=Moment(dt.datetime(2030, 3, 5, 18), "short"),
        limit=Moment(dt.datetime(2030, 3, 5, 17), "short"),
    )
    finding = Finding("deadline", late, ("4",), ("plenary Tue 5 Mar PM",))
    assert finding.text("en") == "item 4 ends Tue 5 Mar 18:00, after its deadline Tue 5 Mar 17:00"
    assert finding.text("fr") == (
        "point 4 se termine mar. 5 mars 18:00, après son échéance mar. 5 mars 17:00"
    )
    assert finding.text("es") == (
        "el tema 4 termina el mar 5 de mar 18:00, después de su plazo (mar 5 de mar 17:00)"
    )
    assert str(finding) == (
        "deadline: item 4 ends Tue 5 Mar 18:00, after its deadline Tue 5 Mar 17:00"
    )


def test_the_report_lists_broken_rules_sorted_once() -> None:
    report = _report()
    assert not report.ok
    assert report.broken_rules() == ["deadline", "not-in-parallel"]
    assert not report.holds("not-in-parallel")
    assert report.holds("first-last")


def test_holds_refuses_a_name_that_is_not_a_hard_rule() -> None:
    with pytest.raises(ValueError, match="not a hard rule"):
        _report().holds("carry-over")


def test_an_empty_report_is_ok() -> None:
    report = Report(findings=(), objective=0)
    assert report.ok
    assert report.broken_rules() == []
    assert all(report.holds(name) for name in HARD_RULE_NAMES)
    assert list(report.to_frame().columns) == ["rule", "message", "activities", "meetings"]
    assert report.to_frame().empty


def test_to_frame_has_one_row_per_finding_in_the_chosen_language() -> None:
    report = _report()
    english = report.to_frame()
    french = report.to_frame("fr")
    assert isinstance(english, pd.DataFrame)
    assert len(english) == len(report.findings) == 2
    clash = english[english["rule"] == "not-in-parallel"].iloc[0]
    assert clash["message"] == "item 2 (Mon 4 Mar PM) runs in parallel with Working group (wg-1)"
    assert clash["activities"] == "2, wg-1"
    assert clash["meetings"] == "plenary Mon 4 Mar PM, wg Mon 4 Mar PM"
    assert french[french["rule"] == "deadline"].iloc[0]["message"] == (
        "Groupe de travail (wg-1) se termine lun. 4 mars 18:00, après son échéance "
        "lun. 4 mars 17:00"
    )


def test_every_finding_has_both_messages() -> None:
    for finding in _report().findings:
        assert finding.text("en") and finding.text("fr")
        assert finding.text("en") != finding.text("fr")
