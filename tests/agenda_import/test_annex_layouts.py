"""The annex in the layouts real documents use, on constructed text.

The three-column layout ("Date and time | Agenda item | Title or description", the item
number in a column of its own), a holiday row, a footnote mark on the title and a partial
annex are written here as `pdftotext -layout` gives such a table (columns apart on one line).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from scheduler.agenda_import import ImportResult, ImportStatus, import_agenda

AGENDA = """\
Implementation Review Group
Thirteenth session
Vienna, 5-9 September 2022

Provisional agenda
1. Opening of the session.
2. Adoption of the agenda and organization of work.
3. Review of implementation of the United Nations Convention against Corruption.
4. Provisions on preventive measures.
5. Other matters.
6. Adoption of the report.

Annotations
1. Opening of the session
The session will be opened on Tuesday, 6 September 2022, at 10 a.m.
"""

THREE_COLUMNS = """\
Proposed organization of work[2]
Date and time         Agenda item   Title or description
Monday, 5 September   Official United Nations holiday
Tuesday, 6 September
10 a.m.–1 p.m.        1             Opening of the session
                      2             Adoption of the agenda and organization of work
                      3             Review of implementation of the United Nations Convention
                                    against Corruption
3–6 p.m.              3             Review of implementation of the United Nations Convention
                                    against Corruption (continued)
Wednesday, 7 September
10 a.m.–1 p.m.        4             Provisions on preventive measures
3–6 p.m.              4             Provisions on preventive measures (continued)
"""


def _import(tmp_path: Path, text: str, name: str = "irg.en.txt") -> ImportResult:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return import_agenda(path)


def test_item_number_column_is_read_as_items_not_bodies(tmp_path: Path) -> None:
    result = _import(tmp_path, AGENDA + "\n" + THREE_COLUMNS)
    data = result.session_data
    assert [b["id"] for b in data["bodies"]] == ["plenary"]  # no invented "body-6ppm"
    published = {(str(e["activity"]), e["date"], e["period"]) for e in data["published"]}
    tue, wed = dt.date(2022, 9, 6), dt.date(2022, 9, 7)
    assert published == {
        ("1", tue, "AM"), ("2", tue, "AM"), ("3", tue, "AM"), ("3", tue, "PM"),
        ("4", wed, "AM"), ("4", wed, "PM"),
    }  # fmt: skip
    items = {str(i["id"]): i for i in data["items"]}
    assert items["4"]["minutes"] == 360  # two whole meetings, "(continued)"
    assert items["3"]["minutes"] == 60 + 180


def test_footnote_mark_on_the_annex_title(tmp_path: Path) -> None:
    """ "Proposed organization of work[2]" still opens the annex (no "Annex" line here)."""
    result = _import(tmp_path, AGENDA + "\n" + THREE_COLUMNS)
    assert "published" in result.session_data
    assert not any("no annex organization of work" in line for line in result.report)


def test_holiday_row_is_no_working_day(tmp_path: Path) -> None:
    result = _import(tmp_path, AGENDA + "\n" + THREE_COLUMNS)
    days = result.session_data["session"]["days"]
    assert dt.date(2022, 9, 5) not in days
    assert days[0] == dt.date(2022, 9, 6) and days[-1] == dt.date(2022, 9, 9)


def test_holiday_inside_the_session_is_listed(tmp_path: Path) -> None:
    annex = THREE_COLUMNS.replace(
        "Wednesday, 7 September\n",
        "Wednesday, 7 September   Official United Nations holiday\nThursday, 8 September\n",
    )
    result = _import(tmp_path, AGENDA + "\n" + annex)
    info = result.session_data["session"]
    assert info["holidays"] == [dt.date(2022, 9, 7)]
    assert dt.date(2022, 9, 7) not in info["days"]
    assert result.problems() == []


def test_partial_annex_never_shrinks_the_budget(tmp_path: Path) -> None:
    """The annex publishes 4 meetings of a 4-day session; the budget is not stated."""
    result = _import(tmp_path, AGENDA + "\n" + THREE_COLUMNS)
    budget = result.session_data["interpretation"]["budget"]
    assert budget == 4 * 2  # every period of every day, not the annex's 4
    assert result.status is ImportStatus.READY, result.why_partial


def test_two_column_french_annex_with_a_holiday_and_spanish_continued(tmp_path: Path) -> None:
    text = """\
Vienne, 3-5 mars 2025

Ordre du jour provisoire
1. Ouverture de la session.
2. Questions diverses.
3. Adoption du rapport.

Annexe
Projet d'organisation des travaux
Lundi 3 mars
10 heures-13 heures   Point 1. Ouverture de la session
15 heures-18 heures   Point 2. Questions diverses
Mardi 4 mars          Jour férié officiel
Mercredi 5 mars
10 heures-13 heures   Point 2 (continuación)
15 heures-18 heures   Point 3. Adoption du rapport
"""
    result = _import(tmp_path, text, "session.fr.txt")
    info = result.session_data["session"]
    assert info["holidays"] == [dt.date(2025, 3, 4)]
    items = {str(i["id"]): i for i in result.session_data["items"]}
    assert items["2"]["minutes"] == 360


#: The second session of the Ad Hoc Committee on cybercrime met 10:00-12:00 and 15:00-17:00
#: until 7 June 2022, then 10:00-13:00 and 15:00-18:00 (the session's web page); the annex rows
#: are constructed in the committee's layout.
OTHER_HOURS = """\
Ad Hoc Committee
Second session
Vienna, 30 May–10 June 2022

Provisional agenda
1. Opening of the session.
2. Provisions on criminalization.
3. General provisions.
4. Adoption of the report.

Annotations
1. Opening of the session
The session will be opened on Monday, 30 May 2022, at 10 a.m.

Annex
Proposed organization of work
Date and time         Agenda item   Title or description
Monday, 30 May
10 a.m.–12 p.m.       1             Opening of the session
                      2             Provisions on criminalization
3–5 p.m.              2             Provisions on criminalization (continued)
Tuesday, 31 May
10 a.m.–12 p.m.       2             Provisions on criminalization (continued)
3–5 p.m.              3             General provisions
Wednesday, 8 June
10 a.m.–1 p.m.        3             General provisions (continued)
3–6 p.m.              3             General provisions (continued)
Thursday, 9 June
10 a.m.–1 p.m.        3             General provisions (continued)
3–6 p.m.              4             Adoption of the report
"""


def test_days_with_other_hours_get_periods_of_their_own(tmp_path: Path) -> None:
    result = _import(tmp_path, OTHER_HOURS, "ahc2.en.txt")
    info = result.session_data["session"]
    assert info["periods"] == [
        {"id": "AM", "start": "10:00", "end": "12:00"},
        {"id": "PM", "start": "15:00", "end": "17:00"},
    ]
    assert info["day_periods"] == [
        {
            "dates": [dt.date(2022, 6, 8), dt.date(2022, 6, 9)],
            "periods": [
                {"id": "AM", "start": "10:00", "end": "13:00"},
                {"id": "PM", "start": "15:00", "end": "18:00"},
            ],
        }
    ]
    items = {str(i["id"]): i for i in result.session_data["items"]}
    assert items["3"]["minutes"] == 120 + 3 * 180  # each meeting counted at its own length
    assert any("Wed 08 Jun, Thu 09 Jun" in line for line in result.report)
    assert result.status is ImportStatus.READY, result.why_partial


ADDRESSES = """\
Proposed organization of work
Date and time         Agenda item   Title or description
Tuesday, 6 September
10 a.m.–1 p.m.        1             Opening of the session
                                    Address by the President of the General Assembly
                      2             Adoption of the agenda and organization of work
                      3             Review of implementation of the United Nations Convention
                                    against Corruption
3–6 p.m.              3             Review of implementation of the United Nations Convention
                                    against Corruption (continued)
Wednesday, 7 September
10 a.m.–1 p.m.                      Statement by the Executive Director
                      4             Provisions on preventive measures
3–6 p.m.              4             Provisions on preventive measures (continued)
"""


def test_activities_that_are_no_agenda_items_keep_their_place(tmp_path: Path) -> None:
    """The President's address between items 1 and 2, a statement opening a meeting: items with
    `agenda_item: false`, in the agenda where the annex takes them, in the published rows."""
    result = _import(tmp_path, AGENDA + "\n" + ADDRESSES)
    data = result.session_data
    items = [(str(i["id"]), i.get("agenda_item", True)) for i in data["items"]]
    assert items == [
        ("1", True), ("address-by-the-president", False), ("2", True), ("3", True),
        ("statement-by-the-executive", False), ("4", True), ("5", True), ("6", True),
    ]  # fmt: skip
    by_id = {str(i["id"]): i for i in data["items"]}
    assert by_id["address-by-the-president"]["title"] == {
        "en": "Address by the President of the General Assembly"
    }
    assert by_id["address-by-the-president"]["minutes"] == 45  # a quarter of the meeting
    assert by_id["statement-by-the-executive"]["minutes"] == 90
    tue = [str(e["activity"]) for e in data["published"] if e["date"] == dt.date(2022, 9, 6)]
    assert tue[:4] == ["1", "address-by-the-president", "2", "3"]
    assert [b["id"] for b in data["bodies"]] == ["plenary"]  # no body named "Statement ..."
    assert any("agenda_item: false" in line for line in result.report)
    assert result.status is ImportStatus.READY, result.why_partial


def test_an_address_in_a_two_column_annex_is_no_parallel_body(tmp_path: Path) -> None:
    text = """\
Vienne, 3-5 mars 2025

Ordre du jour provisoire
1. Ouverture de la session.
2. Questions diverses.
3. Adoption du rapport.

Annexe
Projet d'organisation des travaux
Lundi 3 mars
10 heures-13 heures   Point 1. Ouverture de la session
15 heures-18 heures   Allocution du Président de l'Assemblée générale
Mardi 4 mars
10 heures-13 heures   Point 2. Questions diverses
15 heures-18 heures   Point 3. Adoption du rapport
"""
    result = _import(tmp_path, text, "session.fr.txt")
    data = result.session_data
    assert [b["id"] for b in data["bodies"]] == ["plenary"]
    extra = [i for i in data["items"] if i.get("agenda_item") is False]
    assert [i["title"] for i in extra] == [
        {"fr": "Allocution du Président de l'Assemblée générale"}
    ]
    assert [str(i["id"]) for i in data["items"]].index(str(extra[0]["id"])) == 1  # after item 1
    assert result.status is ImportStatus.READY, result.why_partial
