"""The model and the validator agree on in-parallel and sequence, over every pair of entries.

Each relation is set between every ordered pair of the tiny session's activities (and from
each activity to each body), and solved in both timing layouts: the layouts find the same
status and optimum, and every timetable passes the independent validator (`solve_data`).
The round-table variant adds a working-group period 14:00-17:00 that overlaps the plenary's
afternoon, where only clock times tell what runs in parallel or after what.
"""

from __future__ import annotations

from typing import Any

import pytest

from scheduler.result import SolveStatus
from tests.models.support import item, solve_data, tiny

ACTIVITIES = ("1", "2", "3", "4", "wg-1")
ENTRIES = (*ACTIVITIES, "plenary", "wg")
RELATIONS = ("in_parallel_with", "after_end_of", "after_start_of")


def _variant(name: str) -> dict[str, Any]:
    data = tiny()
    item(data, "wg-1")["not_in_parallel_with"] = []
    if name == "round-table":
        data["session"]["periods"].insert(
            1, {"id": "RT", "start": "14:00", "end": "17:00", "bodies": ["wg"]}
        )
    return data


@pytest.mark.parametrize("variant", ["tiny", "round-table"])
@pytest.mark.parametrize("relation", RELATIONS)
def test_both_layouts_and_the_validator_agree(relation: str, variant: str) -> None:
    statuses: set[SolveStatus] = set()
    for a in ACTIVITIES:
        for target in ENTRIES:
            if target == a:
                continue
            data = _variant(variant)
            item(data, a)[relation] = [target]
            offsets = solve_data(data, layout="offsets")[1]
            starts = solve_data(data, layout="starts")[1]
            assert (offsets.status, offsets.objective) == (starts.status, starts.objective), (
                a,
                target,
            )
            statuses.add(offsets.status)
    assert statuses <= {SolveStatus.OPTIMAL, SolveStatus.INFEASIBLE}
    assert SolveStatus.OPTIMAL in statuses
