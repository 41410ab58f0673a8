"""Rule instances: what the planner wrote, each switchable (guarded) or removable (dropped)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from models import RuleInstance, SessionModel
from scheduler.result import SolveStatus
from scheduler.rules import HARD_RULE_NAMES
from scheduler.session import Session
from tests.conftest import make_session
from tests.models.support import MON, item, slots, solve_data, tiny


def _by_key(model: SessionModel) -> dict[tuple[str, str], RuleInstance]:
    return {(i.rule, i.subject): i for i in model.instances}


class TestRegistry:
    def test_cop9_instances(self, cop9: Session) -> None:
        found = _by_key(SessionModel(cop9))
        assert found[("first-last", "9")].text("en") == "item 9 is last"
        assert found[("first-last", "1a")].text("en") == "item 1a is first"
        assert found[("deadline", "wg-ic-10")].text("en") == (
            "Working Group on International Cooperation: ends by Thursday 18 October 12:00"
        )
        assert found[("deadline", "wg-ic-10")].text("fr") == (
            "Groupe de travail sur la coopération internationale : se termine au plus tard "
            "le jeudi 18 octobre à 12 heures"
        )
        assert found[("interpretation-budget", "session")].text("en") == (
            "at most 20 interpreted meetings"
        )
        assert found[("interpretation-teams", "session")].text("en") == (
            "at most 2 interpreted meetings at once"
        )
        assert found[("parallel-cap", "session")].text("en") == "at most 2 meetings at once"
        assert found[("fixed-start", "1a")].text("en") == "item 1a: starts Monday 15 October 10:00"
        assert (
            found[("held-on-date", "wg-ic-10")]
            .text("en")
            .endswith("must be held on Tuesday 16 October")
        )
        assert ("held-on-date", "informal-consultations") in found
        assert ("not-in-parallel", "wg-ic-10/4") in found
        assert ("agenda-order", "plenary") in found
        assert ("agenda-order", "wg-ic") not in found  # a single activity has no order to keep

    def test_rules_are_registry_names_in_registry_order(self, cop9: Session) -> None:
        rules = [i.rule for i in SessionModel(cop9).instances]
        assert set(rules) <= set(HARD_RULE_NAMES)
        assert rules == sorted(rules, key=HARD_RULE_NAMES.index)

    def test_share_and_run_on_instances(self) -> None:
        data = tiny()
        item(data, "3").update(share=False, run_on=False)
        found = _by_key(SessionModel(make_session(data)))
        assert found[("no-sharing", "3")].text("fr") == "le point 3 ne partage pas ses séances"
        assert found[("no-running-on", "3")].text("en") == "item 3 is taken in one meeting"
        assert ("no-sharing", "wg-1") not in found  # whole meetings share nothing anyway


def _unreachable_deadline() -> dict[str, object]:
    data = tiny()
    item(data, "wg-1")["latest_end"] = "2030-03-04T12:00"  # a whole meeting cannot end by noon
    return data


class TestDropped:
    def test_dropping_the_culprit_restores_feasibility(self) -> None:
        data = _unreachable_deadline()
        assert solve_data(data)[1].status is SolveStatus.INFEASIBLE
        _, result = solve_data(data, dropped=[("deadline", "wg-1")])
        assert result.status is SolveStatus.OPTIMAL

    def test_dropping_another_instance_does_not(self) -> None:
        data = _unreachable_deadline()
        _, result = solve_data(data, dropped=[("not-in-parallel", "wg-1/2")])
        assert result.status is SolveStatus.INFEASIBLE

    def test_dropped_agenda_order_frees_the_order(self) -> None:
        data = tiny()
        item(data, "3")["preferred"] = [{"date": "2030-03-04", "period": "AM"}]
        model = SessionModel(make_session(data), dropped=[("agenda-order", "plenary")])
        assert model.variables.layout["plenary"] == "starts"
        _, result = solve_data(data, dropped=[("agenda-order", "plenary")])
        assert slots(result, "3") == [(MON, "AM")]

    def test_a_dropped_date_is_not_pruned(self, cop9: Session) -> None:
        hard = SessionModel(cop9)
        assert {s.date.day for s in hard.variables.slots["wg-ic-10"]} == {16}
        dropped = SessionModel(cop9, dropped=[("held-on-date", "wg-ic-10")])
        # Thursday 18 still goes: whole meetings there end after the Thursday-noon deadline.
        assert {s.date.day for s in dropped.variables.slots["wg-ic-10"]} == {15, 16, 17}


class TestGuarded:
    def test_one_guard_per_instance_and_none_unguarded(self, cop9: Session) -> None:
        guarded = SessionModel(cop9, guarded=True)
        assert set(guarded.guards) == set(guarded.instances)
        assert SessionModel(cop9).guards == {}

    def test_guarded_cop9_solves_to_the_same_optimum(self, cop9: Session) -> None:
        result = SessionModel(cop9, guarded=True).solve(workers=1, seed=0)
        assert result.status is SolveStatus.OPTIMAL and result.objective == 65

    def test_guarded_instances_are_not_pruned(self, cop9: Session) -> None:
        guarded = SessionModel(cop9, guarded=True)
        assert len(guarded.variables.slots["wg-ic-10"]) == 10
        assert len(guarded.variables.slots["1a"]) == 10

    def test_switching_one_guard_off_lifts_exactly_that_instance(self) -> None:
        model = SessionModel(make_session(_unreachable_deadline()), guarded=True)
        assert model.solve(workers=1, seed=0).status is SolveStatus.INFEASIBLE
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        by_key = _by_key(model)
        deadline = model.guards[by_key[("deadline", "wg-1")]]
        others = [g for i, g in model.guards.items() if i.key != ("deadline", "wg-1")]
        model.model.clear_assumptions()
        model.model.add_assumptions(others)
        assert solver.solve(model.model) == cp_model.OPTIMAL
        assert solver.value(deadline) == 0
        model.model.clear_assumptions()
        model.model.add_assumptions([*others, deadline])
        assert solver.solve(model.model) == cp_model.INFEASIBLE
        assert deadline.index in solver.sufficient_assumptions_for_infeasibility()

    def test_guards_on_reproduce_the_unguarded_answers(self) -> None:
        for data in (tiny(), _unreachable_deadline()):
            _, plain = solve_data(data)
            _, guarded = solve_data(data, guarded=True)
            assert (guarded.status, guarded.objective) == (plain.status, plain.objective)
