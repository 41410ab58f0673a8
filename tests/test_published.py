"""A published grid laid out as timed assignments: no invented minutes, agenda order, free rooms,
printed times kept, each day's own periods; a partial grid is checked for what it lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from scheduler.cli.check import check_grid
from scheduler.published import published_grid, published_timetable
from scheduler.timetable import Assignment
from scheduler.validation import validate
from tests.conftest import cop9_data, make_session, tiny_data

MON, TUE = dt.date(2030, 3, 4), dt.date(2030, 3, 5)


def _row(activity: str, date: dt.date, period: str, **more: str) -> dict[str, Any]:
    return {"activity": activity, "date": date, "period": period, **more}


def _tiny(published: list[dict[str, Any]], **changes: Any) -> Any:
    data = tiny_data()
    data.update(changes)
    data["published"] = published
    return make_session(data)


def _parts(rows: Any, activity: str) -> list[Assignment]:
    return [r for r in rows if r.activity == activity]


def test_the_cop9_annex_is_laid_out_as_before(cop9: Any) -> None:
    """The reference grid: complete, valid, item 5 over two meetings (Thursday PM, Friday AM)."""
    grid = published_grid(cop9)
    assert not grid.partial and grid.total == len(cop9.activities)
    assert validate(cop9, grid.timetable).ok
    thursday, friday = _parts(grid.timetable, "5")
    assert (thursday.start, thursday.end, friday.start, friday.end) == (
        dt.time(15),
        dt.time(18),
        dt.time(10),
        dt.time(13),
    )


def test_a_last_listed_part_never_runs_past_its_period() -> None:
    """Item 2 (240 minutes) listed on Monday afternoon only: 15:00-18:00, not 15:00-19:00."""
    session = _tiny([_row("1", MON, "AM"), _row("2", MON, "PM")])
    (two,) = _parts(published_timetable(session), "2")
    assert (two.start, two.end, two.minutes) == (dt.time(15), dt.time(18), 180)


def test_parts_of_a_meeting_follow_the_agenda_not_the_listing() -> None:
    """Items 3 and 4 listed in reverse order in one meeting: 3 is still taken first."""
    listed = [_row("1", MON, "AM"), _row("2", MON, "PM"), _row("2", TUE, "AM")]
    forward = _tiny([*listed, _row("3", TUE, "PM"), _row("4", TUE, "PM")])
    backward = _tiny([*listed, _row("4", TUE, "PM"), _row("3", TUE, "PM")])
    assert published_timetable(forward) == published_timetable(backward)
    (three,) = _parts(published_timetable(backward), "3")
    (four,) = _parts(published_timetable(backward), "4")
    assert (three.start, three.end, four.start, four.end) == (
        dt.time(15),
        dt.time(15, 30),
        dt.time(15, 30),
        dt.time(16, 30),
    )
    assert validate(backward, published_timetable(backward)).holds("agenda-order")


def test_a_part_continued_later_leaves_room_for_the_parts_after_it() -> None:
    """Item 1 (60 minutes) then item 2 (240, continued on Tuesday): 2 gets the rest of Monday
    morning, and on Tuesday the 120 minutes it still needs, leaving room for item 3."""
    session = _tiny(
        [_row("1", MON, "AM"), _row("2", MON, "AM"), _row("2", TUE, "AM"), _row("3", TUE, "AM")]
    )
    first, second = _parts(published_timetable(session), "2")
    (three,) = _parts(published_timetable(session), "3")
    assert (first.start, first.end) == (dt.time(11), dt.time(13))
    assert (second.start, second.end) == (dt.time(10), dt.time(12))
    assert (three.start, three.end) == (dt.time(12), dt.time(12, 30))


def test_an_overfull_meeting_gives_every_part_a_share() -> None:
    """Item 2 (240 minutes, listed once) beside item 3 in one 180-minute meeting: 3 keeps its
    30 minutes, 2 is bounded by what is left; nothing runs past 18:00."""
    session = _tiny([_row("2", MON, "PM"), _row("3", MON, "PM")])
    rows = published_timetable(session)
    assert [(r.activity, r.start, r.end) for r in rows] == [
        ("2", dt.time(15), dt.time(17, 30)),
        ("3", dt.time(17, 30), dt.time(18)),
    ]


def test_printed_times_are_taken_as_given() -> None:
    session = _tiny(
        [
            _row("1", MON, "AM", start="10:00", end="10:45"),
            _row("2", MON, "AM", start="11:00"),
            _row("wg-1", MON, "PM", start="15:00", end="17:00"),
        ]
    )
    rows = published_timetable(session)
    (one,) = _parts(rows, "1")
    (two,) = _parts(rows, "2")
    (group,) = _parts(rows, "wg-1")
    assert (one.start, one.end, one.minutes) == (dt.time(10), dt.time(10, 45), 45)
    assert (two.start, two.end) == (dt.time(11), dt.time(13))
    assert (group.start, group.end) == (dt.time(15), dt.time(17))
    assert published_grid(session).timed == {("1", MON, "AM"), ("wg-1", MON, "PM")}


def _shared_pool(published: list[dict[str, Any]]) -> Any:
    """Plenary and working group share two rooms with booths."""
    data = tiny_data()
    for body in data["bodies"]:
        body["rooms"] = ["hall", "small"]
    data["meetings"][0]["not_in_parallel_with"] = []
    data["published"] = published
    return make_session(data)


def test_a_row_without_a_room_takes_a_free_room_of_its_body() -> None:
    """Two bodies with one pool of rooms, meeting at once: each in its own room."""
    session = _shared_pool([_row("1", MON, "AM"), _row("2", MON, "AM"), _row("wg-1", MON, "AM")])
    rows = published_timetable(session)
    assert {r.body: r.room for r in rows} == {"plenary": "hall", "wg": "small"}
    assert validate(session, rows).holds("room-one-meeting")


def test_a_room_the_grid_names_is_kept_and_avoided_by_the_others() -> None:
    session = _shared_pool(
        [_row("1", MON, "AM"), _row("2", MON, "AM"), _row("wg-1", MON, "AM", room="hall")]
    )
    rows = published_timetable(session)
    assert {r.body: r.room for r in rows} == {"plenary": "small", "wg": "hall"}
    assert published_grid(session).roomed == {("wg-1", MON, "AM")}


def test_a_day_with_periods_of_its_own_uses_them() -> None:
    """Tuesday's AM is 09:00-11:00: a row on Tuesday AM is laid out in those times."""
    data = tiny_data()
    data["session"]["day_periods"] = [
        {"dates": [TUE], "periods": [{"id": "AM", "start": "09:00", "end": "11:00"}]}
    ]
    data["published"] = [_row("3", TUE, "AM"), _row("4", TUE, "AM")]
    rows = published_timetable(make_session(data))
    assert [(r.activity, r.start, r.end) for r in rows] == [
        ("3", dt.time(9), dt.time(9, 30)),
        ("4", dt.time(9, 30), dt.time(10, 30)),
    ]


# --- partial grids -------------------------------------------------------------------------


def _cop9_without(*activities: str) -> Any:
    data = cop9_data()
    data["published"] = [e for e in data["published"] if e["activity"] not in activities]
    return make_session(data)


def test_a_grid_without_some_activities_is_partial_and_names_them() -> None:
    session = _cop9_without("7", "8", "9")
    grid = published_grid(session)
    assert grid.partial and grid.absent == ("7", "8", "9")
    assert len(grid.listed) == grid.total - 3


def test_a_partial_grid_is_checked_for_the_rows_it_has() -> None:
    """Friday afternoon left out: no finding for the missing items, the rest is checked."""
    checked = check_grid(session := _cop9_without("6", "7", "8", "9"), published_grid(session))
    assert checked.report.ok, [str(f) for f in checked.report.findings]
    assert checked.not_checked_rules == ["full-duration"]
    assert {a for f in checked.not_checked for a in f.activities} == {"6", "7", "8", "9"}


def test_a_partial_grid_does_not_hold_a_listed_activity_to_its_missing_parts() -> None:
    """Item 5 shown on Thursday afternoon only (its Friday part off the grid): not too short."""
    data = cop9_data()
    data["published"] = [
        e
        for e in data["published"]
        if e["activity"] not in ("6", "7", "8", "9")
        and not (e["activity"] == "5" and str(e["date"]) == "2018-10-19")
    ]
    session = make_session(data)
    checked = check_grid(session, published_grid(session))
    assert checked.report.ok, [str(f) for f in checked.report.findings]
    assert any(f.message.key == "full-duration.total-minutes" for f in checked.not_checked)


def test_a_partial_grid_still_reports_what_its_rows_break() -> None:
    """Two plenary items swapped in the rows it has: the agenda order is still checked."""
    data = cop9_data()
    rows = [e for e in data["published"] if e["activity"] not in ("7", "8", "9")]
    for entry in rows:
        if entry["activity"] in ("2b", "2c"):
            entry["activity"] = "2c" if entry["activity"] == "2b" else "2b"
    data["published"] = rows
    session = make_session(data)
    checked = check_grid(session, published_grid(session))
    assert checked.report.broken_rules() == ["agenda-order"]


def test_a_complete_grid_reports_a_short_activity() -> None:
    """Every activity listed, item 5 without its Friday part: the grid gives it too little."""
    data = cop9_data()
    data["published"] = [
        e
        for e in data["published"]
        if not (e["activity"] == "5" and str(e["date"]) == "2018-10-19")
    ]
    session = make_session(data)
    checked = check_grid(session, published_grid(session))
    assert not checked.not_checked
    assert "full-duration" in checked.report.broken_rules()


@pytest.mark.parametrize("lang", ["ar", "zh", "en", "fr", "ru", "es"])
def test_the_partial_grid_is_said_in_six_languages(lang: str) -> None:
    from scheduler.messages import has, word

    for key in ("cli.check.partial", "cli.check.not-checked"):
        assert has(key, lang)
    text = word("cli.check.partial", lang, what="x", listed=3, total=5, absent="7, 8")
    assert "3" in text and "5" in text and "7, 8" in text


def test_check_published_on_a_partial_grid_names_what_it_leaves_out(tmp_path: Any) -> None:
    import yaml
    from typer.testing import CliRunner

    from scheduler.cli.app import app

    data = cop9_data()
    data["published"] = [e for e in data["published"] if e["activity"] not in ("7", "8", "9")]
    path = tmp_path / "partial.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path), "--published", "--lang", "en"])
    assert "the grid lists 17 of 20 activities; not in it: items 7, 8 and 9" in result.output
    assert "not checked: full-duration (the grid lists 17 of 20 activities)" in result.output


def _in_parallel_with_the_debate(published: list[dict[str, Any]]) -> Any:
    data = tiny_data()
    data["meetings"][0]["not_in_parallel_with"] = []
    data["meetings"][0]["in_parallel_with"] = ["2"]
    data["published"] = published
    return make_session(data)


def test_a_relation_to_an_activity_left_out_is_not_checked() -> None:
    """The working group must meet while item 2 does; the grid does not show item 2."""
    session = _in_parallel_with_the_debate([_row("1", MON, "AM"), _row("wg-1", TUE, "PM")])
    checked = check_grid(session, published_grid(session))
    assert checked.report.ok, [str(f) for f in checked.report.findings]
    assert "in-parallel" in checked.not_checked_rules


def test_a_relation_between_listed_activities_is_checked() -> None:
    session = _in_parallel_with_the_debate(
        [
            _row("1", MON, "AM"),
            _row("2", MON, "AM"),
            _row("2", MON, "PM"),
            _row("wg-1", TUE, "PM"),
        ]
    )
    checked = check_grid(session, published_grid(session))
    assert checked.report.broken_rules() == ["in-parallel"]
    assert "in-parallel" not in checked.not_checked_rules


def test_a_joint_meeting_is_laid_out_in_a_room_both_bodies_may_use() -> None:
    """A joint meeting of the working group and a second group, beside the plenary: it takes
    the room with booths that both list and the plenary does not use (not the first listed)."""
    data = tiny_data()
    data["rooms"].append({"id": "annex", "interpretation": False})
    data["bodies"][0]["rooms"] = ["hall", "small"]
    data["bodies"][1]["rooms"] = ["annex", "hall", "small"]
    data["bodies"].append(
        {
            "id": "wg2",
            "kind": "working_group",
            "name": "Second group",
            "rooms": ["annex", "hall", "small"],
            "interpreted": True,
        }
    )
    data["meetings"][0]["not_in_parallel_with"] = []
    data["meetings"].insert(
        0, {"id": "joint", "body": ["wg", "wg2"], "title": "Joint", "meetings": 1}
    )
    data["published"] = [
        _row("1", MON, "AM"),
        _row("2", MON, "AM"),
        _row("joint", MON, "AM"),
    ]
    session = make_session(data)
    rows = published_timetable(session)
    (joint,) = _parts(rows, "joint")
    assert (joint.body, joint.room, joint.start, joint.end) == (
        "wg+wg2",
        "small",
        dt.time(10),
        dt.time(13),
    )
    assert {r.room for r in rows if r.body == "plenary"} == {"hall"}


def test_a_whole_meeting_with_a_printed_start_runs_to_its_period_end() -> None:
    (group,) = published_timetable(_tiny([_row("wg-1", MON, "PM", start="15:30")]))
    assert (group.start, group.end) == (dt.time(15, 30), dt.time(18))


def test_a_row_that_follows_another_bodys_item_starts_at_its_end() -> None:
    """A working-group item "upon completion of item 1" in the plenary, both on Monday
    morning: it starts at 11:00, when item 1 ends, not at 10:00."""
    data = tiny_data()
    data["items"].append(
        {"id": "w", "body": "wg", "title": "Group item", "minutes": 60, "after_end_of": ["1"]}
    )
    data["meetings"][0]["not_in_parallel_with"] = []
    data["published"] = [_row("w", MON, "AM"), _row("1", MON, "AM"), _row("2", MON, "AM")]
    session = make_session(data)
    rows = published_timetable(session)
    (group,) = _parts(rows, "w")
    assert (group.start, group.end) == (dt.time(11), dt.time(12))
    checked = check_grid(session, published_grid(session))
    assert checked.report.holds("sequence"), [str(f) for f in checked.report.findings]
