"""The budget counted part by part (`scheduler.prechecks.parts`): per way of keeping a body's
minutes apart, a session at the boundary that holds and one a meeting beyond it that is
refused, confirmed by the solver.

The tiny session: the plenary's 350 minutes fit in 2 meetings of 180 when they share freely
(items 1, 2, 3 and 4: 60, 200, 30 and 60 minutes), the working group needs 1: 3 in all.
"""

from __future__ import annotations

from typing import Any

from scheduler.prechecks import DAYS
from tests.conftest import tiny_data
from tests.prechecks.checking import only, silent

BUDGET = ("interpretation-budget", "session")
AGENDA = ("agenda-order", "plenary")


def _tiny(budget: int) -> dict[str, Any]:
    data = tiny_data()
    data["interpretation"]["budget"] = budget
    next(i for i in data["items"] if i["id"] == "2")["minutes"] = 200
    return data


def _item(data: dict[str, Any], ident: str) -> dict[str, Any]:
    item = next(i for i in data["items"] if i["id"] == ident)
    assert isinstance(item, dict)
    return item


def _item_3_fixed_on_tuesday(budget: int) -> dict[str, Any]:
    """Items 1 and 2 (260 minutes) before Tuesday 10:00 in the agenda, items 3 and 4 (90)
    from then on: 2 + 1 plenary meetings."""
    data = _tiny(budget)
    _item(data, "3")["fixed_start"] = "2030-03-05T10:00"
    return data


def test_minutes_kept_apart_by_a_fixed_start_need_meetings_of_their_own() -> None:
    silent(_item_3_fixed_on_tuesday(budget=4))
    found = only(_item_3_fixed_on_tuesday(budget=3), "budget-parts")
    assert found.text() == (
        "the interpreted bodies need at least 4 meetings (Plenary 3: 260 minutes from Monday"
        " 4 March 10:00 to Monday 4 March 18:00 (2 meetings of at most 180 minutes), 90"
        " minutes from Tuesday 5 March 10:00 on (1 meeting of at most 180 minutes); Working"
        " group 1); the budget is 3"
    )
    # Neither the days (more days would give periods of 180 minutes too) nor the first and
    # last marks are needed.
    assert set(found.instances) == {BUDGET, AGENDA, ("fixed-start", "3")}


def test_a_fixed_start_inside_a_period_keeps_nothing_apart() -> None:
    """Item 3 fixed at Monday 16:20: the end of item 2 and items 3 and 4 share Monday PM
    (item 4 no longer last, so not after the working group's meeting on Tuesday)."""
    data = _item_3_fixed_on_tuesday(budget=3)
    _item(data, "3")["fixed_start"] = "2030-03-04T16:20"
    del _item(data, "4")["last"]
    silent(data)


def _item_2_a_whole_meeting(budget: int) -> dict[str, Any]:
    """Item 2 a whole meeting between item 1 (60 minutes) and items 3 and 4 (90)."""
    data = _tiny(budget)
    item = _item(data, "2")
    del item["minutes"]
    item["meetings"] = 1
    return data


def test_minutes_kept_apart_by_a_whole_meeting_in_the_agenda_need_meetings_of_their_own() -> None:
    silent(_item_2_a_whole_meeting(budget=4))
    found = only(_item_2_a_whole_meeting(budget=3), "budget-parts")
    assert "Plenary 3: 1 whole meeting, 60 minutes" in found.text()
    assert "kept apart by whole meetings in its agenda" in found.text()
    assert set(found.instances) == {BUDGET, AGENDA}


def test_in_free_order_a_whole_meeting_keeps_nothing_apart() -> None:
    data = _item_2_a_whole_meeting(budget=3)
    data["bodies"][0]["order"] = "free"
    for item in data["items"]:
        item.pop("first", None)
        item.pop("last", None)
    silent(data)


def test_an_item_that_may_not_share_is_a_part_of_its_own() -> None:
    data = _tiny(budget=3)
    _item(data, "3")["share"] = False  # 30 minutes alone: 320 + 30 in 2 + 1 meetings
    found = only(data, "budget-parts")
    assert ("no-sharing", "3") in found.instances
    assert DAYS not in found.instances


def test_the_plain_count_is_said_alone_when_it_is_enough() -> None:
    """Beyond the budget even sharing freely: the plain count's finding, not this one."""
    found = only(_item_3_fixed_on_tuesday(budget=2), "budget")
    assert found.instances == (BUDGET,)


def test_every_language_says_the_parts() -> None:
    found = only(_item_3_fixed_on_tuesday(budget=3), "budget-parts")
    texts = {lang: found.text(lang) for lang in ("ar", "zh", "en", "fr", "ru", "es")}
    assert len(set(texts.values())) == 6
    assert all("260" in t and "{" not in t for t in texts.values()), texts
    assert "1 séance d’au plus 180 minutes" in texts["fr"]


def _item_3_due_early_on_tuesday(debate_minutes: int, budget: int) -> dict[str, Any]:
    """Item 3 (30 minutes) between Tuesday 15:00 and 16:00: items 1 and 2 end by 15:30, with
    only half an hour of Tuesday afternoon for them."""
    data = _tiny(budget)
    _item(data, "2")["minutes"] = debate_minutes
    _item(data, "3")["earliest_start"] = "2030-03-05T15:00"
    _item(data, "3")["latest_end"] = "2030-03-05T16:00"
    return data


def test_an_agenda_cut_by_a_deadline_needs_meetings_on_each_side() -> None:
    """Items 1 and 2 take 400 minutes: three mornings and afternoons of 180 hold them, but not
    two with Tuesday afternoon's half hour; items 3 and 4 need Tuesday afternoon: 4 meetings
    of the plenary where the plain count (490 minutes) says 3."""
    silent(_item_3_due_early_on_tuesday(debate_minutes=340, budget=5))
    found = only(_item_3_due_early_on_tuesday(debate_minutes=340, budget=4), "budget-parts")
    assert found.text() == (
        "the interpreted bodies need at least 5 meetings (Plenary 4: 490 minutes (4 meetings:"
        " the 400 minutes before item 3 need 3 meetings, 4 if they share one with the 90"
        " minutes from item 3 on, which need 1 meeting); Working group 1); the budget is 4,"
        " since item 3 starts no later than Tuesday 5 March 15:30"
    )
    # the days too, though more days would not help: the cut is not counted where days past
    # the last may be used (naming one instance more than needed is still sound)
    assert set(found.instances) == {
        BUDGET, AGENDA, ("earliest-start", "3"), ("deadline", "3"), DAYS,
    }  # fmt: skip


def test_a_cut_that_leaves_room_on_both_sides_counts_nothing_more() -> None:
    """With 10 minutes less of item 2, two periods and Tuesday's half hour hold items 1 and 2
    (370 minutes), so sharing that afternoon costs nothing: 3 meetings, within a budget of 4."""
    silent(_item_3_due_early_on_tuesday(debate_minutes=310, budget=4))


def _group_after_item_3(budget: int) -> dict[str, Any]:
    """The working group's meeting starts once item 3 has ended, and item 4 is last: item 4
    ends after the group's meeting, which is in a period after the one item 3 ends in. Items
    1 to 3 (300 minutes) need 2 meetings; item 4 (60) would fit in the second, but cannot."""
    data = _tiny(budget)
    _item(data, "2")["minutes"] = 210
    data["meetings"][0]["after_end_of"] = ["3"]
    return data


def test_what_must_end_after_another_body_s_meeting_needs_a_meeting_of_its_own() -> None:
    silent(_group_after_item_3(budget=4))
    found = only(_group_after_item_3(budget=3), "budget-parts")
    assert found.text() == (
        "the interpreted bodies need at least 4 meetings (Plenary 3: 360 minutes (3 meetings:"
        " the 270 minutes before item 3 need 2 meetings, 2 if they share one with the 90"
        " minutes from item 3 on, which need 1 meeting, 2 then, as item 4 ends after that"
        " meeting); Working group 1); the budget is 3"
    )  # the first cut that counts the most: item 2 ends before item 3, item 3 before the group
    assert {BUDGET, AGENDA, ("sequence", "wg-1/3@end"), ("first-last", "4")} <= set(found.instances)
