"""An activity held only beside another body's meeting, against the teams and the cap
(`scheduler.prechecks.beside`): the UNGASS round tables, each held while the plenary meets."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from scheduler.prechecks import precheck
from scheduler.result import SolveStatus
from tests.conftest import make_session
from tests.explain.dropping import all_but, dropped
from tests.explain.test_independent_real import REAL

Data = dict[str, Any]
BESIDE = ("in-parallel", "rt1/plenary")


def _ungass(**interpretation: object) -> Data:
    data = yaml.safe_load((REAL / "ungass-2016.yaml").read_text(encoding="utf-8"))
    data["published"] = None
    data["interpretation"].update(interpretation)
    return data


def _beside(data: Data, check: str) -> list[Any]:
    return [
        f
        for f in precheck(make_session(data))
        if f.message.key == f"precheck.beside-{check}" and BESIDE in f.instances
    ]


def test_two_teams_serve_a_round_table_beside_the_plenary() -> None:
    assert not _beside(_ungass(), "teams")
    assert not _beside(_ungass(parallel_cap=2), "cap")


def test_one_team_cannot_serve_a_round_table_beside_the_plenary() -> None:
    (found,) = _beside(_ungass(teams=1), "teams")
    assert found.instances == (BESIDE, ("interpretation-teams", "session"))
    assert "2 interpreted meetings at once; there is 1 interpretation team" in found.text()
    assert "2 séances avec interprétation à la fois" in found.text("fr")


@pytest.mark.parametrize(
    ("check", "interpretation"), [("teams", {"teams": 1}), ("cap", {"parallel_cap": 1})]
)
def test_the_finding_s_rules_alone_have_no_timetable(check: str, interpretation: Data) -> None:
    """Every rule but the finding's dropped from the file (ten more days): still none."""
    data = _ungass(**interpretation)
    (found,) = _beside(data, check)
    session = make_session(data)
    _, result = dropped(data, session, all_but(session, found.instances))
    assert result.status is SolveStatus.INFEASIBLE


def test_a_round_table_beside_a_body_without_interpretation_needs_no_second_team() -> None:
    data = _ungass(teams=1)
    next(b for b in data["bodies"] if b["id"] == "plenary")["interpreted"] = False
    assert not _beside(data, "teams")
