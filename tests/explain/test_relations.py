"""Explanations name the relations across bodies and the caps on a body's calendar.

Each session below is the tiny one made infeasible by one of the rules of
`models/relations.py`; its explanation must name that rule's instance, in its own words.
"""

from __future__ import annotations

from typing import Any

from models.explain import Explanation, explain
from tests.conftest import make_session, tiny_data
from tests.explain.dropping import DETERMINISTIC

Key = tuple[str, str]


def _explain(data: dict[str, Any]) -> Explanation:
    session = make_session(data)
    return explain(session, deterministic_time=DETERMINISTIC, workers=1, seed=0)


def _keys(found: Explanation) -> set[Key]:
    return {i.key for i in found.conflict}


def test_in_parallel_with_an_item_of_another_day():
    data = tiny_data()
    data["meetings"][0].update(in_parallel_with=["1"], dates=["2030-03-05"])  # item 1: Monday
    found = _explain(data)
    assert found.status == "infeasible"
    assert ("in-parallel", "wg-1/1") in _keys(found)
    assert "Working group is held while item 1 meets" in found.text()


def test_after_the_start_of_an_item_that_comes_later():
    data = tiny_data()  # 390 plenary minutes: item 4 is held on Tuesday
    data["meetings"][0].update(after_start_of=["4"], dates=["2030-03-04"])
    found = _explain(data)
    assert found.status == "infeasible"
    assert ("sequence", "wg-1/4@start") in _keys(found)
    assert "Working group: starts no earlier than item 4" in found.text()
    relaxed = next(r for r in found.relaxations if r.instance.rule == "sequence")
    assert "Working group: Monday 4 March" in relaxed.text() and "item 4:" in relaxed.text()


def test_max_days_too_few_for_the_plenary():
    data = tiny_data()
    data["bodies"][0]["max_days"] = 1  # 390 minutes, 360 a day
    found = _explain(data)
    assert found.status == "infeasible"
    assert ("max-days", "plenary") in _keys(found)
    assert "Plenary: meets on at most 1 day" in found.text()
    (relaxation,) = found.relaxations
    assert relaxation.amount == 2
    assert relaxation.text() == (
        "dropping it gives a timetable: Plenary then meets on 2 days "
        "(Monday 4 March and Tuesday 5 March)"
    )


def test_no_remote_interpretation_for_a_remote_body():
    data = tiny_data()
    data["interpretation"]["remote_teams"] = 0
    data["bodies"][1]["mode"] = "remote"
    found = _explain(data)
    assert found.status == "infeasible"
    assert _keys(found) == {("remote-capacity", "session")}
    assert "at most 0 hybrid or remote interpreted meetings at once" in found.text()
    (relaxation,) = found.relaxations
    assert relaxation.amount == 1
    assert relaxation.text() == (
        "dropping it gives a timetable: up to 1 hybrid or remote interpreted meeting then runs "
        "at once"
    )
    assert "jusqu’à 1 séance hybride" in relaxation.text("fr")
