"""The checks of an explanation's search (`models.explain_core.holds`): how each is solved.

A check asks "can these rule instances hold together, every other one dropped?". It is built
from the hard rules alone and solved with a light presolve (`CHECK_PARAMETERS`); it must still
tell a set that holds from one that cannot, also where no pre-check counts the conflict and
the solver has to prove it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from ortools.sat.python import cp_model

from models.explain_core import (
    CHECK_PARAMETERS,
    Deadline,
    Solving,
    Verdict,
    holds,
    instances_of,
    proven,
)
from models.explain_horizon import Horizon, horizon, wide_model
from tests.conftest import make_session
from tests.explain.dropping import DETERMINISTIC

REAL = Path(__file__).resolve().parents[2] / "instances" / "real"

Key = tuple[str, str]


def _run() -> Solving:
    return Solving(Deadline(None), workers=1, seed=0, deterministic=DETERMINISTIC)


def _enforced(h: Horizon, keys: set[Key]) -> list[Any]:
    chosen = [i for i in instances_of(h) if i.key in keys]
    assert {i.key for i in chosen} == keys
    return chosen


@pytest.fixture(scope="module")
def ungass_cap_1() -> Horizon:
    """UNGASS 2016 with one meeting at once: each round table held beside the plenary then
    queues with it for the same periods, a conflict the pre-checks do not count."""
    data = yaml.safe_load((REAL / "ungass-2016.yaml").read_text(encoding="utf-8"))
    data["interpretation"]["parallel_cap"] = 1
    return horizon(make_session(data))


def test_a_check_is_built_from_the_hard_rules_alone(tiny):
    h = horizon(tiny)
    checked = wide_model(h, preferences=False)
    assert checked.penalty_terms == {}
    assert not any(name.startswith("bound:") for name in checked.modules)
    assert "calendar" in checked.modules
    assert wide_model(h).penalty_terms  # the relaxations' model keeps the preferences


def test_a_check_solves_the_hard_rules_with_one_presolve_pass(tiny, monkeypatch):
    """One presolve pass, no probing, no symmetry detection, the default LP; no objective, no
    preference."""
    seen: list[tuple[dict[str, int], bool, int]] = []
    original = cp_model.CpSolver.solve

    def solve(self: cp_model.CpSolver, model: cp_model.CpModel, *args: Any) -> Any:
        params = {name: getattr(self.parameters, name) for name in LIGHT}
        seen.append((params, model.proto.has_objective(), len(model.proto.variables)))
        return original(self, model, *args)

    monkeypatch.setattr(cp_model.CpSolver, "solve", solve)
    h = horizon(tiny)
    assert holds(h, instances_of(h), _run()) is Verdict.FEASIBLE
    hard_alone = len(wide_model(h, preferences=False).model.proto.variables)
    assert seen == [(LIGHT, False, hard_alone)]
    assert hard_alone < len(wide_model(h).model.proto.variables)


LIGHT = {
    "max_presolve_iterations": 1,
    "cp_model_probing_level": 0,
    "symmetry_level": 0,
    "linearization_level": 1,
}
assert set(LIGHT) == set(CHECK_PARAMETERS)


def test_the_light_presolve_still_proves_a_conflict_no_pre_check_counts(ungass_cap_1, monkeypatch):
    """A round table beside the plenary under a cap of one: counted since by
    `scheduler.prechecks.beside`, so the counting is switched off here: the solver must tell."""
    monkeypatch.setattr("models.explain_core.precheck", lambda *args, **kwargs: [])
    h, run = ungass_cap_1, _run()
    conflict = _enforced(h, {("in-parallel", "rt1/plenary"), ("parallel-cap", "session")})
    assert proven(h, conflict, run) is None  # the solver, not the counting, must tell
    assert holds(h, conflict, run) is Verdict.INFEASIBLE
    assert run.solves == 1


def test_the_light_presolve_finds_the_timetable_of_a_set_that_holds(ungass_cap_1):
    h, run = ungass_cap_1, _run()
    assert holds(h, _enforced(h, {("parallel-cap", "session")}), run) is Verdict.FEASIBLE
    assert run.last is not None
