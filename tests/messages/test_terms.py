"""Terms: what messages name, made from the session once and said in any of the six languages."""

from __future__ import annotations

import datetime as dt

import pytest

from scheduler.messages import Message, render
from scheduler.messages.terms import Act, Body, Clock, DaySpan, Joined, Listing, Moment, Span
from tests.validation.layout import tiny_session

THURSDAY = dt.date(2018, 10, 18)


def test_an_activity_is_resolved_from_the_session_when_made() -> None:
    session = tiny_session()
    item, group, unknown = (Act.of(session, ref) for ref in ("2", "wg-1", "zz"))
    assert (item.kind, group.kind, unknown.kind) == ("item", "meetings", "unknown")
    assert [item.say(lang) for lang in ("en", "fr", "es", "ru", "zh", "ar")] == [
        "item 2", "point 2", "el tema 2", "пункт 2", "项目2", "البند 2",
    ]  # fmt: skip
    assert group.say("en") == "Working group (wg-1)"
    assert group.say("fr") == "Groupe de travail (wg-1)"
    assert unknown.say("fr") == "l’activité inconnue « zz »"
    assert hash(item) == hash(Act.of(session, "2"))  # a value: messages holding it are hashable


def test_a_name_missing_in_a_language_falls_back_to_english() -> None:
    body = Body.of(tiny_session(), "wg")
    assert body.say("zh") == "Working group（wg）"  # the English name, in Chinese brackets
    assert Body.of(tiny_session(), "attic").say("en") == "unknown body 'attic'"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Thursday 18 October 15:00–16:45"),
        ("fr", "jeudi 18 octobre, 15 heures-16 h 45"),
        ("es", "jueves 18 de octubre, de 15.00 a 16.45 horas"),
        ("ru", "четверг, 18 октября, 15 ч. 00 м. – 16 ч. 45 м."),
        ("zh", "10月18日星期四15时至16时45分"),
        ("ar", "الخميس 18 تشرين الأول/أكتوبر، من الساعة 15:00 إلى الساعة 16:45"),
    ],
)
def test_a_period_in_a_sentence_follows_the_labels_clock(lang: str, said: str) -> None:
    assert DaySpan(THURSDAY, dt.time(15), dt.time(16, 45)).say(lang) == said


def test_findings_use_digits_for_clock_times_in_every_language() -> None:
    noon = dt.datetime(2018, 10, 18, 12)
    assert {Clock(noon).say(lang) for lang in ("ar", "zh", "en", "fr", "ru", "es")} == {"12:00"}
    assert Moment(noon, "short").say("fr") == "jeu. 18 oct. 12:00"
    assert Moment(noon).say("fr") == "jeudi 18 octobre à 12 heures"
    assert Span(None, dt.time(9)).say("en") == "?–09:00"


def test_several_things_are_joined_by_each_languages_own_patterns() -> None:
    three = ("a", "b", "c")
    assert Joined.of(three).say("en") == "a, b and c"
    assert Joined.of(three).say("fr") == "a, b et c"
    assert Joined.of(three).say("zh") == "a、b和c"
    assert Listing.of(three).say("zh") == "a、b、c"
    assert Listing.of(three, "terms.semicolon").say("fr") == "a ; b ; c"


def test_an_exact_number_comes_before_the_plural_categories() -> None:
    assert render(Message.of("count.meetings", count=0), "fr") == "0 séances"
    assert render(Message.of("count.meetings", count=1), "fr") == "1 séance"
    assert render(Message.of("count.meetings", count=22), "ru") == "22 заседания"
    assert render(Message.of("count.meetings", count=25), "ru") == "25 заседаний"
    assert render(Message.of("count.meetings", count=2), "ar") == "جلستان"
