"""The annex table: references to items, parallel bodies, periods and implied durations."""

from __future__ import annotations

import datetime as dt

from scheduler.agenda_import.agenda import AgendaItem
from scheduler.agenda_import.annex import parse_annex
from scheduler.agenda_import.annex_timetable import (
    PeriodSpec,
    PlannedSlot,
    implied_minutes,
    periods_of,
    planned_slots,
)
from scheduler.agenda_import.cleaning import Vocabulary

ANNEX = """Annexe
Projet d'organisation des travaux
Lundi 15 octobre
10 heures-13 heures Points 6 à 9
15 heures-18 heures Point 2 b.) Protocole relatif à la traite Groupe de travail sur la
des personnes coopération internationale
Mardi 16 octobre
10 heures-13 heures Point 2 b) (suite) Groupe de travail sur la
coopération internationale (suite)
Mercredi 17 octobre
10 h 30-13 heures Item 2 (c). Protocole
"""


def _annex() -> list:
    lines = ANNEX.splitlines()
    known = ["Groupe de travail sur la coopération internationale"]
    return parse_annex(lines, 0, 2018, known, Vocabulary(ANNEX), "fr").slots


def test_rows_references_and_ranges() -> None:
    slots = _annex()
    assert [(s.date.day, s.start.hour) for s in slots] == [(15, 10), (15, 15), (16, 10), (17, 10)]
    assert slots[0].refs[0].item_ids == ["6", "7", "8", "9"]
    assert slots[1].refs[0].item_ids == ["2b"]
    assert slots[3].refs[0].item_ids == ["2c"]


def test_parallel_bodies_even_when_columns_interleave() -> None:
    slots = _annex()
    name = "Groupe de travail sur la coopération internationale"
    assert slots[1].bodies == [(name, False)]
    assert slots[2].bodies == [(name, True)]
    # The body's words are taken out of the item's wording, "(suite)" too.
    assert slots[1].refs[0].title == "Protocole relatif à la traite des personnes"
    assert slots[2].refs[0].continued


def test_one_time_per_period_the_most_common_wins() -> None:
    from scheduler.agenda_import.annex import Annex

    periods, notes = periods_of(Annex(_annex(), []))
    assert [(p.id, p.start, p.end) for p in periods] == [
        ("AM", dt.time(10), dt.time(13)),
        ("PM", dt.time(15), dt.time(18)),
    ]
    assert any("10:30-13:00" in note for note in notes)


def test_heading_alone_stands_for_its_sub_items_unless_they_are_cited() -> None:
    from scheduler.agenda_import.annex import Annex, AnnexSlot, Ref

    items = [AgendaItem(1, None), AgendaItem(1, "a"), AgendaItem(1, "b"), AgendaItem(2, None),
             AgendaItem(2, "a")]  # fmt: skip
    day = dt.date(2018, 10, 15)
    slots = [
        AnnexSlot(day, dt.time(10), dt.time(13), refs=[Ref([1], None, "", False)]),
        AnnexSlot(day, dt.time(15), dt.time(18),
                  refs=[Ref([2], None, "", False), Ref([2], "a", "", False)]),
    ]  # fmt: skip
    planned, _, notes = planned_slots(Annex(slots, []), items)
    assert planned[0].items == ["1a", "1b"]
    assert planned[1].items == ["2", "2a"]
    assert notes == []


def test_uncited_item_numbers_are_reported() -> None:
    from scheduler.agenda_import.annex import Annex, AnnexSlot, Ref

    day = dt.date(2018, 10, 15)
    slot = AnnexSlot(day, dt.time(10), dt.time(13), refs=[Ref([1, 12], None, "", False)])
    planned, _, notes = planned_slots(Annex([slot], []), [AgendaItem(1, None)])
    assert planned[0].items == ["1"]
    assert "item 12" in notes[0]


def test_implied_minutes_split_meetings_equally() -> None:
    day = dt.date(2018, 10, 15)
    periods = {"AM": PeriodSpec("AM", dt.time(10), dt.time(13), False),
               "PM": PeriodSpec("PM", dt.time(15), dt.time(18), False)}  # fmt: skip
    planned = [
        PlannedSlot(day, "AM", items=[str(n) for n in range(1, 8)]),  # 7 items in 180 minutes
        PlannedSlot(day, "PM", items=["7", "8"]),
        PlannedSlot(day + dt.timedelta(days=1), "AM", items=["8"]),
    ]
    minutes = implied_minutes(planned, periods)
    assert [minutes[str(n)][0] for n in range(1, 7)] == [25] * 6
    assert minutes["7"][0] == 30 + 90
    assert minutes["8"][0] == 90 + 180
    assert sum(m for m, _ in minutes.values()) == 3 * 180
    assert all(why.startswith("estimate") for _, why in minutes.values())
