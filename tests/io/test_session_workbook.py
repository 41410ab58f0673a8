"""Session workbooks: the same session as YAML, a template planners can fill, errors by cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from pydantic import BaseModel

from scheduler.cli.convert import session_yaml_text
from scheduler.errors import InputError
from scheduler.io.session_file import load_session, parse_session
from scheduler.io.session_workbook import (
    SHEETS,
    covered_fields,
    load_session_workbook,
    write_session_template,
    write_session_workbook,
)
from scheduler.session import Session, Titles
from tests.conftest import COP9, ROOT, TINY, cop9_data, make_session, tiny_data

SESSION_FILES = [COP9, *sorted((ROOT / "instances").rglob("*.yaml")), TINY]


def _every_field() -> dict[str, Any]:
    """The tiny session with every optional field of the format given a value."""
    data = tiny_data()
    data["session"].update(
        symbol="T/C",
        languages=["en", "fr", "es"],
        days=["2030-03-04", "2030-03-05", "2030-03-06", "2030-03-08"],
        pre_session_days=["2030-03-01"],
        holidays=["2030-03-06", "2030-03-07"],  # one also listed as a day, one not
        evening_meetings=True,
    )
    data["session"]["periods"].insert(
        1, {"id": "LUNCH", "start": "12:00", "end": "14:00", "bodies": ["wg"]}
    )
    data["session"]["periods"].append(
        {"id": "EV", "start": "18:00", "end": "20:30", "evening": True}
    )
    data["session"]["holiday_names"] = {
        "2030-03-07": {"en": "Official United Nations holiday", "fr": "Jour férié"}
    }
    data["session"]["day_periods"] = [
        {  # several dates: one text cell
            "dates": ["2030-03-05", "2030-03-08"],
            "periods": [
                {"id": "AM", "start": "10:00", "end": "12:00"},
                {"id": "PM", "start": "15:00", "end": "17:00", "bodies": ["plenary", "wg"]},
            ],
        },
        {"dates": ["2030-03-01"], "periods": [{"id": "MID", "start": "11:00", "end": "13:00"}]},
    ]
    data["interpretation"].update(parallel_cap=2, remote_teams=1)
    data["rooms"][0].update(name="Hall", capacity=500, closed=["2030-03-05 PM", "2030-03-08"])
    data["rooms"].append({"id": "side", "interpretation": False})
    data["bodies"][0]["rooms"] = ["hall", "small"]
    data["bodies"][1].update(
        order="free",
        earliest_start="2030-03-04T15:00",
        latest_end="2030-03-05T18:00",
        rooms=["small", "side"],
        interpreted=False,
        max_meetings_per_day=2,
        max_days=2,
        mode="hybrid",
        online_statement_minutes=3.5,
    )
    items = data["items"]
    items.insert(1, {"id": "2x", "title": {"en": "Heading", "es": "Título"}})
    items[2].update(
        parent="2x",
        annex_title={"en": "Debate", "ar": "مناقشة"},
        share=False,
        speakers=40,
        minutes_per_speaker=5.5,
        allowance=20,
        documents=["T/C/1", "T/C/2"],
        earliest_start="2030-03-04T11:00",
        latest_end="2030-03-05T18:00",
        not_in_parallel_with=["wg", "wg-1"],
        preferred=[
            {"date": "2030-03-04"},
            {"period": "PM"},
            {"date": "2030-03-05", "period": "AM"},
        ],
        speaker_classes=[
            {"speakers": 10, "minutes_per_speaker": 5, "label": "national statements"},
            {"speakers": 3, "minutes_per_speaker": 7.5},
        ],
        minutes=313,  # 40 x 5.5 + 10 x 5 + 3 x 7.5 + 20
    )
    items[3].update(date="2030-03-05", after_end_of=["1"], same_room=True)
    items[4].update(after_start_of=["2x", "wg"])
    items.append({"id": "5", "title": {"en": "Closing"}, "body": "plenary", "meetings": 1})
    items.append(
        {
            "id": "6",
            "title": "Informal",
            "minutes": 30,
            "run_on": False,
            "agenda_item": False,
            "dates": ["2030-03-04", "2030-03-05"],
        }
    )
    items.append({"id": "7", "title": "Joint debate", "body": ["plenary", "wg"], "minutes": 90})
    data["meetings"][0]["in_parallel_with"] = ["3"]
    data["meetings"].append(
        {"id": "pre", "body": "wg", "title": "Pre", "meetings": 1, "date": "2030-03-01"}
    )
    data["meetings"].append(
        {"id": "joint", "body": ["wg", "plenary"], "title": "Joint", "meetings": 1}
    )
    data["meetings"].append(
        {"id": "pre2", "body": "wg", "title": "Pre", "meetings": 2, "dates": ["2030-03-01"]}
    )
    data["preferences"] = {
        "carry_over": 3,
        "carry_over_to_next_day": 7,
        "interpreted_meeting": 0,
        "preferred_period": 2,
        "move_to_other_day": 9,
    }
    data["solver"] = {"time_limit": 12.5, "workers": 1, "seed": 42}
    data["published"] = [
        {
            "activity": "1",
            "date": "2030-03-04",
            "period": "AM",
            "room": "hall",
            "start": "10:00",
            "end": "11:00",
        },
        {"activity": "2", "date": "2030-03-04", "period": "PM"},
    ]
    return data


@pytest.fixture(scope="module")
def every_field() -> Session:
    return make_session(_every_field())


@pytest.fixture(scope="module")
def cop9_book(cop9, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("book") / "cop9.xlsx"
    write_session_workbook(path, cop9)
    return path


def _column(book: openpyxl.Workbook, sheet: str, header: str) -> str:
    headers = [c.value for c in book[sheet][1]]
    return get_column_letter(headers.index(header) + 1)


def _edited(path: Path, tmp_path: Path, edits: dict[tuple[str, str], object]) -> Path:
    """A copy of the workbook with cells (sheet, coordinate) set; `Sheet:header7` names a
    cell by its column header."""
    book = openpyxl.load_workbook(path)
    for (sheet, where), value in edits.items():
        if ":" in where:
            header, row = where.split(":")
            where = f"{_column(book, sheet, header)}{row}"
        book[sheet][where] = value
    out = tmp_path / "edited.xlsx"
    book.save(out)
    return out


def _messages(path: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        load_session_workbook(path)
    return info.value.message.splitlines()


# --- round trips --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SESSION_FILES, ids=lambda p: p.name)
def test_yaml_to_workbook_to_yaml_gives_the_same_session(path, tmp_path):
    session = load_session(path)
    book = tmp_path / f"{path.stem}.xlsx"
    write_session_workbook(book, session)
    from_book = load_session_workbook(book)
    assert from_book == session
    assert parse_session(session_yaml_text(from_book)) == session


def test_every_field_of_the_format_survives_the_round_trip(every_field, tmp_path):
    path = tmp_path / "every.xlsx"
    write_session_workbook(path, every_field)
    again = load_session_workbook(path)
    assert again.model_dump() == every_field.model_dump()
    assert again == every_field
    assert parse_session(session_yaml_text(again)) == every_field  # and on to YAML


def test_the_round_trip_can_fail(every_field, tmp_path):
    """The comparison sees a single changed cell (the round-trip test is no tautology)."""
    path = tmp_path / "every.xlsx"
    write_session_workbook(path, every_field)
    edited = _edited(path, tmp_path, {("Rooms", "capacity:2"): 501})
    assert load_session_workbook(edited) != every_field


def test_load_session_dispatches_workbooks(cop9, cop9_book):
    assert load_session(cop9_book) == cop9


def _format_fields(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every field of the session format as a dotted path; texts in languages are one field."""
    found: set[str] = set()
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        inner = [info.annotation, *getattr(info.annotation, "__args__", ())]
        inner += [a for t in list(inner) for a in getattr(t, "__args__", ())]
        nested = [
            t for t in inner if isinstance(t, type) and issubclass(t, BaseModel) and t is not Titles
        ]
        found |= _format_fields(nested[0], f"{path}.") if nested else {path}
    return found


def test_every_field_of_the_format_has_a_place_in_the_workbook():
    assert _format_fields(Session) - covered_fields() == set()
    assert covered_fields() - _format_fields(Session) == set()


# --- the template -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("template") / "session.xlsx"
    write_session_template(path)
    return openpyxl.load_workbook(path)


def test_template_has_one_sheet_per_part_of_the_session(template):
    assert [s for s in template.sheetnames if template[s].sheet_state == "visible"] == list(SHEETS)
    assert template["Items"]["A1"].value == "id"
    assert template["Items"]["A2"].value is None


def test_template_headers_carry_explanatory_comments(template):
    for name in SHEETS:
        sheet = template[name]
        for cell in sheet[1]:
            if cell.value and name not in ("Session", "Preferences"):
                assert cell.comment is not None and len(cell.comment.text) > 10, (name, cell)
    assert "several rows" in template["Rules"]["A1"].comment.text


def test_template_offers_drop_downs_for_references(template):
    def lists(sheet: str) -> dict[str, str]:
        found = {}
        for validation in template[sheet].data_validations.dataValidation:
            if validation.type == "list":
                for cells in validation.sqref.ranges:
                    found[template[sheet].cell(1, cells.min_col).value] = validation.formula1
        return found

    assert lists("Items")["body"] == "body_ids"
    assert lists("Items")["parent"] == "item_ids"
    assert lists("Bodies")["rooms"] == "room_ids"
    assert lists("Rules")["activity"] == "activity_ids"
    assert lists("Rules")["not_in_parallel_with"] == "partner_ids"
    assert lists("Published")["period"] == "period_ids"
    assert lists("Bodies")["kind"].startswith('"plenary,')
    assert "Bodies!$A$2" in template.defined_names["body_ids"].attr_text
    assert "Items" in template.defined_names["activity_ids"].attr_text
    assert "Meetings" in template.defined_names["activity_ids"].attr_text


def test_template_types_date_and_time_columns(template):
    assert template["Days"].column_dimensions["A"].number_format == "yyyy-mm-dd"
    assert template["Periods"].column_dimensions["B"].number_format == "hh:mm"
    rules = template["Rules"]
    assert rules.column_dimensions["B"].number_format == "yyyy-mm-dd hh:mm"
    assert template["Items"].column_dimensions["A"].number_format == "@"  # "1" stays text


def test_written_cells_are_typed(cop9_book):
    book = openpyxl.load_workbook(cop9_book)
    assert book["Days"]["A2"].value == dt.datetime(2018, 10, 12)
    assert book["Days"]["A2"].is_date
    assert book["Periods"]["B2"].value == dt.time(10, 0)
    assert book["Rules"]["B2"].value == dt.datetime(2018, 10, 15, 10, 0)
    assert book["Items"]["A2"].value == "1"


def test_a_filled_template_is_a_session(tmp_path):
    """What a planner types by hand, numbers and dates as Excel stores them."""
    path = tmp_path / "session.xlsx"
    write_session_template(path)
    book = openpyxl.load_workbook(path)
    session = book["Session"]
    for row in session.iter_rows(min_row=2):
        key = row[0].value
        value = {
            "body_en": "Tiny Conference",
            "number": 1,
            "venue": "Vienna",
            "interpretation_budget": 6,
            "interpretation_teams": 2,
        }.get(key)
        if value is not None:
            row[1].value = value
    book["Days"].append([dt.datetime(2030, 3, 4)])
    book["Days"].append([dt.datetime(2030, 3, 5), "session"])
    book["Periods"].append(["AM", dt.time(10), dt.time(13)])
    book["Periods"].append(["PM", 15 / 24, "18:00", False])  # an Excel time, typed text
    book["Rooms"].append(["hall", None, True])
    book["Bodies"].append(["plenary", "Plenary", None, "plenary", "hall", "TRUE"])
    book["Items"].append([1, None, None, "Opening", None, None, None, 60.0])  # numbers, as typed
    book["Items"].append([2, None, "plenary", "Debate", None, None, None, 240])
    book["Rules"].append([1, "2030-03-04 10:00", None, None, None, True])
    book.save(path)
    loaded = load_session_workbook(path)
    assert [i.id for i in loaded.items] == ["1", "2"]
    assert loaded.items[0].fixed_start == dt.datetime(2030, 3, 4, 10)
    assert loaded.items[0].first and loaded.items[0].minutes == 60
    assert loaded.session.periods[1].start == dt.time(15)
    assert loaded.bodies[0].interpreted is True


# --- errors -------------------------------------------------------------------------------------


def test_the_blank_template_names_what_is_missing(template, tmp_path):
    path = tmp_path / "blank.xlsx"
    write_session_template(path)
    messages = _messages(path)
    assert any("Session!B5: required, but empty" in m for m in messages)  # number
    assert any(m.endswith("Items: no rows; give at least one") for m in messages)


def test_errors_name_sheet_cell_and_value(cop9_book, tmp_path):
    edited = _edited(
        cop9_book,
        tmp_path,
        {
            ("Items", "minutes:7"): "lots",
            ("Periods", "C2"): "25:00",
            ("Session", "B5"): "ninth",
        },
    )
    messages = _messages(edited)
    assert len(messages) == 3
    assert any("Items!H7: 'lots': " in m and "integer" in m for m in messages)
    assert any("Periods!C2: '25:00': " in m for m in messages)
    assert any("Session!B5: 'ninth': " in m for m in messages)
    assert all(m.startswith(f"{edited}: ") for m in messages)


def test_cross_reference_errors_name_their_cells(cop9_book, tmp_path):
    edited = _edited(
        cop9_book,
        tmp_path,
        {
            ("Items", "body:5"): "nobody",
            ("Bodies", "rooms:3"): "room-x, room-b",
            ("Rules", "not_in_parallel_with:4"): "4, 44",
            ("Preferences", "E2"): "3",
            ("Preferences", "G2"): "XX",
            ("Items", "A8"): "1b",  # 1e renamed: a duplicate id
        },
    )
    messages = _messages(edited)
    assert f"{edited}: Items!C5: 'nobody' is not a body id" in messages
    assert f"{edited}: Bodies!E3: 'room-x' is not a room id" in messages
    assert f"{edited}: Rules!H4: '44' is not an item, meeting or body" in messages
    assert f"{edited}: Preferences!G2: 'XX' is not a period" in messages
    assert f"{edited}: Items!A8: id '1b' is used twice" in messages


def test_a_date_listed_twice_names_the_second_row(cop9_book, tmp_path):
    edited = _edited(cop9_book, tmp_path, {("Days", "A4"): dt.datetime(2018, 10, 15)})
    assert _messages(edited) == [f"{edited}: Days!A4: 2018-10-15 is listed twice"]


def test_problems_the_model_cannot_see_name_their_cells(cop9_book, tmp_path):
    edited = _edited(
        cop9_book,
        tmp_path,
        {
            ("Rooms", "E1"): "colour",
            ("Rules", "A3"): "99",
            ("Days", "B4"): "weekend",
            ("Session", "A20"): "budget",
        },
    )
    messages = _messages(edited)
    assert any(m.startswith(f"{edited}: Rooms!E1: 'colour': unknown column") for m in messages)
    assert any("Rules!A3: '99': not an id of the Items or Meetings sheet" in m for m in messages)
    assert any("Days!B4: 'weekend': not a kind of day" in m for m in messages)
    assert any("Session!A20: 'budget': unknown field" in m for m in messages)


def test_a_note_column_is_kept_out_of_the_session(cop9, cop9_book, tmp_path):
    edited = _edited(cop9_book, tmp_path, {("Rooms", "E1"): "note", ("Rooms", "E2"): "big"})
    assert load_session_workbook(edited) == cop9


def test_a_rule_given_twice_with_two_values_is_refused(cop9_book, tmp_path):
    edited = _edited(cop9_book, tmp_path, {("Rules", "A6"): "9", ("Rules", "C6"): "2018-10-19"})
    assert load_session_workbook(edited).item("9").date == dt.date(2018, 10, 19)
    edited = _edited(
        cop9_book,
        tmp_path,
        {("Rules", "A6"): "1a", ("Rules", "B6"): dt.datetime(2018, 10, 15, 15)},
    )
    assert _messages(edited) == [
        f"{edited}: Rules!B6: 2018-10-15 15:00:00: fixed_start is given twice for this activity "
        "(also Rules!B2)"
    ]


def test_a_missing_sheet_is_named(cop9_book, tmp_path):
    book = openpyxl.load_workbook(cop9_book)
    del book["Rooms"]
    path = tmp_path / "no-rooms.xlsx"
    book.save(path)
    assert any("no sheet 'Rooms'" in m for m in _messages(path))


def test_a_file_that_is_not_a_workbook_is_named(tmp_path):
    path = tmp_path / "session.xlsx"
    path.write_text("session: {}", encoding="utf-8")
    (message,) = _messages(path)
    assert message.startswith(f"{path}: cannot be read as an Excel workbook")


def test_room_names_per_language_and_the_time_zone_survive_the_round_trip(tmp_path):
    data = cop9_data()
    data["session"]["time_zone"] = "Europe/Vienna"
    data["rooms"][0]["name"] = {"en": "Plenary hall", "fr": "Salle des plénières"}
    session = make_session(data)
    path = tmp_path / "cop9.xlsx"
    write_session_workbook(path, session)
    loaded = load_session_workbook(path)
    assert loaded == session
    assert loaded.rooms[0].label("fr") == "Salle des plénières"
    assert loaded.rooms[1].name == "Conference room B"  # a plain name stays a plain name


def test_a_room_name_given_both_ways_is_refused(cop9_book, tmp_path):
    book = openpyxl.load_workbook(cop9_book)
    headers = {c.value: c.column_letter for c in book["Rooms"][1]}
    edited = _edited(cop9_book, tmp_path, {("Rooms", f"{headers['name_fr']}2"): "Salle"})
    messages = _messages(edited)
    assert any("not both" in m and f"Rooms!{headers['name_fr']}2" in m for m in messages)


@pytest.fixture(scope="module")
def every_book(every_field, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("every") / "every.xlsx"
    write_session_workbook(path, every_field)
    return path


def test_a_days_own_periods_and_joint_bodies_read_back_by_cell(every_field, every_book):
    book = openpyxl.load_workbook(every_book)
    periods = [[c.value for c in row] for row in book["Periods"].iter_rows(min_row=2)]
    assert periods[4][0] == "AM" and periods[4][-1] == "2030-03-05, 2030-03-08"
    assert periods[6][-1] == dt.datetime(2030, 3, 1)  # one date: a date cell
    items = {row[0].value: row for row in book["Items"].iter_rows(min_row=2)}
    assert items["7"][2].value == "plenary, wg"
    assert load_session_workbook(every_book).activity("joint").bodies == ("wg", "plenary")


def test_errors_in_the_new_fields_name_their_cells(every_book, tmp_path):
    edited = _edited(every_book, tmp_path, {("Periods", "dates:7"): "2030-03-05, 2030-02-30"})
    (message,) = _messages(edited)
    assert message.startswith(f"{edited}: Periods!F7: '2030-03-05, 2030-02-30': ")
    edited = _edited(every_book, tmp_path, {("Items", "body:9"): "plenary, nobody"})
    assert _messages(edited) == [f"{edited}: Items!C9: 'nobody' is not a body id"]
    edited = _edited(every_book, tmp_path, {("Days", "name_en:3"): "Not a holiday"})
    assert _messages(edited) == [f"{edited}: Days!A3: 2030-03-04 is not one of the holidays"]
    edited = _edited(every_book, tmp_path, {("Speakers", "A3"): "99"})
    assert _messages(edited) == [f"{edited}: Speakers!A3: '99': not an id of the Items sheet"]
