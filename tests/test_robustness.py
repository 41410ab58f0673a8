"""No input crashes `schedule solve`: random sessions, valid and broken (hypothesis).

Each generated session file ends in exactly one of three ways:
- a timetable (exit 0) that the independent validator passes;
- infeasible (exit 3) with an explanation whose minimality holds, checked apart from the
  explainer by editing the data (`tests.explain.dropping`) and solving again;
- a clear input error (exit 2) naming the file, the field and, where there is one, the value.
Never a traceback, never an output file after a failure. The cheap pre-checks must never
claim an impossibility for a session that has a timetable.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from models import solve
from models.explain import explain
from models.explain_core import instances_of
from models.explain_horizon import horizon
from scheduler.cli import app
from scheduler.errors import ExitCode
from scheduler.io.session_file import load_session
from scheduler.io.timetable_workbook import read_assignments
from scheduler.prechecks import precheck
from scheduler.result import SolveStatus
from scheduler.validation import validate
from tests.conftest import make_session, tiny_data
from tests.explain.dropping import drop_rules

runner = CliRunner()
MONDAY = dt.date(2030, 3, 4)
CLOCKS = ["10:00", "11:00", "12:00", "13:00", "15:00", "16:30", "18:00", "19:00"]

#: Broken files: (what is broken, how, a text the error must show).
BREAKS: dict[str, str] = {
    "not-yaml": "not valid YAML",
    "wrong-type": "items[id=2].minutes",
    "wrong-list": "session.days",
    "unknown-key": "did you mean 'minutes'?",
    "duplicated-id": "is used twice",
    "time-25": "session.periods[id=AM].start",
    "date-outside": "meetings[id=wg-1].date",
    "empty-agenda": "items",
    "unknown-reference": "not_in_parallel_with",
    "huge": "at most 100",
}


@st.composite
def moments(draw: st.DrawFn, days: list[dt.date]) -> str:
    day = draw(st.sampled_from(days))
    return f"{day.isoformat()}T{draw(st.sampled_from(CLOCKS))}"


@st.composite
def session_files(draw: st.DrawFn) -> tuple[dict[str, Any], str | None]:
    """A small session built from the tiny one, and what breaks it (None: nothing).

    Half of the sessions only vary the tiny one's sizes (most have a timetable); the other
    half also draw fixed times, deadlines, order and sharing rules (many have none).
    """
    data = tiny_data()
    info = data["session"]
    stressed = draw(st.booleans())
    days = [MONDAY + dt.timedelta(days=n) for n in range(draw(st.integers(1, 3)))]
    info["days"] = days
    if draw(st.booleans()):
        info["periods"].append({"id": "EV", "start": "18:00", "end": "20:00", "evening": True})
        info["evening_meetings"] = draw(st.booleans())
    if len(days) > 1 and draw(st.integers(0, 4)) == 0:
        info["holidays"] = [draw(st.sampled_from(days))]
    interp = data["interpretation"]
    interp["budget"] = draw(st.integers(0, 8) if stressed else st.integers(4, 12))
    interp["teams"] = draw(st.integers(0, 3) if stressed else st.integers(1, 3))
    if draw(st.booleans()):
        interp["parallel_cap"] = draw(st.integers(1, 3))
    data["bodies"][0]["order"] = draw(st.sampled_from(["agenda", "agenda", "free"]))
    minutes = [15, 30, 60, 90, 180, 240, 400] if stressed else [15, 30, 60, 90, 120]
    for item in data["items"]:
        item["minutes"] = draw(st.sampled_from(minutes))
        if not stressed:
            continue
        for field in ("fixed_start", "earliest_start", "latest_end"):
            if draw(st.integers(0, 5)) == 0:
                item[field] = draw(moments(days))
            elif field == "fixed_start" and draw(st.integers(0, 2)) == 0:
                item.pop(field, None)
        item["first"] = item.get("first", False) and draw(st.booleans())
        item["last"] = item.get("last", False) and draw(st.booleans())
        if draw(st.integers(0, 6)) == 0:
            item["run_on"] = False
        if draw(st.integers(0, 6)) == 0:
            item["share"] = False
    group = data["meetings"][0]
    group["meetings"] = draw(st.integers(1, 3))
    group["not_in_parallel_with"] = draw(st.sampled_from([[], ["2"], ["plenary"], ["2", "4"]]))
    if stressed:
        if draw(st.integers(0, 3)) == 0:
            group["date"] = draw(st.sampled_from(days)).isoformat()
        for field in ("fixed_start", "latest_end"):
            if draw(st.integers(0, 4)) == 0:
                group[field] = draw(moments(days))
        if draw(st.integers(0, 3)) == 0:
            data["bodies"][1]["latest_end"] = draw(moments(days))
    broken = draw(st.sampled_from([None] * 12 + sorted(BREAKS)))
    if broken is not None:
        _break(data, broken)
    return data, broken


def _break(data: dict[str, Any], how: str) -> None:
    items, info = data["items"], data["session"]
    if how == "wrong-type":
        items[1]["minutes"] = "long"
    elif how == "wrong-list":
        info["days"] = "monday"
    elif how == "unknown-key":
        items[0]["minuts"] = items[0].pop("minutes")
    elif how == "duplicated-id":
        items[2]["id"] = items[1]["id"]
    elif how == "time-25":
        info["periods"][0]["start"] = "25:00"
    elif how == "date-outside":
        data["meetings"][0]["date"] = "2031-01-01"
    elif how == "empty-agenda":
        data["items"] = []
    elif how == "unknown-reference":
        data["meetings"][0]["not_in_parallel_with"] = ["99"]
    elif how == "huge":
        info["days"] = [MONDAY + dt.timedelta(days=n) for n in range(150)]
        info.pop("holidays", None)


def _write(path: Path, data: dict[str, Any], broken: str | None) -> None:
    if broken == "not-yaml":
        path.write_text("session: [unclosed\n  items: {", encoding="utf-8")
        return
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _minimal_by_editing(data: dict[str, Any], conflict: list[tuple[str, str]]) -> None:
    """With every rule outside the conflict dropped: infeasible; without one more: a timetable."""
    session = make_session(data)
    h = horizon(session)
    others = [i.key for i in instances_of(h) if i.key not in conflict]
    alone = make_session(drop_rules(data, others, h.extra_days))
    assert solve(alone, workers=1, seed=0, time_limit=20).status is SolveStatus.INFEASIBLE
    for key in conflict:
        relaxed = make_session(drop_rules(data, [*others, key], h.extra_days))
        result = solve(relaxed, workers=1, seed=0, time_limit=20)
        assert result.timetable is not None, key
        assert validate(relaxed, result.timetable).ok, key


@pytest.mark.slow
@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case=session_files())
def test_solve_never_crashes(case: tuple[dict[str, Any], str | None], tmp_path_factory):
    data, broken = case
    folder = tmp_path_factory.mktemp("case")
    path, out = folder / "session.yaml", folder / "timetable.xlsx"
    _write(path, data, broken)
    result = runner.invoke(
        app,
        ["solve", str(path), "-o", str(out), "--workers", "1", "--seed", "0",
         "--time-limit", "20", "--lang", "en", "-q"],
    )  # fmt: skip
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    event(f"exit {result.exit_code}" + (f" ({broken})" if broken else ""))
    assert result.exit_code in (ExitCode.OK, ExitCode.INVALID_INPUT, ExitCode.INFEASIBLE)
    if result.exit_code != ExitCode.OK:
        assert not out.exists(), "an output file after a failure"
    if result.exit_code == ExitCode.INVALID_INPUT:
        assert broken is not None or "error:" in result.output, result.output
        assert f"error: {path}" in result.output
        if broken is not None:
            assert BREAKS[broken] in result.output, result.output
        return
    assert broken is None, f"{broken} was accepted"
    session = load_session(path)
    if result.exit_code == ExitCode.OK:
        assert validate(session, read_assignments(out)).ok
        assert precheck(session) == [], "a pre-check refused a session that has a timetable"
        return
    assert "status: infeasible" in result.output
    found = explain(session, time_limit=20, workers=1, seed=0)
    assert found.status == "infeasible"
    assert found.minimal
    assert found.conflict or found.findings, "infeasible, yet nothing named"
    for line in found.text().splitlines()[:-1]:  # all but the timing line
        assert line in result.output
    _minimal_by_editing(data, [i.key for i in found.conflict])
