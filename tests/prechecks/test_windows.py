"""Time windows across relations (`scheduler.prechecks.windows`): an activity held only in
parallel with another meets within the periods of the other's window, and agenda order
carries that window to the items before it."""

from __future__ import annotations

from typing import Any

from tests.conftest import tiny_data
from tests.prechecks.checking import only, silent


def _last_item_beside_the_group(debate_minutes: int) -> dict[str, Any]:
    """Item 4 (last) is held only beside the working group, which meets on Monday."""
    data = tiny_data()
    data["items"][1]["minutes"] = debate_minutes
    data["items"][3]["in_parallel_with"] = ["wg-1"]
    data["meetings"][0]["date"] = "2030-03-04"
    data["meetings"][0]["not_in_parallel_with"] = []
    return data


def test_an_activity_beside_another_takes_the_other_s_window():
    silent(_last_item_beside_the_group(debate_minutes=180))  # 330 minutes on Monday
    found = only(_last_item_beside_the_group(debate_minutes=240), "capacity")
    assert found.text() == (
        "Plenary needs 3 meetings (390 minutes at 180 minutes a meeting) from Monday 4 March "
        "10:00 to Monday 4 March 18:00; 2 exist"
    )
    assert {("in-parallel", "4/wg-1"), ("held-on-date", "wg-1"), ("agenda-order", "plenary")} <= (
        set(found.instances)
    )
