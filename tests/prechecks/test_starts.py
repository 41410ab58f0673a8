"""Starts that clash (`scheduler.prechecks.starts`): two activities of one body pinned to one
moment, by fixed starts or by a first mark against a fixed start; the boundary holds.

The tiny session's plenary takes its items in any order here, so that no agenda order is
involved: item 1 starts Monday 10:00, the session's first moment.
"""

from __future__ import annotations

from typing import Any

from scheduler.prechecks import precheck
from tests.conftest import make_session, tiny_data
from tests.prechecks.checking import only, silent


def _free(**fields: Any) -> dict[str, Any]:
    """The tiny session, its plenary in free order, item 3 with `fields`."""
    data = tiny_data()
    data["bodies"][0]["order"] = "free"
    data["items"][2].update(fields)
    return data


def test_two_fixed_starts_at_one_moment_in_one_body_are_refused():
    silent(_free(fixed_start="2030-03-04T11:00"))  # after item 1's hour: it holds
    found = only(_free(fixed_start="2030-03-04T10:00"), "starts")
    assert found.text() == (
        "Plenary: item 1 and item 3 must both start Monday 4 March 10:00 (item 1: starts"
        " Monday 4 March 10:00; item 3: starts Monday 4 March 10:00); a body takes one thing"
        " at a time"
    )
    assert set(found.instances) == {("fixed-start", "1"), ("fixed-start", "3")}


def test_a_first_mark_against_a_fixed_start_at_the_first_moment_is_refused():
    data = _free(first=True)
    data["items"][0]["first"] = False
    found = only(data, "starts")
    assert set(found.instances) == {("fixed-start", "1"), ("first-last", "3")}
    assert found.text().startswith("Plenary: item 1 and item 3 must both start Monday 4 March")
    assert "item 3 is first" in found.text()
    data["items"][0]["fixed_start"] = "2030-03-04T11:00"  # nothing fixed at the first moment
    assert not [f for f in precheck(make_session(data)) if f.check == "starts"]


def test_two_bodies_may_start_at_one_moment():
    data = tiny_data()
    data["meetings"][0]["fixed_start"] = "2030-03-04T10:00"  # beside item 1, in its own room
    data["meetings"][0]["not_in_parallel_with"] = []
    silent(data)
