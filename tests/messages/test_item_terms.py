"""Item ids in messages: said as the reader's annex prints them (Russian `пункт 1а`, not `1a`)."""

from __future__ import annotations

from scheduler.io.session_file import parse_session
from scheduler.messages.terms import Act, Activities, TheItem

SESSION = """
session:
  body: {en: Sub-items}
  number: 1
  venue: Vienna
  days: [2030-03-04]
  periods: [{id: AM, start: "10:00", end: "13:00"}]
interpretation: {budget: 2, teams: 1}
rooms: [{id: hall, interpretation: true}]
bodies: [{id: plenary, kind: plenary, name: {en: Plenary}, rooms: [hall], interpreted: true}]
items:
  - {id: "1", title: {en: Organizational matters}}
  - {id: 1a, parent: "1", title: {en: Opening}, minutes: 30}
  - {id: 1b, parent: "1", title: {en: Agenda}, minutes: 30}
  - {id: hls-1, title: {en: High-level segment}, minutes: 60}
"""


def test_a_sub_item_is_said_with_the_letter_of_the_readers_script():
    session = parse_session(SESSION)
    assert Act.of(session, "1a").say("ru") == "пункт 1\u0430"  # Cyrillic а
    assert TheItem("1b").say("ru") == "пункт 1\u0431"
    assert Act.of(session, "1a").say("en") == "item 1a"
    assert "1\u0430" in Activities.of(session, ["1a", "1b"]).say("ru")


def test_an_id_that_is_no_agenda_number_is_said_as_the_planner_wrote_it():
    session = parse_session(SESSION)
    assert Act.of(session, "hls-1").say("ru") == "пункт hls-1"
    assert "1a" not in Act.of(session, "1a").say("ru")  # no Latin letter left in Russian
