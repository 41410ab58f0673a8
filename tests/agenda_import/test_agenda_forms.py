"""Agenda item forms and cover lines of real documents, on short constructed texts.

The real excerpts (test_real_documents.py) show these forms in context; each case here
isolates one form so that a failure names it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from scheduler.agenda_import import ImportResult, import_agenda


def _import(tmp_path: Path, text: str, name: str = "agenda.en.txt") -> ImportResult:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return import_agenda(path)


def _titles(result: ImportResult) -> dict[str, str]:
    return {str(i["id"]): i["title"][result.language] for i in result.session_data["items"]}


def test_segment_headings_are_not_titles(tmp_path: Path) -> None:
    """CND style: "Operational segment" and "Normative segment" inside one numbered list."""
    text = """\
Commission on Narcotic Drugs
Sixty-first session
Vienna, 12-16 March 2018

Provisional agenda
Operational segment
1. Election of officers.
2. Strategic management, budgetary and administrative questions.
Normative segment
3. Implementation of the international drug control treaties.
4. Adoption of the report.
"""
    result = _import(tmp_path, text)
    assert _titles(result) == {
        "1": "Election of officers",
        "2": "Strategic management, budgetary and administrative questions",
        "3": "Implementation of the international drug control treaties",
        "4": "Adoption of the report",
    }
    assert result.session_data["session"]["number"] == 61


def test_a_segment_numbered_from_one_again_stops_the_list(tmp_path: Path) -> None:
    text = """\
Provisional agenda
I. Preparatory segment
1. Opening of the preparatory segment.
2. Organizational matters.
II. High-level segment
1. Opening of the high-level segment.
2. Adoption of decisions.
"""
    result = _import(tmp_path, text)
    assert _titles(result) == {"1": "Opening of the preparatory segment",
                               "2": "Organizational matters"}  # fmt: skip
    assert any("numbers its items from 1 again" in line for line in result.report)


def test_items_as_headings_in_french(tmp_path: Path) -> None:
    text = """\
Comité des forêts
Vingt-quatrième session
Rome, 1-3 juin 2026

Point 1. Élection du Bureau
Le Comité élira un président et deux vice-présidents.
Point 2. Adoption de l'ordre du jour
L'ordre du jour provisoire sera soumis au Comité pour adoption.
Point 2 a) de l'ordre du jour. Organisation des travaux
Point 3. Adoption du rapport
"""
    result = _import(tmp_path, text, "comite.fr.txt")
    assert _titles(result) == {
        "1": "Élection du Bureau",
        "2": "Adoption de l'ordre du jour",
        "2a": "Organisation des travaux",
        "3": "Adoption du rapport",
    }


def test_lost_dash_on_the_cover(tmp_path: Path) -> None:
    """ "2 6 November 2015": a dash lost in extraction; read as a span, and reported."""
    text = """\
Sixth session
St. Petersburg, Russian Federation, 2 6 November 2015
Provisional agenda
1. Opening of the session.
2. Adoption of the report.
"""
    result = _import(tmp_path, text)
    days = result.session_data["session"]["days"]
    assert (days[0], days[-1]) == (dt.date(2015, 11, 2), dt.date(2015, 11, 6))
    assert any(line.startswith("cover: '2 6' read as the days 2–6") for line in result.report)
    assert result.session_data["session"]["venue"] == "St. Petersburg"


def test_issue_date_is_not_the_opening(tmp_path: Path) -> None:
    text = """\
United Nations CAC/COSP/IRG/2022/1 Implementation Review Group Distr.: General 20 June 2022
Thirteenth session Vienna, 13-17 June 2022
Provisional agenda
1. Organizational matters.
2. Adoption of the report.
"""
    info = _import(tmp_path, text).session_data["session"]
    assert info["days"][0] == dt.date(2022, 6, 13)
    assert info["number"] == 13 and info["venue"] == "Vienna"
    assert info["symbol"] == "CAC/COSP/IRG"


def test_a_wrapped_title_ending_in_segment_keeps_it(tmp_path: Path) -> None:
    text = """\
Provisional agenda
1. Opening of the session.
2. Organization of work, including for the
high-level segment.
3. Adoption of the report.
"""
    titles = _titles(_import(tmp_path, text))
    assert titles["2"] == "Organization of work, including for the high-level segment"
