"""The daily programme: each day's meetings by time and room, as the Journal lists them, and the
sheet read back by cell value."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from scheduler.errors import InputError
from scheduler.io.programme import (
    ProgrammeEntry,
    programme_days,
    programme_header,
    write_programme,
)
from scheduler.io.session_file import load_session
from scheduler.published import published_timetable
from scheduler.session import UN_LANGUAGES
from scheduler.timetable import Timetable
from tests.conftest import cop9_data, make_session

SIX = Path(__file__).resolve().parent / "data" / "six-languages.yaml"
GROUP = "Groupe de travail sur la coopération internationale"


@pytest.fixture(scope="module")
def published(cop9) -> Timetable:
    return published_timetable(cop9)


@pytest.fixture(scope="module")
def days_fr(cop9, published):
    return programme_days(cop9, published, "fr")


def test_every_session_day_and_the_pre_session_day(days_fr):
    assert [d.date for d in days_fr] == [dt.date(2018, 10, 12)] + [
        dt.date(2018, 10, d) for d in range(15, 20)
    ]
    assert days_fr[0].heading == "Vendredi 12 octobre"
    assert [len(d.entries) for d in days_fr] == [2, 2, 4, 2, 2, 2]


def test_the_opening_meeting_as_the_journal_lists_it(days_fr):
    opening = days_fr[1].entries[0]
    assert opening.time == "10 heures-13 heures"
    assert opening.room == "Plenary hall"
    assert opening.meeting == "1re séance plénière"
    assert opening.items.splitlines()[0] == "Point 1 a). Ouverture de la session"
    assert len(opening.items.splitlines()) == 6
    assert opening.interpretation == "Avec interprétation"


def test_meetings_at_the_same_time_are_listed_by_room(days_fr):
    tuesday = days_fr[2]
    assert [(e.time, e.room, e.meeting) for e in tuesday.entries] == [
        ("10 heures-13 heures", "Plenary hall", "3e séance plénière"),
        ("10 heures-13 heures", "Conference room B", f"{GROUP}, 1re séance"),
        ("15 heures-18 heures", "Plenary hall", "4e séance plénière"),
        ("15 heures-18 heures", "Conference room B", f"{GROUP}, 2e séance"),
    ]
    assert tuesday.entries[3].items == f"{GROUP} (suite)"


def test_informal_consultations_are_not_interpreted(days_fr):
    friday_before = days_fr[0]
    assert {e.interpretation for e in friday_before.entries} == {"Sans interprétation"}
    assert friday_before.entries[0].room == "Consultation room C"


def test_a_day_without_meetings_keeps_its_heading(cop9):
    days = programme_days(cop9, Timetable(), "en")
    assert [d.heading for d in days][:1] == ["Monday, 15 October"]
    assert all(d.entries == () for d in days)
    assert len(days) == 5  # session days only: no meeting on the pre-session day


def test_english_numbers_meetings_the_english_way(cop9, published):
    days = programme_days(cop9, published, "en")
    assert days[1].entries[0] == ProgrammeEntry(
        time="10 a.m.–1 p.m.",
        room="Plenary hall",
        meeting="1st plenary meeting",
        items=days[1].entries[0].items,
        interpretation="With interpretation",
    )
    assert days[2].entries[2].meeting == "4th plenary meeting"
    assert days[2].entries[2].time == "3–6 p.m."


@pytest.mark.parametrize("lang", UN_LANGUAGES)
def test_six_language_session_in_each_language(lang):
    session = load_session(SIX)
    days = programme_days(session, published_timetable(session), lang)
    tuesday = days[1]
    names = [e.meeting for e in tuesday.entries]
    assert len(names) == 3
    assert session.body("wg").name.get(lang) in names[1]
    assert session.item("2").title.get(lang) in tuesday.entries[0].items


def test_the_sheet_read_back_holds_the_programme(cop9, published, days_fr, tmp_path):
    path = tmp_path / "programme.xlsx"
    write_programme(path, cop9, published, "fr")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Programme des séances"]
    sheet = book.active
    rows = [tuple(v for v in row if v is not None) for row in sheet.iter_rows(values_only=True)]
    expected = [programme_header("fr")]
    for day in days_fr:
        expected.append((day.heading,))
        expected += [(e.time, e.room, e.meeting, e.items, e.interpretation) for e in day.entries]
    assert rows == expected
    assert sheet.freeze_panes == "A2"
    assert not sheet.sheet_view.rightToLeft


def test_the_arabic_sheet_is_right_to_left(cop9, published, tmp_path):
    path = tmp_path / "programme-ar.xlsx"
    write_programme(path, cop9, published, "ar")
    sheet = openpyxl.load_workbook(path).active
    assert sheet.sheet_view.rightToLeft
    assert sheet["A1"].value == "الوقت"
    assert sheet["A3"].value == "من الساعة 10:00 إلى الساعة 13:00"
    assert sheet["C3"].value == "Pre-session informal consultations، الجلسة 1"  # English name


def test_an_unwritable_path_is_an_input_error(cop9, published, tmp_path):
    with pytest.raises(InputError, match="cannot be written"):
        write_programme(tmp_path / "missing" / "p.xlsx", cop9, published, "fr")


def test_room_names_per_language_from_the_session_file(published):
    """A name given once serves every language, as before; a name per language is used in its
    language, falling back to English."""
    data = cop9_data()
    data["rooms"][0]["name"] = {"en": "Plenary hall", "fr": "Salle des plénières", "ar": "القاعة"}
    session = make_session(data)
    assert session.rooms[1].label("fr") == "Conference room B"  # one name for all languages
    for lang, expected in (("fr", "Salle des plénières"), ("ar", "القاعة"), ("es", "Plenary hall")):
        opening = programme_days(session, published, lang)[1].entries[0]
        assert opening.room == expected


def test_a_latin_body_name_is_set_apart_in_chinese(cop9, published):
    """No Chinese name for the working group: its English name and 第1次会议 do not run on."""
    tuesday = programme_days(cop9, published, "zh")[2]
    assert tuesday.entries[1].meeting == "Working Group on International Cooperation 第1次会议"
    six = load_session(SIX)
    names = {
        e.meeting for d in programme_days(six, published_timetable(six), "zh") for e in d.entries
    }
    assert "工作组第1次会议" in names  # a Chinese name runs on, as Chinese writes it


def test_the_programme_prints_on_a4_one_page_wide(cop9, published, tmp_path):
    path = tmp_path / "programme.xlsx"
    write_programme(path, cop9, published, "fr")
    sheet = openpyxl.load_workbook(path).active
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.orientation == "landscape"
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"
    assert {(c.font.name, c.font.sz) for row in sheet.iter_rows() for c in row} == {("Calibri", 11)}
    assert {str(r) for r in sheet.merged_cells.ranges} == {
        "A2:E2",
        "A5:E5",
        "A8:E8",
        "A13:E13",
        "A16:E16",
        "A19:E19",
    }
