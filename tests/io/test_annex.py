"""The annex rows: the printed COP9 annex reproduced cell by cell, and the layout rules."""

from __future__ import annotations

import datetime as dt

import pytest

from scheduler.io.annex import AnnexRow, annex_header, annex_heading, annex_rows
from scheduler.published import published_timetable
from scheduler.timetable import Assignment, Timetable
from tests.conftest import cop9_data, make_session, tiny_data

AM, PM = "10 heures-13 heures", "15 heures-18 heures"

# The annex of CTOC/COP/2018/1 ("Projet d’organisation des travaux"), one tuple per printed row:
# (date, time, plenary, parallel meetings); one line per item. Transcribed with two misprints of
# the printed French text corrected ("Point 2 b.)" and "Item 2 c)." for "Point 2 b)" and
# "Point 2 c)") and the typographic apostrophe typed as in the session file.
PRINTED_ANNEX_FR = [
    ("Lundi 15 octobre", "", "", ""),
    (
        "",
        AM,
        "Point 1 a). Ouverture de la session\n"
        "Point 1 b). Élection du Bureau\n"
        "Point 1 c). Adoption de l'ordre du jour et organisation des travaux\n"
        "Point 1 d). Participation\n"
        "Point 1 e). Adoption du rapport du Bureau concernant les pouvoirs\n"
        "Point 1 f). Débat général",
        "",
    ),
    (
        "",
        PM,
        "Point 2. Examen de l'application de la Convention des Nations Unies contre la "
        "criminalité transnationale organisée et des Protocoles s'y rapportant\n"
        "Point 2 a). Convention contre la criminalité organisée",
        "",
    ),
    ("Mardi 16 octobre", "", "", ""),
    (
        "",
        AM,
        "Point 2 b). Protocole relatif à la traite des personnes",
        "Groupe de travail sur la coopération internationale",
    ),
    (
        "",
        PM,
        "Point 2 c). Protocole relatif au trafic illicite de migrants",
        "Groupe de travail sur la coopération internationale (suite)",
    ),
    ("Mercredi 17 octobre", "", "", ""),
    ("", AM, "Point 2 d). Protocole relatif aux armes à feu", ""),
    (
        "",
        PM,
        "Point 3. Autres infractions graves, telles que définies dans la Convention, y compris "
        "les nouvelles formes et dimensions de la criminalité transnationale organisée",
        "",
    ),
    ("Jeudi 18 octobre", "", "", ""),
    (
        "",
        AM,
        "Point 4. Coopération internationale, notamment en matière d'extradition, d'entraide "
        "judiciaire et coopération internationale aux fins de confiscation, et création et "
        "renforcement des autorités centrales",
        "",
    ),
    ("", PM, "Point 5. Assistance technique", ""),
    ("Vendredi 19 octobre", "", "", ""),
    ("", AM, "Point 5. Assistance technique (suite)", ""),
    (
        "",
        PM,
        "Point 6. Questions financières et budgétaires\n"
        "Point 7. Ordre du jour provisoire de la dixième session de la Conférence\n"
        "Point 8. Questions diverses\n"
        "Point 9. Adoption du rapport de la Conférence sur les travaux de sa neuvième session",
        "",
    ),
]


@pytest.fixture(scope="module")
def cop9_published(cop9) -> Timetable:
    return published_timetable(cop9)


def test_french_annex_matches_the_printed_annex_cell_by_cell(cop9, cop9_published):
    rows = annex_rows(cop9, cop9_published, "fr")
    assert len(rows) == len(PRINTED_ANNEX_FR)
    for number, (row, printed) in enumerate(zip(rows, PRINTED_ANNEX_FR, strict=True), start=1):
        assert tuple(row) == printed, f"row {number}"


def test_header_and_heading():
    assert annex_header("fr") == ("Date/heure", "", "Séance plénière", "Réunions parallèles")
    assert annex_header("en") == ("Date/time", "", "Plenary", "Parallel meetings")
    assert annex_heading("fr") == ("Annexe", "Projet d’organisation des travaux")
    assert annex_heading("en") == ("Annex", "Proposed organization of work")


def test_english_annex(cop9, cop9_published):
    rows = annex_rows(cop9, cop9_published, "en")
    assert rows[0] == AnnexRow("Monday, 15 October", "", "", "")
    assert rows[1].time == "10 a.m.–1 p.m."
    assert rows[1].plenary.splitlines()[0] == "Item 1 (a). Opening of the session"
    assert rows[2].time == "3–6 p.m."
    tuesday_am, tuesday_pm = rows[4], rows[5]
    assert tuesday_am.plenary == "Item 2 (b). Trafficking in Persons Protocol"
    assert tuesday_am.parallel == "Working Group on International Cooperation"
    assert tuesday_pm.parallel == "Working Group on International Cooperation (continued)"
    assert rows[-2].plenary == "Item 5. Technical assistance (continued)"


def test_pre_session_days_are_not_in_the_annex(cop9, cop9_published):
    rows = annex_rows(cop9, cop9_published, "fr")
    text = "\n".join("\n".join(row) for row in rows)
    assert "Vendredi 12 octobre" not in text
    assert "Consultations informelles" not in text


def test_every_period_has_a_row_even_when_empty(cop9):
    rows = annex_rows(cop9, Timetable(), "fr")
    assert [r.date or r.time for r in rows[:3]] == ["Lundi 15 octobre", AM, PM]
    assert len(rows) == 5 * 3  # a day row and two period rows per session day
    assert not any(r.plenary or r.parallel for r in rows)


def test_a_holiday_has_its_day_row_and_no_period_rows(cop9_published):
    data = cop9_data()
    data["session"]["holidays"] = ["2018-10-17"]
    data["session"]["days"].remove(dt.date(2018, 10, 17))
    session = make_session(data)
    moved = Timetable.of(a for a in cop9_published if a.date != dt.date(2018, 10, 17))
    rows = annex_rows(session, moved, "fr")
    wednesday = [r.date for r in rows].index("Mercredi 17 octobre")
    assert rows[wednesday + 1].date == "Jeudi 18 octobre"


def test_evening_rows_only_when_evening_meetings_are_allowed(cop9, cop9_published):
    assert "18 heures-21 heures" not in {r.time for r in annex_rows(cop9, cop9_published, "fr")}
    data = cop9_data()
    data["session"]["evening_meetings"] = True
    evening = make_session(data)
    rows = annex_rows(evening, cop9_published, "en")
    assert [r.date or r.time for r in rows[:4]] == [
        "Monday, 15 October",
        "10 a.m.–1 p.m.",
        "3–6 p.m.",
        "6–9 p.m.",
    ]


def test_an_evening_meeting_that_breaks_the_rules_is_still_shown(cop9, cop9_published):
    late = Assignment(
        date=dt.date(2018, 10, 15),
        start=dt.time(18, 0),
        end=dt.time(19, 0),
        body="wg-ic",
        activity="wg-ic-10",
        room="room-b",
        period="EV",
        minutes=60,
        part=1,
        parts=1,
    )
    rows = annex_rows(cop9, Timetable.of([*cop9_published, late]), "fr")
    evening = [r for r in rows if r.time == "18 heures-21 heures"]
    assert [r.parallel for r in evening] == ["Groupe de travail sur la coopération internationale"]


def _tiny_part(activity: str, body: str, start: str, end: str, part: int = 1, parts: int = 1):
    return Assignment(
        date=dt.date(2030, 3, 4),
        start=dt.time.fromisoformat(start),
        end=dt.time.fromisoformat(end),
        body=body,
        activity=activity,
        room="hall" if body == "plenary" else "small",
        period="AM" if start < "13:00" else "PM",
        minutes=60,
        part=part,
        parts=parts,
    )


def test_items_of_a_parallel_body_go_to_the_parallel_column_in_time_order():
    data = tiny_data()
    data["items"].append(
        {"id": "5a", "body": "wg", "title": {"en": "Drafting", "fr": "Rédaction"}, "minutes": 60}
    )
    session = make_session(data)
    timetable = Timetable.of(
        [
            _tiny_part("1", "plenary", "10:00", "11:00"),
            _tiny_part("2", "plenary", "11:00", "13:00", part=1, parts=2),
            _tiny_part("5a", "wg", "11:00", "12:00"),
            _tiny_part("wg-1", "wg", "10:00", "11:00"),
            _tiny_part("2", "plenary", "15:00", "17:00", part=2, parts=2),
        ]
    )
    rows = annex_rows(session, timetable, "en")
    assert rows[1] == AnnexRow(
        "",
        "10 a.m.–1 p.m.",
        "Item 1. Opening\nItem 2. Debate",
        "Working group\nItem 5 (a). Drafting",
    )
    assert rows[2].plenary == "Item 2. Debate (continued)"


def test_without_a_plenary_body_the_first_body_stands_for_it():
    data = tiny_data()
    data["bodies"][0]["kind"] = "committee"
    session = make_session(data)
    rows = annex_rows(session, Timetable.of([_tiny_part("1", "plenary", "10:00", "11:00")]), "fr")
    assert rows[1].plenary == "Point 1. Ouverture"
