"""Duration from speakers, in the session file: speakers x minutes_per_speaker + allowance."""

from __future__ import annotations

from typing import Any

import pytest

from scheduler.errors import InputError
from tests.conftest import make_session, tiny_data


def _debate(**fields: Any) -> dict[str, Any]:
    """The tiny session with its item 2 (a debate) given `fields` instead of its minutes."""
    data = tiny_data()
    item = next(i for i in data["items"] if i["id"] == "2")
    del item["minutes"]
    item.update(fields)
    return data


def test_speakers_times_minutes_each_plus_allowance():
    session = make_session(_debate(speakers=40, minutes_per_speaker=5, allowance=20))
    assert session.item("2").minutes == 220
    assert session.activity("2").minutes == 220  # what the model and the validator read


def test_without_allowance_and_with_fractions_rounded_up():
    assert make_session(_debate(speakers=60, minutes_per_speaker=3)).item("2").minutes == 180
    assert make_session(_debate(speakers=7, minutes_per_speaker=2.5)).item("2").minutes == 18


def test_minutes_equal_to_the_product_are_accepted_and_survive_a_round_trip():
    session = make_session(_debate(speakers=60, minutes_per_speaker=3, minutes=180))
    again = make_session(session.model_dump())
    assert again == session and again.item("2").minutes == 180


def test_minutes_that_disagree_are_refused():
    with pytest.raises(InputError, match="differs from speakers x minutes_per_speaker"):
        make_session(_debate(speakers=60, minutes_per_speaker=3, minutes=150))


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"minutes_per_speaker": 3}, "needs speakers"),
        ({"speakers": 10, "allowance": 5, "minutes": 60}, "allowance needs minutes_per_speaker"),
        ({"speakers": 10, "minutes_per_speaker": 3, "meetings": 1}, "not both"),
        ({"speakers": 0, "minutes_per_speaker": 3}, "is 0 minutes"),
        ({"speakers": 10, "minutes_per_speaker": 0}, "greater than 0"),
        ({"speakers": 10, "minutes_per_speaker": 3, "allowance": -5}, "greater than or equal"),
    ],
)
def test_incomplete_or_contradictory_sizes_are_refused(fields, problem):
    with pytest.raises(InputError) as caught:
        make_session(_debate(**fields))
    assert problem in caught.value.message
    assert "items[1]" in caught.value.message


def test_an_item_without_any_duration_is_still_refused():
    with pytest.raises(InputError, match="has no duration"):
        make_session(_debate(speakers=40))
