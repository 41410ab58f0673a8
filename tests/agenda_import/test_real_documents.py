"""Excerpts of real UN documents of many bodies, layouts and languages (see data/SOURCES.md).

Each one either imports to a draft that loads and solves, or is a partial draft whose report
says what is missing; the ids and titles of every agenda item found are asserted exactly.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import models
from scheduler.agenda_import import DRAFT_NEEDS_PLANNER, ImportResult, ImportStatus, import_agenda
from scheduler.io.session_file import parse_session, session_from_data

DATA = Path(__file__).resolve().parent / "data"

#: Every agenda item each document gives, as the importer must read it.
ITEMS: dict[str, dict[str, str]] = {
    "cac-cosp-2015-1.en.txt": {
        "1": "Organizational matters",
        "1a": "Opening of the sixth session of the Conference",
        "1b": "Election of officers",
        "1c": "Adoption of the agenda and organization of work",
        "1d": "Participation of observers",
        "1e": "Adoption of the report of the bureau on credentials",
        "1f": "General discussion",
        "2": "Review of the implementation of the United Nations Convention against Corruption",
        "3": "Technical assistance",
        "4": "Prevention",
        "5": "Asset recovery",
        "6": "International cooperation",
        "7": "Implementation of article 63, paragraph 4 (c), of the Convention, including "
        "discussion on cooperation with relevant international and regional organizations and "
        "mechanisms and non-governmental organizations",
        "8": "Other matters",
        "9": "Provisional agenda for the seventh session",
        "10": "Adoption of the report",
    },
    "e-cn15-2011-1.en.txt": {
        "1": "Election of officers",
        "2": "Adoption of the agenda and other organizational matters",
        "3": "Strategic management, budgetary and administrative questions",
        "3a": "Work of the working group on improving the governance and financial situation of "
        "the United Nations Office on Drugs and Crime",
        "3b": "Directives on policy and budgetary issues for the United Nations crime "
        "prevention and criminal justice programme",
        "4": "Thematic discussion on protecting children in a digital age: the misuse of "
        "technology in the abuse and exploitation of children",
        "4a": "Nature and scope of the problem of misuse of new technologies in the abuse and "
        "exploitation of children",
        "4b": "Responses to the problem of misuse of new technologies in the abuse and "
        "exploitation of children",
        "5": "Integration and coordination of efforts by the United Nations Office on Drugs and "
        "Crime and by Member States in the field of crime prevention and criminal justice",
        "5a": "Ratification and implementation of the United Nations Convention against "
        "Transnational Organized Crime and the Protocols thereto",
        "5b": "Ratification and implementation of the United Nations Convention against Corruption",
        "5c": "Ratification and implementation of the international instruments to prevent and "
        "combat terrorism",
        "5d": "Other crime prevention and criminal justice matters",
    },
    "unep-ozl-pro-27-1-add1.en.txt": {
        "1": "Opening of the preparatory segment",
        "2": "Organizational matters",
    },
    "unep-cbd-bswg-4-1-add1.fr.txt": {
        "1": "Ouverture de la réunion",
        "2": "Adoption de l'ordre du jour",
        "3": "Organisation des travaux",
    },
    "iccd-cop15-cst-1.fr.txt": {
        "1": "Questions d'organisation",
        "1a": "Adoption de l'ordre du jour et organisation des travaux",
        "1b": "Élection des membres du Bureau autres que le Président du Comité de la science "
        "et de la technologie",
        "2": "Questions découlant du programme de travail de l'Interface science-politique pour "
        "l'exercice biennal 2020-2021",
        "2a": "Données scientifiques sur la contribution potentielle de la planification "
        "intégrée de l'utilisation des terres et la gestion intégrée des paysages à un "
        "changement positif et porteur de transformation, à la réalisation de la neutralité en "
        "matière de dégradation des terres et à la solution des problèmes de désertification, "
        "de dégradation des terres et de sécheresse",
        "2b": "Données scientifiques sur les méthodes d'évaluation et de suivi de la résilience "
        "des populations et des écosystèmes vulnérables face à la sécheresse",
        "2c": "Activités de coordination de l'Interface science-politique avec d'autres groupes "
        "et organes scientifiques intergouvernementaux",
        "3": "Interface entre science et politique, et partage de connaissances",
        "3a": "Interface science-politique, diffusion et accessibilité des meilleures pratiques "
        "et Pôle de connaissances de la Convention",
    },
    "fccc-kp-cmp-2017-1.es.txt": {
        "1": "Apertura del período de sesiones",
        "2": "Cuestiones de organización",
        "2a": "Aprobación del programa",
        "2b": "Elección de miembros adicionales de la Mesa",
        "2c": "Organización de los trabajos, incluidos los de los períodos de sesiones de los "
        "órganos subsidiarios",
        "2d": "Aprobación del informe sobre las credenciales",
        "2e": "Situación de la ratificación de la Enmienda de Doha al Protocolo de Kyoto",
        "3": "Informes de los órganos subsidiarios",
        "3a": "Informe del Órgano Subsidiario de Asesoramiento Científico y Tecnológico",
        "3b": "Informe del Órgano Subsidiario de Ejecución",
        "4": "Asuntos relacionados con el mecanismo para un desarrollo limpio",
        "5": "Asuntos relacionados con la aplicación conjunta",
        "6": "Informe del Comité de Cumplimiento",
        "7": "Asuntos relacionados con el Fondo de Adaptación",
        "7a": "Informe de la Junta del Fondo de Adaptación",
        "7b": "Tercer examen del Fondo de Adaptación",
        "8": "Informe acerca de la mesa redonda ministerial de alto nivel sobre el aumento de la "
        "ambición de los compromisos del Protocolo de Kyoto",
    },
    "hsp-gc-19-1-add1.es.txt": {"1": "Elección de la Mesa"},
    "idb-51-1-add1.en.txt": {"1": "Election of officers", "2": "Adoption of the agenda"},
    "e-cn6-1997-1.en.txt": {
        "1": "Election of officers",
        "2": "Adoption of the agenda and other organizational matters",
        "3": "Follow-up to the Fourth World Conference on Women",
        "3a": "Review of mainstreaming in organizations of the United Nations system",
        "3b": "Emerging issues, trends and new approaches to issues affecting the situation of "
        "women or equality between women and men",
        "3c": "Implementation of strategic objectives and action in the critical areas of concern",
        "4": "Communications concerning the status of women",
        "5": "Convention on the Elimination of All Forms of Discrimination against Women, "
        "including the elaboration of a draft optional protocol to the Convention",
        "6": "Provisional agenda for the forty-second session of the Commission",
        "7": "Adoption of the report of the Commission on its forty-first session",
    },
    "cedaw-c-1994-1.en.txt": {
        "1": "Adoption of the agenda and organization of work",
        "2": "Report of the chairperson on the activities undertaken between the twelfth and the "
        "thirteenth sessions of the Committee",
        "3": "Consideration of reports submitted by States parties under article 18 of the "
        "Convention on the Elimination of All Forms of Discrimination against Women",
        "4": "Implementation of article 21 of the Convention on the Elimination of All Forms of "
        "Discrimination against Women",
        "5": "Ways and means of expediting the work of the Committee on the Elimination of "
        "Discrimination against Women",
        "6": "Contributions of the Committee on the Elimination of Discrimination against Women "
        "to international conferences",
        "7": "Provisional agenda for the fourteenth session",
        "8": "Adoption of the report of the Committee on the Elimination of Discrimination "
        "against Women on its thirteenth session",
    },
    # Not agendas, or agendas whose list was lost: no item is read, none is invented.
    "cac-cosp-2015-1.numbers-lost.en.txt": {},
    "cac-cosp-2021-3.en.txt": {},
    "fccc-sbi-1997-11.es.txt": {},
    "e-conf-103-2.ar.txt": {},
    "a-66-380-add1.ru.txt": {},
    "ctoc-cop-2012-14.ru.txt": {},
    "ga54-general-committee-report.zh.txt": {},
}

#: (language, status, session number, venue, first day, last day) of each document.
FACTS: dict[str, tuple[str, ImportStatus, int, str, dt.date | None, dt.date | None]] = {
    "cac-cosp-2015-1.en.txt": (
        "en", ImportStatus.NEEDS_PLANNER, 6, "St. Petersburg", dt.date(2015, 11, 2),
        dt.date(2015, 11, 6),
    ),
    "e-cn15-2011-1.en.txt": (
        "en", ImportStatus.READY, 20, "Vienna", dt.date(2011, 4, 11), dt.date(2011, 4, 15),
    ),
    "unep-ozl-pro-27-1-add1.en.txt": (
        "en", ImportStatus.READY, 27, "Dubai", dt.date(2015, 11, 1), dt.date(2015, 11, 5),
    ),
    "unep-cbd-bswg-4-1-add1.fr.txt": (
        "fr", ImportStatus.READY, 4, "Montréal", dt.date(1998, 2, 5), dt.date(1998, 2, 13),
    ),
    "iccd-cop15-cst-1.fr.txt": (
        "fr", ImportStatus.READY, 15, "Abidjan", dt.date(2022, 5, 11), dt.date(2022, 5, 13),
    ),
    "fccc-kp-cmp-2017-1.es.txt": (
        "es", ImportStatus.READY, 13, "Bonn", dt.date(2017, 11, 6), dt.date(2017, 11, 17),
    ),
    "hsp-gc-19-1-add1.es.txt": (
        "es", ImportStatus.READY, 19, "Nairobi", dt.date(2003, 5, 5), dt.date(2003, 5, 9),
    ),
    "idb-51-1-add1.en.txt": (
        "en", ImportStatus.READY, 51, "Vienna", dt.date(2023, 7, 3), dt.date(2023, 7, 6),
    ),
    "e-cn6-1997-1.en.txt": (
        "en", ImportStatus.READY, 41, "TO BE COMPLETED", dt.date(1997, 3, 10),
        dt.date(1997, 3, 21),
    ),
    "cedaw-c-1994-1.en.txt": (
        "en", ImportStatus.READY, 13, "New York", dt.date(1994, 1, 17), dt.date(1994, 2, 4),
    ),
    "cac-cosp-2015-1.numbers-lost.en.txt": (
        "en", ImportStatus.NEEDS_PLANNER, 6, "St. Petersburg", dt.date(2015, 11, 2),
        dt.date(2015, 11, 6),
    ),
    "cac-cosp-2021-3.en.txt": (
        "en", ImportStatus.NEEDS_PLANNER, 9, "Sharm el-Sheikh", dt.date(2021, 12, 13),
        dt.date(2021, 12, 17),
    ),
    "fccc-sbi-1997-11.es.txt": (
        "es", ImportStatus.NEEDS_PLANNER, 6, "Bonn", dt.date(1997, 7, 28), dt.date(1997, 8, 5),
    ),
    "e-conf-103-2.ar.txt": (
        "ar", ImportStatus.NEEDS_PLANNER, 1, "نيويورك", dt.date(2013, 8, 19),
        dt.date(2013, 8, 23),
    ),
    "a-66-380-add1.ru.txt": ("ru", ImportStatus.NEEDS_PLANNER, 66, "TO BE COMPLETED", None, None),
    "ctoc-cop-2012-14.ru.txt": ("ru", ImportStatus.NEEDS_PLANNER, 6, "TO BE COMPLETED", None, None),
    "ga54-general-committee-report.zh.txt": (
        "zh", ImportStatus.NEEDS_PLANNER, 54, "TO BE COMPLETED", None, None,
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def imports() -> dict[str, ImportResult]:
    return {name: import_agenda(DATA / name) for name in ITEMS}


def test_every_fixture_is_listed_with_its_source() -> None:
    sources = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    files = sorted(p.name for p in DATA.glob("*.txt"))
    assert files == sorted(ITEMS) == sorted(FACTS)
    assert all(f"| {name} |" in sources for name in files)


@pytest.mark.parametrize("name", sorted(ITEMS))
def test_item_ids_and_titles_are_exact(name: str, imports: dict[str, ImportResult]) -> None:
    result = imports[name]
    assert result.items_read == len(ITEMS[name])
    if ITEMS[name]:
        lang = result.language
        found = {str(i["id"]): i["title"][lang] for i in result.session_data["items"]}
        assert found == ITEMS[name]


@pytest.mark.parametrize("name", sorted(FACTS))
def test_language_status_and_cover_facts(name: str, imports: dict[str, ImportResult]) -> None:
    result = imports[name]
    lang, status, number, venue, first, last = FACTS[name]
    assert result.language == lang
    assert f"language: {lang}, detected from the text" in result.report
    assert result.status is status
    info = result.session_data["session"]
    assert (info["number"], info["venue"]) == (number, venue)
    days = info["days"]
    assert (days[0] if days else None, days[-1] if days else None) == (first, last)


@pytest.mark.parametrize("name", [n for n, f in FACTS.items() if f[1] is ImportStatus.READY])
def test_ready_drafts_load_and_solve(name: str, imports: dict[str, ImportResult]) -> None:
    result = imports[name]
    assert result.exit_code == 0 and result.why_partial == []
    session = parse_session(result.to_yaml())  # the written file, read back
    solved = models.solve(session, time_limit=30, workers=1, seed=0)
    assert solved.status.has_timetable, name
    # Every placeholder is marked for the planner.
    assert "TO COMPLETE" in result.to_yaml()


@pytest.mark.parametrize(
    "name", [n for n, f in FACTS.items() if f[1] is ImportStatus.NEEDS_PLANNER]
)
def test_partial_drafts_say_what_is_missing(name: str, imports: dict[str, ImportResult]) -> None:
    result = imports[name]
    assert result.exit_code == DRAFT_NEEDS_PLANNER
    assert result.why_partial
    assert "Partial draft: complete it before solving:" in result.to_yaml()
    if not ITEMS[name]:
        assert result.why_partial[0] == "no agenda item could be read: type the items in"


def test_one_meeting_placeholders_that_overflow_are_explained(
    imports: dict[str, ImportResult],
) -> None:
    """15 items without a duration, 10 meetings in five days: the report gives the counts."""
    why = " ".join(imports["cac-cosp-2015-1.en.txt"].why_partial)
    assert "Plenary needs 15 meetings" in why and "10 exist" in why


def test_cover_facts_on_one_line(imports: dict[str, ImportResult]) -> None:
    cac = imports["cac-cosp-2015-1.en.txt"].session_data["session"]
    assert cac["symbol"] == "CAC/COSP"  # on the "United Nations" line
    assert cac["body"] == {
        "en": "Conference of the States Parties to the United Nations Convention against Corruption"
    }
    # "Distr.: General 19 August 2015" is the issue date, not a day of the session.
    assert dt.date(2015, 8, 19) not in cac["days"]
    ccpcj = imports["e-cn15-2011-1.en.txt"].session_data["session"]
    assert ccpcj["body"] == {"en": "Commission on Crime Prevention and Criminal Justice"}
    cst = imports["iccd-cop15-cst-1.fr.txt"].session_data["session"]
    assert cst["body"] == {"fr": "Comité de la science et de la technologie"}
    # "The fifty-first session of the Board will be opened": the cover names it in full.
    idb = imports["idb-51-1-add1.en.txt"].session_data["session"]
    assert idb["body"] == {"en": "Industrial Development Board"}
    # Upper case on the cover, the same name in mixed case above it.
    csw = imports["e-cn6-1997-1.en.txt"].session_data["session"]
    assert csw["body"] == {"en": "Commission on the Status of Women"}


def test_session_days_lost_in_extraction_are_asked_for(imports: dict[str, ImportResult]) -> None:
    """ "Вена, октября 2012 года": the days of the month were lost; none is invented."""
    result = imports["ctoc-cop-2012-14.ru.txt"]
    assert result.session_data["session"]["days"] == []
    assert "session.days: no session date found; list the working days (YYYY-MM-DD)" in (
        result.report
    )
    assert result.session_data["session"]["body"] == {
        "ru": "Конференция участников Конвенции Организации Объединенных Наций против "
        "транснациональной организованной преступности"
    }


def test_openings_read_in_three_languages(imports: dict[str, ImportResult]) -> None:
    def opening(name: str) -> dt.datetime:
        items = imports[name].session_data["items"]
        return next(i["fixed_start"] for i in items if i.get("first"))

    assert opening("unep-cbd-bswg-4-1-add1.fr.txt") == dt.datetime(1998, 2, 5, 10, 0)
    assert opening("hsp-gc-19-1-add1.es.txt") == dt.datetime(2003, 5, 5, 10, 0)
    # Opened on a Sunday: the Sunday is a day of the session.
    assert opening("unep-ozl-pro-27-1-add1.en.txt") == dt.datetime(2015, 11, 1, 10, 0)


def test_budget_placeholder_lets_the_draft_solve(imports: dict[str, ImportResult]) -> None:
    """No budget stated: every period of every day, marked TO COMPLETE."""
    result = imports["fccc-kp-cmp-2017-1.es.txt"]
    assert result.session_data["interpretation"]["budget"] == 20  # 10 days x 2 periods
    assert any(line.startswith("interpretation.budget: not stated; TO COMPLETE") for line in
               result.report)  # fmt: skip
    session = session_from_data(result.session_data)
    assert session.interpretation.budget >= len(session.items)
