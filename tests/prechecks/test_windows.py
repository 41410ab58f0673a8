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
    )  # the same rules empty item 3's window along the agenda: the count says more
    assert {("in-parallel", "4/wg-1"), ("held-on-date", "wg-1"), ("agenda-order", "plenary")} <= (
        set(found.instances)
    )


def _group_after_the_debate(group_deadline: str) -> dict[str, Any]:
    """The working group (one whole meeting) starts once item 2 has ended: item 2's 240
    minutes, after item 1's hour, end at Monday 17:00 at the earliest, so the group's meeting
    is on Tuesday morning at the earliest."""
    data = tiny_data()
    group = data["meetings"][0]
    group["not_in_parallel_with"] = []
    group["after_end_of"] = ["2"]
    group["latest_end"] = group_deadline
    return data


def test_an_activity_after_another_starts_once_the_other_can_have_ended():
    silent(_group_after_the_debate("2030-03-05T13:00"))
    found = only(_group_after_the_debate("2030-03-04T18:00"), "capacity")
    # the group's one meeting, over by 18:00, starts by 15:00: items 1 and 2 by then
    assert found.text() == (
        "Plenary needs 2 meetings (300 minutes at 180 minutes a meeting) from Monday 4 March"
        " 10:00 to Monday 4 March 13:00; 1 exists, since Working group starts no later than"
        " Monday 4 March 15:00"
    )
    assert set(found.instances) == {
        ("agenda-order", "plenary"), ("sequence", "wg-1/2@end"), ("deadline", "wg-1"),
    }  # fmt: skip


def _item_after_the_group(group_earliest: str) -> dict[str, Any]:
    """Item 3 (due Monday 18:00, after items 1 and 2 of an hour each) starts once the working
    group's meeting has ended: the group must meet in a period over by Monday 17:30."""
    data = tiny_data()
    data["items"][1]["minutes"] = 60
    data["meetings"][0]["not_in_parallel_with"] = []
    item = data["items"][2]
    item["after_end_of"] = ["wg-1"]
    item["latest_end"] = "2030-03-04T18:00"
    data["items"][3].pop("last")
    data["meetings"][0]["earliest_start"] = group_earliest
    return data


def test_an_activity_before_another_ends_before_the_other_must_start():
    silent(_item_after_the_group("2030-03-04T10:00"))
    found = only(_item_after_the_group("2030-03-04T15:00"), "capacity")
    assert found.text() == (
        "Working group needs 1 meeting from Monday 4 March 15:00 to Monday 4 March 17:30;"
        " 0 whole periods fit in that time, since item 3 starts no later than Monday 4 March"
        " 17:30"
    )
    for lang in ("fr", "es", "ru", "ar", "zh"):  # the chain said in every language
        assert "17" in found.text(lang) and "{" not in found.text(lang), lang
    assert {("sequence", "3/wg-1@end"), ("deadline", "3"), ("earliest-start", "wg-1")} <= set(
        found.instances
    )
