"""How a relaxation's solves are run (`models.explain_relax`): cheaply, and only when needed.

A relaxation's first timetable only has to exist, so it is solved as a check is (one presolve
pass, no probing, no symmetry detection, the default LP); its polishing solves keep that
presolve and their own LP; the reference's polish (the session's own preferences) only turns
probing off.
A distance solve is skipped when the answer so far already moves none of the reference's
parts: nothing can be closer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from ortools.sat.python import cp_model

from models import explain_relax
from models.explain_core import CHECK_PARAMETERS, Deadline, Solving, Verdict, instances_of
from models.explain_horizon import Horizon, horizon, wide_model
from models.explain_relax import (
    REFERENCE_PRESOLVE,
    RELAXATION_PRESOLVE,
    Relaxation,
    reference,
    relax,
)
from models.parameters import LINEARIZATION_LEVEL
from scheduler.rules import RuleInstance
from tests.conftest import cop9_data, make_session
from tests.explain.dropping import DETERMINISTIC

Key = tuple[str, str]
Part = tuple[str, dt.date, str]  # (activity, date, period) of one part
BUDGET: Key = ("interpretation-budget", "session")
ORDER: Key = ("agenda-order", "plenary")
FIXED: Key = ("fixed-start", "8")
PRESOLVE = ("max_presolve_iterations", "cp_model_probing_level", "symmetry_level")


def _run() -> Solving:
    return Solving(Deadline(None), workers=1, seed=0, deterministic=DETERMINISTIC)


def _instance(h: Horizon, key: Key) -> RuleInstance:
    return next(i for i in instances_of(h) if i.key == key)


def _item_8_fixed_early(published: bool) -> Horizon:
    """COP9 with item 8 fixed on Tuesday morning: it cannot keep the Plenary's agenda order."""
    data = cop9_data()
    if not published:
        data["published"] = None
    next(i for i in data["items"] if i["id"] == "8")["fixed_start"] = "2018-10-16T10:00"
    return horizon(make_session(data))


def _budget_11(published: bool) -> Horizon:
    data = cop9_data()
    if not published:
        data["published"] = None
    data["interpretation"]["budget"] = 11
    return horizon(make_session(data))


@pytest.fixture
def solves(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bool, dict[str, int]]]:
    """Each solve's (has an objective, its presolve and LP settings), in order."""
    seen: list[tuple[bool, dict[str, int]]] = []
    original = cp_model.CpSolver.solve

    def spied(self: cp_model.CpSolver, model: cp_model.CpModel, *args: Any) -> Any:
        names = (*PRESOLVE, "linearization_level")
        seen.append((model.proto.has_objective(), {n: getattr(self.parameters, n) for n in names}))
        return original(self, model, *args)

    monkeypatch.setattr(cp_model.CpSolver, "solve", spied)
    return seen


def _defaults() -> dict[str, int]:
    params = cp_model.CpSolver().parameters
    return {n: getattr(params, n) for n in PRESOLVE}


def test_the_reference_s_first_timetable_is_a_check_and_its_polish_only_skips_probing(
    solves: list[tuple[bool, dict[str, int]]],
) -> None:
    h = _item_8_fixed_early(published=False)
    conflict = [_instance(h, ORDER), _instance(h, FIXED)]
    assert reference(h, conflict, _run())
    first, polish = solves
    assert first == (False, CHECK_PARAMETERS)
    wanted = {**_defaults(), **REFERENCE_PRESOLVE, "linearization_level": LINEARIZATION_LEVEL}
    assert polish == (True, wanted)
    assert polish[1]["cp_model_probing_level"] == 0
    assert polish[1]["max_presolve_iterations"] > 1  # the full presolve otherwise


def test_a_relaxation_finds_its_timetable_as_a_check_and_polishes_on_a_light_presolve(
    solves: list[tuple[bool, dict[str, int]]],
) -> None:
    """The agenda order dropped, no reference: a first timetable, then the fewest swaps."""
    h = _item_8_fixed_early(published=False)
    found = relax(h, _instance(h, ORDER), _run(), share=60.0)
    assert found.verdict is Verdict.FEASIBLE and found.amount == 1
    (first, *later) = solves
    assert first == (False, CHECK_PARAMETERS)
    assert later
    for has_objective, params in later:
        assert has_objective
        assert {n: params[n] for n in PRESOLVE} == RELAXATION_PRESOLVE
        assert params["linearization_level"] > 0  # the polish keeps an LP


def _budget_dropped() -> tuple[Horizon, RuleInstance, Solving, Relaxation, list[Part]]:
    """COP9 with a budget of 11, the budget dropped with no reference: the horizon, the
    instance, the run (its solves counted), the relaxation and its timetable's parts."""
    h = _budget_11(published=False)
    inst = _instance(h, BUDGET)
    alone = _run()
    plain = relax(h, inst, alone, share=60.0)
    assert plain.timetable is not None
    return h, inst, alone, plain, sorted((p.activity, p.date, p.period) for p in plain.timetable)


def test_no_distance_solve_when_the_answer_so_far_moves_none_of_the_reference() -> None:
    """The budget dropped: its own answer as the reference is already as close as can be."""
    h, inst, alone, _, parts = _budget_dropped()
    own = frozenset(parts)
    run = _run()
    again = relax(h, inst, run, share=60.0, reference=own)
    assert run.solves == alone.solves  # no solve for the distance
    assert again.timetable is not None
    assert frozenset((p.activity, p.date, p.period) for p in again.timetable) == own


def test_a_distance_solve_when_the_answer_so_far_moves_some_of_the_reference() -> None:
    """The same relaxation asked to stay close to its own answer with two of the Plenary's
    parts swapped: one more solve, the measure held, and no fewer of the parts kept."""
    h, inst, alone, plain, parts = _budget_dropped()
    own = list(parts)
    plenary = {a.id for a in h.session.activities if a.body == "plenary"}
    first = next(n for n, (a, _, _) in enumerate(own) if a in plenary)
    second = next(n for n, (a, d, p) in enumerate(own)
                  if a in plenary and a != own[first][0] and (d, p) != own[first][1:])  # fmt: skip
    (a, d, p), (b, e, q) = own[first], own[second]
    own[first], own[second] = (a, e, q), (b, d, p)
    swapped = frozenset(own)
    run = _run()
    closer = relax(h, inst, run, share=60.0, reference=swapped)
    assert run.solves == alone.solves + 1
    assert closer.timetable is not None
    assert closer.amount == plain.amount  # the measure held where it was
    kept = frozenset((p.activity, p.date, p.period) for p in closer.timetable) & swapped
    assert len(kept) >= len(frozenset(parts) & swapped)


@pytest.fixture
def small_is_large(monkeypatch: pytest.MonkeyPatch) -> None:
    """COP9 treated as a session the solver starts from a first fit."""
    monkeypatch.setattr(explain_relax, "FIRST_FIT_FROM", 0)


def _hard_alone(h: Horizon, dropped: Key) -> int:
    return len(wide_model(h, dropped=[dropped], preferences=False).model.proto.variables)


def test_a_large_session_s_drop_that_leaves_a_conflict_is_decided_by_the_check_alone(
    small_is_large: None, spied_models: list[tuple[bool, int]]
) -> None:
    """A budget of 11 and item 8 fixed before its turn: without the budget the agenda order
    still cannot hold. The first fit does not answer; the check (hard rules alone) says no
    timetable, and its verdict is the answer."""
    data = cop9_data()
    data["published"] = None
    data["interpretation"]["budget"] = 11
    next(i for i in data["items"] if i["id"] == "8")["fixed_start"] = "2018-10-16T10:00"
    h = horizon(make_session(data))
    run = _run()
    found = relax(h, _instance(h, BUDGET), run, share=60.0)
    assert found.verdict is Verdict.INFEASIBLE
    assert spied_models[-1] == (False, _hard_alone(h, BUDGET))  # the check decided
    assert run.checked[frozenset(i.key for i in instances_of(h) if i.key != BUDGET)] is (
        Verdict.INFEASIBLE
    )


def test_a_large_session_s_drop_that_gives_a_timetable_goes_on_from_the_check_s(
    small_is_large: None, spied_models: list[tuple[bool, int]]
) -> None:
    """Item 8 fixed before its turn, the agenda order dropped: the check finds a timetable,
    the relaxation's model (preferences and measure) then answers from it."""
    h = _item_8_fixed_early(published=False)
    found = relax(h, _instance(h, ORDER), _run(), share=60.0)
    assert found.verdict is Verdict.FEASIBLE and found.amount == 1
    assert spied_models[0] == (False, _hard_alone(h, ORDER))
    assert any(n > spied_models[0][1] for _, n in spied_models[1:])  # the fuller model


@pytest.fixture
def spied_models(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bool, int]]:
    """Each solve's (has an objective, variables in its model), in order."""
    seen: list[tuple[bool, int]] = []
    original = cp_model.CpSolver.solve

    def spied(self: cp_model.CpSolver, model: cp_model.CpModel, *args: Any) -> Any:
        seen.append((model.proto.has_objective(), len(model.proto.variables)))
        return original(self, model, *args)

    monkeypatch.setattr(cp_model.CpSolver, "solve", spied)
    return seen


# --- another conflict remains: its reason from the session's own pre-checks ----------------


def _without_budget_and_order(
    monkeypatch: pytest.MonkeyPatch, findings_name_it: bool
) -> tuple[Relaxation, list[object]]:
    """Dropping the plenary's agenda order from COP9 with a budget of 11: another conflict
    remains (the budget, whose findings do not name the order). `_without` says which, from
    the findings the run holds when one of them does not name the dropped rule; else it runs
    the pre-checks again without it (recorded)."""
    from scheduler.prechecks import precheck

    data = cop9_data()
    data["interpretation"]["budget"] = 11
    h = horizon(make_session(data))
    run = _run()
    run.findings = precheck(h.session)
    assert run.findings and not any(ORDER in f.instances for f in run.findings)
    if findings_name_it:  # as if each proof needed the order: none holds without it
        run.findings = [replace(f, instances=(*f.instances, ORDER)) for f in run.findings]
    again: list[object] = []

    def recorded(*args: Any, **kwargs: Any) -> list[Any]:
        again.append(kwargs.get("active"))
        return precheck(*args, **kwargs)

    monkeypatch.setattr(explain_relax, "precheck", recorded)
    found = explain_relax._without(h, _instance(h, ORDER), cp_model.INFEASIBLE, run)
    return found, again


def test_another_conflict_is_read_from_the_findings_that_do_not_name_the_rule(monkeypatch):
    found, again = _without_budget_and_order(monkeypatch, findings_name_it=False)
    assert found.verdict is Verdict.INFEASIBLE
    assert found.message.key == "explain.relax.not-enough-because"
    assert not again  # no pre-checks run again: 1.3 s each on the climate session


def test_findings_that_all_name_the_rule_are_checked_again_without_it(monkeypatch):
    found, again = _without_budget_and_order(monkeypatch, findings_name_it=True)
    assert len(again) == 1 and again[0] is not None and not again[0](ORDER)
    assert found.verdict is Verdict.INFEASIBLE
