"""Two agendas of other shapes, one English and one French, to show nothing is tuned to the seed."""

from __future__ import annotations

import datetime as dt
import importlib.util
from typing import Any

import pytest

from scheduler.agenda_import import ImportResult
from scheduler.io.session_file import parse_session, session_from_data
from scheduler.published import published_timetable


def _items(result: ImportResult) -> dict[str, dict[str, Any]]:
    return {str(i["id"]): i for i in result.session_data["items"]}


def _body(result: ImportResult, kind: str) -> dict[str, Any]:
    return next(b for b in result.session_data["bodies"] if b["kind"] == kind)


def _meeting(result: ImportResult, body: dict[str, Any]) -> dict[str, Any]:
    return next(m for m in result.session_data["meetings"] if m["body"] == body["id"])


# --- English -------------------------------------------------------------------------------


def test_english_items_and_titles(english_import: ImportResult) -> None:
    assert english_import.language == "en"
    titles = {k: v["title"]["en"] for k, v in _items(english_import).items()}
    assert titles == {
        "1": "Opening of the session",
        "2": "Organizational matters",
        "2a": "Election of officers",
        "2b": "Adoption of the agenda and other organizational matters",  # "organi-/zational"
        "3": "Review of the implementation of the Convention on Sustainable Fisheries Data, "
        "with particular emphasis on the exchange of catch statistics",  # "Conven tion"
        "4": "Technical assistance and capacity-building",  # a real hyphen kept
        "5": "Provisional agenda for the sixth session of the Commission",
        "6": "Other matters",
        "7": "Adoption of the report of the Commission on its fifth session",
    }


def test_english_session_facts(english_import: ImportResult) -> None:
    info = english_import.session_data["session"]
    assert info["body"] == {"en": "Commission on Sustainable Fisheries Data"}
    assert info["number"] == 5
    assert info["venue"] == "Geneva"
    assert info["symbol"] == "ICFD/COM"
    assert info["days"] == [dt.date(2030, 3, d) for d in range(4, 8)]
    assert info["pre_session_days"] == [dt.date(2030, 3, 1)]
    assert english_import.session_data["interpretation"]["budget"] == 14
    items = _items(english_import)
    assert items["1"]["fixed_start"] == dt.datetime(2030, 3, 4, 10, 0)
    assert items["7"]["last"] is True


def test_english_documents_footnotes_and_page_furniture(english_import: ImportResult) -> None:
    items = _items(english_import)
    assert items["3"]["documents"] == ["ICFD/COM/2030/2", "ICFD/COM/2030/3"]  # one broken
    assert items["4"]["documents"] == ["ICFD/COM/2030/4"]
    assert "documents" not in items["6"]
    everything = repr(english_import.session_data)
    assert "2028/10" not in everything  # only in a footnote
    assert "V.29" not in everything and "Reissued" not in everything


def test_english_committee_of_the_whole_and_its_deadline(english_import: ImportResult) -> None:
    committee = _body(english_import, "committee")
    assert committee["name"] == {"en": "Committee of the Whole"}
    assert committee["latest_end"] == dt.datetime(2030, 3, 6, 13, 0)  # "1 p.m. on Wednesday"
    meeting = _meeting(english_import, committee)
    assert meeting["meetings"] == 2
    assert meeting["earliest_start"] == dt.datetime(2030, 3, 5, 10, 0)  # "on 5 and 6 March"
    assert meeting["latest_end"] == dt.datetime(2030, 3, 6, 18, 0)
    assert meeting["dates"] == [dt.date(2030, 3, 5), dt.date(2030, 3, 6)]  # one entry, two days


def test_english_annex_ranges_and_headings(english_import: ImportResult) -> None:
    items = _items(english_import)
    # "Item 2" alone, its sub-items nowhere else: it stands for 2 (a) and 2 (b).
    assert "minutes" not in items["2"]
    assert [items[i]["minutes"] for i in ("1", "2a", "2b")] == [60, 60, 60]
    assert items["3"]["minutes"] == 360  # "Item 3 (continued)"
    assert items["5"]["minutes"] == items["6"]["minutes"] == 90  # "Items 5 and 6"
    # The parallel column cut "capacity-building" in two; the annex wording is the title.
    assert "annex_title" not in items["4"]
    assert items["3"]["annex_title"] == {"en": "Review of the implementation of the Convention"}


# --- French --------------------------------------------------------------------------------


def test_french_items_and_titles(french_import: ImportResult) -> None:
    assert french_import.language == "fr"
    titles = {k: v["title"]["fr"] for k, v in _items(french_import).items()}
    assert titles == {
        "1": "Adoption de l'ordre du jour",
        "2": "Élection du Bureau",
        "3": "Questions découlant des travaux de la Commission",
        "3a": "Suite donnée aux recommandations de la vingt-troisième session",
        "3b": "Coopération avec les organisations régionales de gestion des pêches et des forêts",
        "4": "Programme de travail pour la période 2026-2027",  # "Pro-/gramme"
        "5": "Questions diverses",
        "6": "Adoption du rapport du Comité sur sa vingt-quatrième session",
    }


def test_french_session_facts(french_import: ImportResult) -> None:
    info = french_import.session_data["session"]
    assert info["body"] == {"fr": "Comité des statistiques forestières"}
    assert info["number"] == 24  # "Vingt-quatrième session"
    assert info["days"] == [dt.date(2026, 6, 1), dt.date(2026, 6, 2), dt.date(2026, 6, 3)]
    assert info["pre_session_days"] == [dt.date(2026, 5, 29)]
    periods = [(p["id"], p["start"], p["end"]) for p in info["periods"]]
    assert periods == [("AM", "09:30", "12:30"), ("PM", "14:30", "17:30")]
    assert french_import.session_data["interpretation"]["budget"] == 6  # "six séances"
    assert _items(french_import)["1"]["fixed_start"] == dt.datetime(2026, 6, 1, 9, 30)


def test_french_weekday_deadline_resolved_in_the_session(french_import: ImportResult) -> None:
    group = _body(french_import, "working_group")
    assert group["name"] == {"fr": "Groupe de travail sur les statistiques de coopération"}
    assert group["latest_end"] == dt.datetime(2026, 6, 2, 18, 0)  # "le mardi à 18 heures"
    assert _meeting(french_import, group)["date"] == dt.date(2026, 6, 2)


def test_french_heading_cited_with_its_sub_items(french_import: ImportResult) -> None:
    items = _items(french_import)
    # "Point 3." and "Point 3 a)" share Monday morning with items 1 and 2 ("Points 1 et 2").
    assert [items[i]["minutes"] for i in ("1", "2", "3", "3a")] == [45, 45, 45, 45]
    assert items["3b"]["annex_title"] == {"fr": "Coopération régionale"}
    assert items["3a"]["documents"] == ["CSF/2026/2"]


# --- both ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["english_import", "french_import"])
def test_valid_session_with_a_layable_published_timetable(
    name: str, request: pytest.FixtureRequest
) -> None:
    result: ImportResult = request.getfixturevalue(name)
    assert result.problems() == []
    session = parse_session(result.to_yaml())
    rows = list(published_timetable(session))
    assert len(rows) == len(result.session_data["published"])
    if importlib.util.find_spec("scheduler.validation") is not None:
        from scheduler.validation import validate

        report = validate(session_from_data(result.session_data), published_timetable(session))
        assert report.ok, report.broken_rules()


def test_informal_consultations_over_two_pre_session_days_are_one_entry(tmp_path) -> None:
    from scheduler.agenda_import import ImportStatus, import_agenda

    path = tmp_path / "pre.en.txt"
    path.write_text(
        """\
Conference of the Parties
Ninth session
Vienna, 15-19 October 2018

Provisional agenda
1. Opening of the session.
2. Other matters.
3. Adoption of the report.

Annotations
1. Opening of the session
The session will be opened on Monday, 15 October 2018, at 10 a.m.
Informal consultations will be held on 11 and 12 October 2018.
""",
        encoding="utf-8",
    )
    result = import_agenda(path)
    days = [dt.date(2018, 10, 11), dt.date(2018, 10, 12)]
    assert result.session_data["session"]["pre_session_days"] == days
    (informals,) = result.session_data["meetings"]
    assert informals["dates"] == days  # so the pre-session days are usable
    assert result.status is ImportStatus.READY, result.why_partial
