"""What dropping a rule allows is shown on the timetable closest to the session's own.

COP9 with item 8 fixed on Tuesday 10:00: the agenda order cannot hold (items 1 to 7 do not
fit on Monday). Dropping the order needs one swap only (item 8 before item 7, the rest in
order), not the several an arbitrary timetable shows; dropping the fixed start puts item 8
back where the published grid has it. A published grid whose rows fall on a day cut from the
session does not stop the explanation either.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from models.explain import Explanation, explain
from scheduler.cli import app
from scheduler.errors import ExitCode
from scheduler.validation import validate
from tests.conftest import cop9_data, make_session
from tests.explain.dropping import DETERMINISTIC, decide, drop_rules

pytestmark = pytest.mark.slow  # COP9 explained, a few solves


def _item_8_on_tuesday() -> dict[str, Any]:
    data = cop9_data()
    next(i for i in data["items"] if i["id"] == "8")["fixed_start"] = "2018-10-16T10:00"
    return data


@pytest.fixture(scope="module")
def order() -> tuple[dict[str, Any], Explanation]:
    data = _item_8_on_tuesday()
    found = explain(make_session(data), deterministic_time=DETERMINISTIC, workers=1, seed=0)
    return data, found


def test_the_conflict_is_the_order_and_the_fixed_start(order):
    data, found = order
    assert {i.key for i in found.conflict} == {("agenda-order", "plenary"), ("fixed-start", "8")}
    assert found.every_drop_works
    for r in found.relaxations:  # checked by editing the file and solving again
        relaxed = make_session(drop_rules(data, [r.instance.key]))
        assert r.timetable is not None and validate(relaxed, r.timetable).ok
        assert decide(relaxed).timetable is not None


def test_dropping_the_order_lists_the_fewest_swaps(order):
    _, found = order
    (dropped,) = [r for r in found.relaxations if r.instance.rule == "agenda-order"]
    assert dropped.amount == 1
    assert dropped.text() == "dropping it gives a timetable: Plenary takes item 8 before item 7"


def test_dropping_the_fixed_start_keeps_item_8_where_the_grid_has_it(order):
    data, found = order
    (dropped,) = [r for r in found.relaxations if r.instance.rule == "fixed-start"]
    published = {(p["date"], p["period"]) for p in data["published"] if p["activity"] == "8"}
    assert dropped.timetable is not None
    assert {(p.date, p.period) for p in dropped.timetable.parts_of("8")} == {
        (d if not isinstance(d, str) else yaml.safe_load(d), period) for d, period in published
    }


def test_a_published_grid_on_a_day_cut_from_the_session_does_not_stop_explain(tmp_path):
    """COP9 without its Friday: the grid's five Friday rows are left out, not an error."""
    data = cop9_data()
    data["session"]["days"] = [d for d in data["session"]["days"] if str(d) != "2018-10-19"]
    path = tmp_path / "cop9-four-days-published.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["explain", str(path), "--lang", "en", "--deterministic-time", str(DETERMINISTIC)]
    )
    assert result.exit_code == ExitCode.INFEASIBLE, result.output
    assert "The published grid's 5 rows on days the session no longer has are left out." in (
        result.output
    )
    assert "1. 4 working days, Monday 15 October to Thursday 18 October" in result.output
