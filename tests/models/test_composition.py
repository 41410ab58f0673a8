"""`SessionModel` is composed of modules `Context -> [PenaltyTerm]`, with a public objective API.

The session's own model is the hard rules then the preferences; a caller adds modules (a
re-plan's pins and changes, an explanation's calendar) and chooses what to minimise, never
reaching into the model's fields.
"""

from __future__ import annotations

from models import SessionModel
from models.bounds import BOUNDS
from models.constraints import HARD_CONSTRAINTS
from models.context import Context, PenaltyTerm, sum_of
from models.model import hard_modules, session_modules
from models.objective import PREFERENCE_TERMS
from scheduler.result import SolveStatus
from scheduler.validation import validate
from tests.conftest import make_session
from tests.models.support import MON, tiny

QUICK = {"workers": 1, "seed": 0, "time_limit": 20}


def _preferences(model: SessionModel) -> list[PenaltyTerm]:
    return [t for group in model.penalty_terms.values() for t in group]


def test_the_session_model_is_the_hard_rules_then_the_preferences() -> None:
    model = SessionModel(make_session(tiny()))
    assert list(model.modules) == [*HARD_CONSTRAINTS, *PREFERENCE_TERMS, *BOUNDS]
    assert list(session_modules()) == list(model.modules)
    assert all(model.terms[name] == [] for name in hard_modules())
    assert list(model.penalty_terms) == list(PREFERENCE_TERMS)


def test_a_hard_module_adds_its_rule() -> None:
    def nothing_on_monday(ctx: Context) -> list[PenaltyTerm]:
        """Hard: the debate (item 2) is not taken on Monday."""
        for s, part in ctx.v.parts_of("2"):
            if s.date == MON:
                ctx.clause([~part])
        return []

    session = make_session(tiny())
    model = SessionModel(session, {**session_modules(), "tuesday-debate": nothing_on_monday})
    result = model.solve(**QUICK)
    assert result.status is SolveStatus.OPTIMAL and result.timetable is not None
    assert {p.date for p in result.timetable.parts_of("2")} and all(
        p.date != MON for p in result.timetable.parts_of("2")
    )
    assert validate(session, result.timetable).ok


def test_a_module_s_terms_are_kept_but_only_preferences_are_the_objective() -> None:
    def meetings(ctx: Context) -> list[PenaltyTerm]:
        return [PenaltyTerm("meetings[all]", sum_of(h for _, _, h in ctx.meetings()), 1)]

    session = make_session(tiny())
    model = SessionModel(session, {**session_modules(), "meeting-count": meetings})
    assert [t.name for t in model.terms["meeting-count"]] == ["meetings[all]"]
    assert "meeting-count" not in model.penalty_terms
    result = model.solve(**QUICK)
    assert set(result.penalties) == set(PREFERENCE_TERMS)
    assert result.objective == sum(result.penalties.values())


def test_minimize_bound_and_minimize_again() -> None:
    """Fewest meetings first; held there, the preferences: a lexicographic pair of solves."""

    def meetings(ctx: Context) -> list[PenaltyTerm]:
        return [PenaltyTerm("meetings[all]", sum_of(h for _, _, h in ctx.meetings()), 1)]

    session = make_session(tiny())
    model = SessionModel(session, {**session_modules(), "meetings": meetings})
    model.minimize(model.terms["meetings"])
    first = model.solve(**QUICK)
    assert first.status is SolveStatus.OPTIMAL and first.timetable is not None
    fewest = round(first.objective or 0)
    assert fewest == len(first.timetable.meetings())
    model.bound(model.objective_expr(), fewest)
    model.minimize(_preferences(model))
    second = model.solve(hint=first.timetable, **QUICK)
    assert second.status is SolveStatus.OPTIMAL and second.timetable is not None
    assert len(second.timetable.meetings()) == fewest
    assert second.objective == sum(second.penalties.values())


def test_clear_objective_asks_for_any_timetable() -> None:
    model = SessionModel(make_session(tiny()))
    model.clear_objective()
    assert str(model.objective_expr()) == "0"
    result = model.solve(**QUICK)
    assert result.status.has_timetable and result.timetable is not None


def test_hint_replaces_the_earlier_hint_and_may_hint_rooms() -> None:
    data = tiny()
    next(b for b in data["bodies"] if b["id"] == "wg")["rooms"] = ["small", "hall"]
    model = SessionModel(make_session(data))
    timetable = model.solve(**QUICK).timetable
    assert timetable is not None
    model.hint(timetable)
    parts_only = len(model.model.proto.solution_hint.vars)
    model.hint(timetable, rooms=True)  # replaces: no variable is hinted twice
    hinted = list(model.model.proto.solution_hint.vars)
    assert len(hinted) == len(set(hinted)) > parts_only
    v = model.variables
    rooms = {var.index for (body, _, _), var in v.room.items() if body == "wg"}
    assert len(rooms) > 1 and rooms <= set(hinted)
    again = model.solve(**QUICK)  # the hint given stays for the next solve
    assert again.status is SolveStatus.OPTIMAL


def test_timetable_reads_a_solution() -> None:
    from ortools.sat.python import cp_model

    model = SessionModel(make_session(tiny()))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert model.solve_with(solver) == cp_model.OPTIMAL
    timetable = model.timetable(solver.value)
    assert validate(model.session, timetable).ok


def test_the_shared_queries_read_the_grid() -> None:
    data = tiny()
    next(b for b in data["bodies"] if b["id"] == "wg")["interpreted"] = False
    model = SessionModel(make_session(data))
    ctx, v = model.context, model.variables
    meetings = ctx.meetings()
    assert [(b, s.index) for b, s, _ in meetings] == list(v.held)
    assert {b for b, _, _ in ctx.meetings(interpreted_only=True)} == {"plenary"}
    per_slot = ctx.meetings_per_slot()
    assert sum(len(h) for h in per_slot.values()) == len(meetings)
    assert {len(h) for h in ctx.meetings_per_slot(interpreted_only=True).values()} == {1}
    per_day = ctx.meetings_per_day("plenary")
    assert sorted(per_day) == sorted({s.date for s in v.body_slots["plenary"]})
    assert [s.index for s, _ in v.parts_of("2")] == [s.index for s in v.slots["2"]]
    assert all(part is v.part[("2", s.index)] for s, part in v.parts_of("2"))
