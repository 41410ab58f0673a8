"""The `MEASURES` registry: how far a dropped rule gives, one entry per rule or calendar part.

Each measure is an expression over the model's context; `relax` minimises it first. The
registry is keyed by rule name, and the calendar's instances by `days`, `evenings` and
`holiday` (their rule, `within-periods`, is one rule with three kinds of subject).
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from models.context import PenaltyTerm
from models.explain_core import instances_of
from models.explain_horizon import horizon, wide_model
from models.explain_relax import MEASURES, measure_key, measure_of
from scheduler.explore import drop_day, set_budget
from scheduler.rules import HARD_RULE_NAMES
from scheduler.session import Session
from tests.explain.dropping import DETERMINISTIC

CALENDAR = {"days", "evenings", "holiday"}


def test_every_measure_belongs_to_a_rule_or_a_part_of_the_calendar() -> None:
    assert set(MEASURES) - CALENDAR <= set(HARD_RULE_NAMES)
    assert set(MEASURES) >= CALENDAR
    assert all(f.__doc__ for f in MEASURES.values()), "each measure says what it counts"


def test_calendar_instances_are_keyed_by_their_kind(cop9: Session) -> None:
    session = drop_day(cop9, "2018-10-19")  # the calendar gives way only with evening periods
    h = horizon(session)
    kinds = {measure_key(i) for i in h.instances}
    assert "days" in kinds and kinds <= CALENDAR
    assert {measure_key(i) for i in instances_of(h) if i.rule != "within-periods"} <= set(
        HARD_RULE_NAMES
    )


def _minimum(session: Session, key: tuple[str, str]) -> int:
    """The smallest value of the dropped instance's measure (1 worker, fixed seed)."""
    h = horizon(session)
    (inst,) = [i for i in instances_of(h) if i.key == key]
    m = wide_model(h, dropped=[inst.key])
    measure = measure_of(m.context, h, inst)
    assert measure is not None
    m.minimize([PenaltyTerm(f"measure[{inst.rule}:{inst.subject}]", measure, 1)])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = DETERMINISTIC
    assert m.solve_with(solver) == cp_model.OPTIMAL
    return round(solver.objective_value)


def test_the_budget_s_measure_counts_interpreted_meetings(cop9: Session) -> None:
    """COP9 needs 12 interpreted meetings (README): a budget of 5 gives way by 7."""
    assert _minimum(set_budget(cop9, 5), ("interpretation-budget", "session")) == 12


def test_the_calendar_s_measures_are_zero_when_the_session_fits(cop9: Session) -> None:
    """COP9 fits its five days without evening meetings: nothing on an extra day or evening."""
    assert _minimum(cop9, ("within-periods", "days")) == 0
    assert _minimum(cop9, ("within-periods", "evenings")) == 0


def test_a_rule_without_a_measure_has_none(cop9: Session) -> None:
    h = horizon(cop9)
    inst = next(i for i in instances_of(h) if i.rule == "first-last")
    m = wide_model(h, dropped=[inst.key])
    assert measure_key(inst) not in MEASURES
    assert measure_of(m.context, h, inst) is None


def test_the_daily_maximum_s_measure_is_the_busiest_day(cop9: Session) -> None:
    """COP9's plenary needs 10 meetings in 5 days: once a day gives way to twice a day."""
    data = cop9.model_dump(exclude_unset=True)
    next(b for b in data["bodies"] if b["id"] == "plenary")["max_meetings_per_day"] = 1
    once_a_day = Session.model_validate(data)
    assert _minimum(once_a_day, ("max-meetings-per-day", "plenary")) == 2
