"""Real annex rows (see data/SOURCES.md, "Annex excerpts"): the single-body layout of the Ad Hoc
Committee on cybercrime, its holiday row, and days with other hours.

The excerpts hold the annex only; a cover and an agenda list are put in front of them here.
They are constructed (the cover from the session's dates and venue; items 6 to 12 worded as
the annex and annotations word them, items 1 to 5 and 10 invented), so only what the annex
says is asserted as the document's.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from scheduler.agenda_import import ImportResult, ImportStatus, import_agenda
from scheduler.agenda_import.annex import parse_annex
from scheduler.agenda_import.cleaning import Vocabulary
from scheduler.io.session_file import session_from_data

ANNEXES = Path(__file__).resolve().parent / "data" / "annexes"

#: Constructed: the cover (dates and venue of the third session) and an agenda list.
AHC_FRONT = """\
Ad Hoc Committee to Elaborate a Comprehensive International Convention on Countering the Use of \
Information and Communications Technologies for Criminal Purposes
Third session
New York, 29 August–9 September 2022

Provisional agenda
1. Opening of the session.
2. Organizational matters.
3. Provisions on international cooperation.
4. Provisions on technical assistance.
5. Other provisions.
6. Provisions on preventive measures.
7. Provisions on the mechanism of implementation.
8. Final provisions.
9. Preamble.
10. Other matters.
11. Adoption of the report.
12. Closure of the session.

Annotations
"""


@pytest.fixture(scope="module")
def ahc(tmp_path_factory: pytest.TempPathFactory) -> ImportResult:
    text = AHC_FRONT + (ANNEXES / "a-ac-291-11.en.txt").read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("ahc") / "a-ac-291-11.en.txt"
    path.write_text(text, encoding="utf-8")
    return import_agenda(path)


def test_the_header_broken_over_two_lines_still_marks_the_item_column() -> None:
    lines = (ANNEXES / "a-ac-291-11.en.txt").read_text(encoding="utf-8").splitlines()
    start = lines.index("Annex")
    annex = parse_annex(lines, start, 2022, [], Vocabulary("\n".join(lines)), "en")
    assert all(not slot.bodies for slot in annex.slots)  # "6 Provisions ..." is no body
    assert [(s.date.day, s.start.hour, [r.item_ids for r in s.refs]) for s in annex.slots] == [
        (6, 10, [["6"]]),
        (6, 15, [["7"]]),
        (7, 10, [["7"]]),
        (7, 15, [["8"]]),
    ]  # the first row's day is not in the excerpt: it is left out


def test_the_holiday_row_gives_the_holiday_and_its_name(ahc: ImportResult) -> None:
    info = ahc.session_data["session"]
    labor_day = dt.date(2022, 9, 5)
    assert info["holidays"] == [labor_day]
    assert labor_day not in info["days"]
    assert info["holiday_names"] == {labor_day: {"en": "Official United Nations holiday"}}
    assert not any("Mon 05 Sep" in line for line in ahc.report)  # no "a holiday?" question


def test_the_single_body_annex_gives_plenary_items_only(ahc: ImportResult) -> None:
    data = ahc.session_data
    assert [b["id"] for b in data["bodies"]] == ["plenary"]
    published = {(str(e["activity"]), e["date"].day, e["period"]) for e in data["published"]}
    assert published == {("6", 6, "AM"), ("7", 6, "PM"), ("7", 7, "AM"), ("8", 7, "PM")}
    items = {str(i["id"]): i for i in data["items"]}
    assert items["7"]["minutes"] == 2 * 180


def test_the_draft_loads_with_its_holiday_name(ahc: ImportResult) -> None:
    assert ahc.status is ImportStatus.READY, ahc.why_partial
    session = session_from_data(ahc.session_data)
    assert session.session.holiday_names[dt.date(2022, 9, 5)].get("en") == (
        "Official United Nations holiday"
    )


def test_the_arabic_annex_mirrored_times_and_interleaved_holiday_row() -> None:
    """The same rows in Arabic, as extraction gives them: times mirrored minutes first
    ("00/10–00/13" for 10:00-13:00), the holiday's cell between the day and its month, the
    item number in a column of its own with no header line to say so."""
    lines = (ANNEXES / "a-ac-291-11.ar.txt").read_text(encoding="utf-8").splitlines()
    annex = parse_annex(lines, 0, 2022, [], Vocabulary("\n".join(lines)), "ar")
    labor_day = dt.date(2022, 9, 5)
    assert annex.holidays == [labor_day]
    assert annex.holiday_names == {labor_day: "عطلة رسمية للأمم المتحدة"}
    assert [(s.date.day, s.start, s.end, [r.item_ids for r in s.refs]) for s in annex.slots] == [
        (6, dt.time(10), dt.time(13), [["6"]]),
        (6, dt.time(15), dt.time(18), [["7"]]),
        (7, dt.time(10), dt.time(13), [["7"]]),
        (7, dt.time(15), dt.time(18), [["8"]]),
    ]
    assert all(not slot.bodies for slot in annex.slots)
    assert annex.slots[0].refs[0].continued  # "(تابع)"
