"""Typography of the messages as the UN editorial manuals print it.

French elides with the typographic apostrophe (’), as the annex does ("Projet d’organisation");
a straight one (') is a typewriter habit that a planner would have to correct by hand.
"""

from __future__ import annotations

from collections.abc import Mapping

from scheduler.messages import catalogue


def _texts(template: object) -> list[str]:
    """Every text of a template, each plural form (a second count's too)."""
    if isinstance(template, Mapping):
        return [t for k, v in template.items() if k != "plural" for t in _texts(v)]
    return [str(template)]


def test_no_french_message_contains_a_straight_apostrophe() -> None:
    straight = {
        key: text
        for key, template in catalogue("fr").items()
        for text in _texts(template)
        if "'" in text
    }
    assert not straight, straight


def test_english_time_ranges_take_an_en_dash() -> None:
    """UN English writes a range of times with an en dash: 10:00–13:00, not 10:00-13:00."""
    import datetime as dt

    from scheduler.messages.terms import DaySpan

    said = DaySpan(dt.date(2018, 10, 18), dt.time(10), dt.time(13)).say("en")
    assert said == "Thursday 18 October 10:00–13:00"
