"""Why a session has no timetable: the few rules that cannot all hold, and what each would buy.

    explanation = explain(session, lang="en")
    print(explanation.text())

The steps, each in its own module:
1. cheap pre-checks (`scheduler.prechecks`) that prove the obvious impossibilities by counting;
2. a minimal conflicting set of the session's rule instances (`models.explain_core`), the
   calendar included (`models.explain_horizon`: "4 working days", "no evening meetings");
3. for each rule of the conflict, the session re-solved without it alone
   (`models.explain_relax`): the timetable it then allows, or that another conflict remains;
4. the numbers behind the conflict: the pre-checks again, with only the conflict's rules.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Literal

from models.explain_core import (
    NO_LIMIT,
    Conflict,
    Deadline,
    Solving,
    Verdict,
    holds,
    minimal_conflict,
)
from models.explain_horizon import Horizon, horizon
from models.explain_relax import Relaxation, relax
from scheduler.prechecks import PrecheckFinding, precheck
from scheduler.rules.instances import RuleInstance
from scheduler.session import Session

Status = Literal["infeasible", "feasible", "unknown"]
_STATUS: dict[Verdict, Status] = {
    Verdict.INFEASIBLE: "infeasible",
    Verdict.FEASIBLE: "feasible",
    Verdict.UNKNOWN: "unknown",
}


@dataclass(frozen=True)
class Explanation:
    """The answer to "why is there no timetable?" for one session."""

    status: Status  # of the session: infeasible, feasible (nothing to explain), unknown
    conflict: list[RuleInstance]  # the rules that cannot all hold, as the planner wrote them
    relaxations: list[Relaxation]  # per rule of the conflict, what dropping it alone allows
    prechecks: list[str]  # what the cheap checks found, in the language asked for
    minimal: bool  # each rule of the conflict was shown necessary by a solve
    lang: str = "en"
    findings: list[PrecheckFinding] = field(default_factory=list)  # the pre-checks themselves
    numbers: list[PrecheckFinding] = field(default_factory=list)  # the conflict's numbers
    seconds: float = 0.0
    solves: int = 0
    time_limit: float = 0.0
    extra_days: int = 0  # working days the calendar may add when the session's days give way

    @property
    def every_drop_works(self) -> bool:
        """Dropping any one rule of the conflict makes the session feasible (re-solved)."""
        return self.minimal and all(r.feasible for r in self.relaxations)

    def text(self, lang: str | None = None) -> str:
        """The explanation as a planner reads it, in any of the six UN languages."""
        from models.explain_text import render

        return render(self, lang or self.lang)


def _settle(
    h: Horizon, conflict: Conflict, relaxations: list[Relaxation], run: Solving
) -> tuple[list[RuleInstance], list[Relaxation], bool]:
    """The conflict once its pending member is settled (`Conflict.pending`).

    Its relaxation having a timetable shows it needed; otherwise the session with no rule at
    all is solved: still no timetable, and no rule is to blame (the durations alone).
    """
    pending = conflict.pending
    relaxed = next(r for r in relaxations if r.instance == pending)
    if relaxed.verdict is Verdict.FEASIBLE:
        return list(conflict.members), relaxations, conflict.minimal
    answer = holds(h, [], run)
    if answer is Verdict.INFEASIBLE:
        rest = [m for m in conflict.members if m != pending]
        return rest, [r for r in relaxations if r.instance != pending], conflict.minimal
    return list(conflict.members), relaxations, conflict.minimal and answer is Verdict.FEASIBLE


def _numbers(session: Session, members: list[RuleInstance]) -> list[PrecheckFinding]:
    """The pre-checks' numbers behind the conflict, on the calendar as the planner wrote it.

    Only the conflict's rules are in force, but the session's days, evenings and holidays
    stay as they are: a count never includes the explainer's own extra days or evenings
    ("4 exist", not the 5 an extra evening would give). A finding that needs a rule outside
    the conflict and the calendar is left out.
    """
    keys = {m.key for m in members}
    found = precheck(session, active=lambda key: key in keys or key[0] == "within-periods")
    return [f for f in found if all(k in keys or k[0] == "within-periods" for k in f.instances)]


def explain(
    session: Session,
    lang: str = "en",
    time_limit: float | None = None,
    workers: int | None = None,
    seed: int | None = None,
    deterministic_time: float | None = None,
) -> Explanation:
    """Explain why `session` has no timetable (or say that it has one).

    `time_limit` (seconds, default the session's) bounds all solves together; `workers`
    defaults to 1 so that the conflict found is the same from run to run.
    `deterministic_time` bounds each solve in CP-SAT's deterministic time instead, the same
    on a busy machine as on an idle one (tests); without a `time_limit` given as well, no
    wall clock bounds the explanation then.
    """
    began = time.perf_counter()
    wall = time_limit is not None or deterministic_time is None
    limit = session.solver.time_limit if time_limit is None else time_limit
    run = Solving(
        Deadline(limit if wall else None),
        workers=1 if workers is None else workers,
        seed=session.solver.seed if seed is None else seed,
        deterministic=deterministic_time,
    )
    findings = precheck(session)
    h = horizon(session)
    conflict = minimal_conflict(h, run)
    relaxations: list[Relaxation] = []
    numbers: list[PrecheckFinding] = []
    members = list(conflict.members)
    minimal = conflict.minimal
    if conflict.verdict is Verdict.INFEASIBLE:
        for n, member in enumerate(members):
            share = min(run.deadline.left(), NO_LIMIT) / (len(members) - n)
            relaxations.append(relax(h, member, run, share))
        if conflict.pending is not None:
            members, relaxations, minimal = _settle(h, conflict, relaxations, run)
        numbers = _numbers(session, members)
    return Explanation(
        status=_STATUS[conflict.verdict],
        conflict=members,
        relaxations=relaxations,
        prechecks=[f.text(lang) for f in findings],
        minimal=minimal,
        lang=lang,
        findings=findings,
        numbers=numbers,
        seconds=time.perf_counter() - began,
        solves=run.solves,
        time_limit=limit,
        extra_days=len(h.extra_days),
    )
