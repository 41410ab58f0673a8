"""Importing the seed document gives the session file that was typed by hand for it."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from typing import Any

import pytest
import yaml

from scheduler.agenda_import import ImportResult
from scheduler.io.session_file import parse_session, session_from_data
from scheduler.published import published_timetable
from tests.conftest import cop9_data


def _by_id(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(e["id"]): e for e in entries}


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    return cop9_data()


def test_all_items_and_sub_items_in_order(seed_import: ImportResult) -> None:
    items = seed_import.session_data["items"]
    ids = [item["id"] for item in items]
    assert ids == [str(i["id"]) for i in cop9_data()["items"]]
    assert len([i for i in items if "parent" not in i]) == 9
    assert len([i for i in items if "parent" in i]) == 10


def test_titles_equal_the_shipped_french_titles(
    seed_import: ImportResult, shipped: dict[str, Any]
) -> None:
    expected = {str(i["id"]): i["title"]["fr"] for i in shipped["items"]}
    got = {str(i["id"]): i["title"]["fr"] for i in seed_import.session_data["items"]}
    assert got == expected


def test_annex_wording_kept_as_annex_titles(
    seed_import: ImportResult, shipped: dict[str, Any]
) -> None:
    expected = {
        str(i["id"]): i["annex_title"]["fr"] for i in shipped["items"] if "annex_title" in i
    }
    got = {
        str(i["id"]): i["annex_title"]["fr"]
        for i in seed_import.session_data["items"]
        if "annex_title" in i
    }
    assert got == expected


def test_documents_listed_under_each_item(
    seed_import: ImportResult, shipped: dict[str, Any]
) -> None:
    expected = {str(i["id"]): i.get("documents", []) for i in shipped["items"]}
    # The agenda itself is listed under item 1 c); the hand-made file leaves it out.
    expected["1c"] = ["CTOC/COP/2018/1"]
    got = {str(i["id"]): i.get("documents", []) for i in seed_import.session_data["items"]}
    assert got == expected


def test_dates_opening_and_interpretation(seed_import: ImportResult) -> None:
    data = seed_import.session_data
    assert data["session"]["days"] == [dt.date(2018, 10, d) for d in range(15, 20)]
    assert data["session"]["pre_session_days"] == [dt.date(2018, 10, 12)]
    assert data["session"]["number"] == 9
    assert data["session"]["symbol"] == "CTOC/COP"
    assert data["interpretation"]["budget"] == 20
    assert data["interpretation"]["teams"] == 2
    opening = _by_id(data["items"])["1a"]
    assert opening["fixed_start"] == dt.datetime(2018, 10, 15, 10, 0)
    assert opening["first"] is True
    assert _by_id(data["items"])["9"]["last"] is True
    periods = [(p["start"], p["end"]) for p in data["session"]["periods"]]
    assert periods == [("10:00", "13:00"), ("15:00", "18:00")]


def test_thursday_noon_deadline_binds_the_working_group(seed_import: ImportResult) -> None:
    thursday_noon = dt.datetime(2018, 10, 18, 12, 0)
    applied = [d for d in seed_import.deadlines if d.when == thursday_noon]
    assert len(applied) == 1 and applied[0].applies_to
    bodies = _by_id(seed_import.session_data["bodies"])
    (group,) = [b for b in bodies.values() if b["kind"] == "working_group"]
    assert group["latest_end"] == thursday_noon
    assert group["id"] in applied[0].applies_to
    # Deadlines before the session are reported, not applied.
    before = [d for d in seed_import.deadlines if d.when == dt.datetime(2018, 10, 5, 12, 0)]
    assert before and not before[0].applies_to


def test_working_group_meets_on_16_october(seed_import: ImportResult) -> None:
    data = seed_import.session_data
    group = next(b for b in data["bodies"] if b["kind"] == "working_group")
    assert group["name"]["fr"] == "Groupe de travail sur la coopération internationale"
    (meeting,) = [m for m in data["meetings"] if m["body"] == group["id"]]
    assert meeting["date"] == dt.date(2018, 10, 16)
    assert meeting["meetings"] == 2
    assert meeting["id"].endswith("-10")  # "la dixième réunion"


def test_informal_consultations_the_friday_before(seed_import: ImportResult) -> None:
    data = seed_import.session_data
    informals = next(b for b in data["bodies"] if b["kind"] == "informal")
    assert informals["interpreted"] is False
    (meeting,) = [m for m in data["meetings"] if m["body"] == informals["id"]]
    assert meeting["date"] == dt.date(2018, 10, 12)


def test_published_timetable_is_the_annex(
    seed_import: ImportResult, shipped: dict[str, Any]
) -> None:
    data = seed_import.session_data
    rename = {m["id"]: m["body"] for m in data["meetings"]}
    kinds = {b["id"]: b["kind"] for b in data["bodies"]}
    shipped_kinds = {b["id"]: b["kind"] for b in shipped["bodies"]}
    shipped_rename = {m["id"]: m["body"] for m in shipped["meetings"]}

    def key(entry: dict[str, Any], names: dict[str, str], body_kinds: dict[str, str]) -> tuple:
        activity = str(entry["activity"])
        label = body_kinds[names[activity]] if activity in names else activity
        return (label, entry["date"], entry["period"])

    got = sorted(key(e, rename, kinds) for e in data["published"])
    expected = sorted(key(e, shipped_rename, shipped_kinds) for e in shipped["published"])
    assert got == expected


def test_durations_are_marked_estimates_from_the_annex(seed_import: ImportResult) -> None:
    items = _by_id(seed_import.session_data["items"])
    assert items["5"]["minutes"] == 2 * 180  # two meetings in the annex
    assert [items[f"1{x}"]["minutes"] for x in "abcdef"] == [30] * 6  # one meeting shared by six
    assert items["2"]["minutes"] + items["2a"]["minutes"] == 180
    assert "minutes" not in items["1"]  # a heading, taken through its sub-items
    index = [str(i["id"]) for i in seed_import.session_data["items"]].index("5")
    assert "estimate" in seed_import.comments[("items", index, "minutes")]


def test_the_draft_is_a_valid_session_and_its_yaml_too(seed_import: ImportResult) -> None:
    assert seed_import.problems() == []
    session = parse_session(seed_import.to_yaml())
    assert session == session_from_data(seed_import.session_data)


def test_published_entries_lay_out_within_their_periods(seed_import: ImportResult) -> None:
    session = session_from_data(seed_import.session_data)
    timetable = published_timetable(session, lang="fr")
    rows = list(timetable)
    assert len(rows) == len(seed_import.session_data["published"])
    for row in rows:
        slot = session.slot(row.date, row.period)
        assert slot.period.start <= row.start < row.end <= slot.period.end
    placed: dict[str, int] = {}
    for row in rows:
        placed[row.activity] = placed.get(row.activity, 0) + row.minutes
    for activity in session.activities:
        if activity.minutes is not None:
            assert placed[activity.id] == activity.minutes, activity.id


@pytest.mark.skipif(
    importlib.util.find_spec("scheduler.validation") is None,
    reason="the independent validator is not there yet",
)
def test_schedule_check_published_accepts_the_imported_annex(seed_import: ImportResult) -> None:
    from scheduler.validation import validate

    session = session_from_data(seed_import.session_data)
    report = validate(session, published_timetable(session))
    assert report.ok, report.broken_rules()


def test_report_names_what_the_planner_must_complete(seed_import: ImportResult) -> None:
    text = "\n".join(seed_import.report)
    assert "rooms: placeholders" in text
    assert "durations are estimates" in text
    assert "not_in_parallel_with: ['4']" in text  # the working group and item 4
    header = seed_import.to_yaml().split("\n\n")[0]
    assert all(line.startswith("#") for line in header.splitlines())
    assert "Report" in header


def test_yaml_comments_sit_beside_uncertain_fields(seed_import: ImportResult) -> None:
    text = seed_import.to_yaml()
    assert "latest_end: 2018-10-18T12:00  # from the deadline in the annotations" in text
    assert "# TO COMPLETE: the document names no rooms" in text
    data = yaml.safe_load(text)
    assert data["interpretation"]["budget"] == 20


@pytest.mark.skipif(
    importlib.util.find_spec("scheduler.validation") is None,
    reason="the independent validator is not there yet",
)
def test_schedule_check_command_on_the_written_file(
    seed_import: ImportResult, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from scheduler.cli import app

    path = tmp_path / "session.yaml"
    path.write_text(seed_import.to_yaml(), encoding="utf-8")
    outcome = CliRunner().invoke(app, ["check", str(path), "--published", "--lang", "en"])
    assert outcome.exit_code == 0, outcome.output
    assert "rules hold" in outcome.output


def test_the_draft_s_language_is_the_default_of_every_command(
    seed_import: ImportResult, tmp_path: Path
) -> None:
    """A French document gives a French session: `check` speaks French without --lang."""
    from typer.testing import CliRunner

    from scheduler.cli import app

    path = tmp_path / "session.yaml"
    path.write_text(seed_import.to_yaml(), encoding="utf-8")
    assert "language: fr" in path.read_text(encoding="utf-8")
    outcome = CliRunner().invoke(app, ["check", str(path), "--published"])
    assert outcome.exit_code == 0, outcome.output
    assert "règles sont respectées" in outcome.output
