"""Why a session has no timetable: the few rules that cannot all hold, and what each would buy.

    explanation = explain(session, lang="en")
    print(explanation.text())

The steps, each in its own module:
1. cheap pre-checks (`scheduler.prechecks`) that prove the obvious impossibilities by counting;
2. the preferred minimal conflict of the session's rule instances (`models.explain_core`,
   under the planner's priority of `models.explain_priority`: the planner's own times and
   orders before the resources, the General Assembly's calendar and budget last), the
   calendar included (`models.explain_horizon`: "4 working days", "no evening meetings");
3. for each rule of the conflict, the session re-solved without it alone
   (`models.explain_relax`): the timetable it then allows, closest to the session's own, or
   which other conflict remains; up to `MAX_CONFLICTS` conflicts are listed that way, each
   after the first searched within a budget of its own (`_next_budget`);
4. the numbers behind each conflict (`models.explain_numbers`): the pre-checks again, with
   only the conflict's rules, else the fewest interpreted meetings the solver proves.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Literal

from models.explain_core import (
    NO_LIMIT,
    Conflict,
    Deadline,
    Exhausted,
    Solving,
    Verdict,
    holds,
    in_file_order,
    instances_of,
    known,
    minimal_conflict,
    proven,
)
from models.explain_horizon import Horizon, horizon
from models.explain_numbers import numbers as conflict_numbers
from models.explain_priority import by_priority
from models.explain_relax import Relaxation, large, reference, relax
from scheduler.messages import Message
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
class Conflicting:
    """One conflict: its rules, what dropping each alone allows, and its numbers."""

    members: list[RuleInstance]  # the rules that cannot all hold, as the planner wrote them
    relaxations: list[Relaxation]  # per rule, what dropping it alone allows
    numbers: list[PrecheckFinding]  # the pre-checks' arithmetic behind it
    minimal: bool  # each rule was shown necessary by a solve


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
    #: The conflicts after the first (`conflict`), at most `MAX_CONFLICTS` in all, in the
    #: order they were found; dropping one rule of each is needed for a timetable.
    others: list[Conflicting] = field(default_factory=list)
    #: Wall seconds per phase (pre-checks, build, whole session, core, quickxplain,
    #: deletion check, relaxations, numbers, ...): where the explanation's time went.
    phases: dict[str, float] = field(default_factory=dict)

    @property
    def conflicts(self) -> list[Conflicting]:
        """Every conflict found, the preferred one first."""
        head = Conflicting(self.conflict, self.relaxations, self.numbers, self.minimal)
        return [head, *self.others] if self.conflict else []

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


#: At most this many distinct conflicts are listed (issue: "up to five").
MAX_CONFLICTS = 5


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
    defaults to the machine's cores (`default_workers`): the conflicts found depend only on
    whether each set of rules can hold, the same with any number of workers, and the
    timetables described come from reproducible searches (a seed, interleaved workers).
    `deterministic_time` bounds each solve in CP-SAT's deterministic time instead, the same
    on a busy machine as on an idle one (tests); without a `time_limit` given as well, no
    wall clock bounds the explanation then.

    The first conflict gets the time first, then what dropping each of its rules allows;
    a rule whose drop still leaves no timetable leads to the next conflict (one without that
    rule), up to `MAX_CONFLICTS`, while time is left.
    """
    began = time.perf_counter()
    wall = time_limit is not None or deterministic_time is None
    limit = session.solver.time_limit if time_limit is None else time_limit
    run = Solving(
        Deadline(limit if wall else None),
        workers=default_workers() if workers is None else workers,
        seed=session.solver.seed if seed is None else seed,
        deterministic=deterministic_time,
    )
    with run.phase("pre-checks"):
        findings = precheck(session)
    run.findings = findings
    with run.phase("horizon"):
        h = horizon(session)
    searching, work = time.perf_counter(), run.work()
    first = minimal_conflict(h, run)
    searched = Spent(time.perf_counter() - searching, run.work() - work)
    found: list[Conflicting] = []
    if first.verdict is Verdict.INFEASIBLE:
        found = _conflicts(h, first, run, searched)
    head = found[0] if found else Conflicting([], [], [], first.minimal)
    return Explanation(
        status=_STATUS[first.verdict],
        conflict=head.members,
        relaxations=head.relaxations,
        prechecks=[f.text(lang) for f in findings],
        minimal=head.minimal,
        lang=lang,
        findings=findings,
        numbers=head.numbers,
        seconds=time.perf_counter() - began,
        solves=run.solves,
        time_limit=limit,
        extra_days=len(h.extra_days),
        others=found[1:],
        phases=dict(run.phases),
    )


def default_workers() -> int:
    """The machine's cores, at most `MAX_EXPLAIN_WORKERS`."""
    return max(1, min(os.cpu_count() or 1, MAX_EXPLAIN_WORKERS))


#: More workers than this do not shorten an explanation's many small solves.
MAX_EXPLAIN_WORKERS = 8


@dataclass(frozen=True)
class Spent:
    """What the first conflict's search took: wall seconds and CP-SAT's deterministic ones."""

    seconds: float = 0.0
    work: float = 0.0


def _conflicts(
    h: Horizon, first: Conflict, run: Solving, searched: Spent | None = None
) -> list[Conflicting]:
    """The first conflict, and the next ones, each with its relaxations (`MAX_CONFLICTS`).

    A rule whose drop leaves no timetable belongs to a conflict and another one remains
    without it: a conflict already found that lacks the rule, or else the preferred
    conflict of the session without that rule alone, searched next. Then, while the time
    allows, the session without the least preferred rule of every conflict found: when it
    still has no timetable, its preferred conflict is one more, distinct from all. Each
    relaxation is solved once, whichever conflicts its rule is in. Each next conflict is
    searched within a budget of its own (`_next_budget`), and one whose budget runs out is
    left unlisted, the conflicts found so far staying as they are (`_within_budget`).
    """
    searched = searched or Spent()
    relaxed: dict[RuleInstance, Relaxation] = {}
    found: list[Conflicting] = []
    queue = [first]
    while queue and len(found) < MAX_CONFLICTS:
        conflict = queue.pop(0)
        members = [m for m in conflict.members if m not in relaxed]
        with run.phase("relaxations"):
            closest = reference(h, conflict.members, run) if members else None
            for n, member in enumerate(members):
                share = min(run.deadline.left(), NO_LIMIT) / (len(members) - n)
                relaxed[member] = relax(h, member, run, share, closest)
        relaxations = [relaxed[m] for m in conflict.members]
        kept, relaxations, minimal = list(conflict.members), relaxations, conflict.minimal
        if not minimal:
            minimal = _shown_minimal(h, kept, run)
        if conflict.pending is not None:
            with run.phase("settle"):
                kept, relaxations, minimal = _settle(h, conflict, relaxations, run)
        if found and not kept:
            continue
        with run.phase("numbers"):
            numbers = conflict_numbers(h, kept, run)
        found.append(Conflicting(kept, relaxations, numbers, minimal))
        if not kept:
            break  # the durations alone: no rule to blame, no other conflict to look for
        known = [c.members for c in found] + [list(c.members) for c in queue]
        for r in relaxations:
            if r.verdict is not Verdict.INFEASIBLE or len(known) >= MAX_CONFLICTS:
                continue
            if any(r.instance not in c for c in known):
                continue  # a conflict without it is known already
            pool = [i for i in instances_of(h) if i != r.instance]
            nxt = _within_budget(run, len(found), searched, partial(_next, h, run, pool))
            if nxt is not None and nxt.members and all(set(nxt.members) != set(c) for c in known):
                queue.append(nxt)
                known.append(list(nxt.members))
        # A rule whose drop alone gives a timetable is in every conflict: no other to find.
        one_enough = any(r.feasible for c in found for r in c.relaxations)
        if not queue and not one_enough and len(found) < MAX_CONFLICTS:
            more = _within_budget(run, len(found), searched, partial(_one_more, h, found, run))
            if more is not None:
                queue.append(more)
    return [_linked(c, found) for c in found]


def _within_budget(
    run: Solving, listed: int, searched: Spent, search: Callable[[], Conflict | None]
) -> Conflict | None:
    """What `search` finds within the next conflict's budget (`_next_budget`); None when
    that budget is nothing or runs out first (`Exhausted`: the search stops at once)."""
    seconds, work = _next_budget(run, listed, searched)
    if seconds <= 0 or work <= 0:
        return None
    with run.within(seconds, work):
        try:
            return search()
        except Exhausted:
            return None


def _next_budget(run: Solving, listed: int, searched: Spent) -> tuple[float, float]:
    """Wall and deterministic seconds for the search of one more conflict, `listed` being
    found: nothing when less is left of the deadline than the first conflict's search took
    or `MAX_CONFLICTS` are found; else half of what is left (the rest for its relaxations
    and the conflicts after it), at least what the first search took. In CP-SAT's
    deterministic time, `NEXT_WORK` times the first search's, at least one solve's budget
    and `LEAST_NEXT_WORK`: a run bounded in deterministic time alone (tests) ends the same
    on any machine, and the deterministic budget is the one that binds on a quiet machine.

    A large session used to get no next conflict at all under a deadline: on the climate
    session with one team (load 2, 60 s) the second conflict's search had taken 33.1 s and
    ended unminimised, 126 rules none of whose drops was decided. Its checks are not
    decided (one team against the contact groups' deadlines, 26 rules: unknown after 40
    deterministic seconds): with twice its first search's deterministic time (8.2) the next
    search took 107 s wall at load 8.8, with once 54 s at load 10.2, with a quarter 11 s at
    load 3.1 (one check), none finding it; a large session's next conflict is now looked
    for within a pre-check's proof alone (`_next`), whose checks are solves of few rules.
    The next searches of the seven several-conflict variants of
    `tests/explain/test_independent.py` take 0.02-1.04 deterministic seconds (commission one
    day short 1.04, 1.5 times its first; treaty-cop with one team 0.77, 7 times), under
    `LEAST_NEXT_WORK`; a fifth of what was left instead of half cut the commission's at
    load 9.7 (8.7 s wall)."""
    left = run.deadline.left()
    if left <= 0 or left < searched.seconds or listed >= MAX_CONFLICTS:
        return 0.0, 0.0
    seconds = max(searched.seconds, left / 2)
    work = max(NEXT_WORK * searched.work, run.deterministic or 0.0, LEAST_NEXT_WORK)
    return seconds, work


#: A next conflict's search gets this many times the first search's deterministic time,
#: and at least `LEAST_NEXT_WORK` deterministic seconds: more than any whole explanation of
#: COP9's variants takes (0.04-0.62 in `benchmarks/explain_bench.py`), and than any next
#: search of the several-conflict variants (at most 1.04, `_next_budget`).
NEXT_WORK = 1.0
LEAST_NEXT_WORK = 2.0


def _shown_minimal(h: Horizon, members: list[RuleInstance], run: Solving) -> bool:
    """Whether the relaxations showed each member needed after all: the session without it
    having a timetable, the other members hold (`known`), though a check of the search ran
    out of time (a large session)."""
    keys = frozenset(m.key for m in members)
    return len(members) > 1 and all(
        known(h, keys - {m.key}, run) is Verdict.FEASIBLE for m in members
    )


def _next(h: Horizon, run: Solving, pool: list[RuleInstance]) -> Conflict | None:
    """The preferred conflict of `pool`, known not to hold (a relaxation said so).

    On a large session (`large`), only within a pre-check's proof that `pool` cannot hold
    (a small candidate set; its checks are solves of few rules), None without one: there a
    check of nearly every rule costs seconds, and the search among them did not end within
    any budget measured (`_next_budget`). On the climate session with one team, even a
    quarter of its first search's deterministic time went to one such check (3.5
    deterministic seconds, the explanation 33.7 s at load 3.1 against 22.3 s before, the
    same one conflict listed)."""
    if not large(h):
        return minimal_conflict(h, run, pool)
    proof = proven(h, pool, run)
    if proof is None:
        return None
    counted = _cut_by_counting(h, run, proof)
    seconds, work = run.deadline.left() * SHOWN_NEXT_SHARE, SHOWN_NEXT_WORK
    with run.within(seconds, work):
        try:
            return minimal_conflict(h, run, list(counted.members))
        except Exhausted:  # no solve decides its smaller sets: the counted conflict
            return counted


#: A conflict counting proves on a large session is then shown minimal by solves within at
#: most this share of what is left of the deadline and this many deterministic seconds;
#: past them, it is listed as counting cut it, not shown minimal. The climate session with
#: one team: one team against the contact groups' deadlines (20 rules), whose smaller sets
#: no solve decides (unknown after 20 deterministic seconds each). Solving them within the
#: next conflict's whole budget listed no second conflict (21-29 s wall at load 1.5-2.6);
#: now the second is listed, counted, its search 2.1 s, the explanation 26.9 s at load 2.
SHOWN_NEXT_SHARE = 0.25
SHOWN_NEXT_WORK = 0.25


def _cut_by_counting(h: Horizon, run: Solving, proof: list[RuleInstance]) -> Conflict:
    """`proof` cut down by the pre-checks alone: each rule, the least preferred first, is
    left out while counting still proves what is left cannot hold. Every set kept is proven
    infeasible; each rule kept is needed by the count (not shown needed by a solve)."""
    members = by_priority(proof)
    for rule in reversed(list(members)):
        if rule not in members:
            continue  # a smaller proof left it out already
        smaller = proven(h, [m for m in members if m != rule], run)
        if smaller is not None:
            members = by_priority(smaller)
    return Conflict(Verdict.INFEASIBLE, in_file_order(h, members), False, run.solves)


def _one_more(h: Horizon, found: list[Conflicting], run: Solving) -> Conflict | None:
    """A conflict without the least preferred rule of each conflict found, if one remains
    (on a large session, one that counting proves: `_next`)."""
    dropped = {by_priority(c.members)[-1] for c in found}
    pool = [i for i in instances_of(h) if i not in dropped]
    if large(h):
        return _next(h, run, pool)
    if holds(h, pool, run) is not Verdict.INFEASIBLE:
        return None
    nxt = minimal_conflict(h, run, pool)
    return nxt if nxt.members else None


def _linked(conflict: Conflicting, found: list[Conflicting]) -> Conflicting:
    """`conflict` whose rules that are not enough alone name the conflict that remains."""
    relaxations = []
    for r in conflict.relaxations:
        number = next(
            (n for n, c in enumerate(found, start=1) if r.instance not in c.members), None
        )
        if r.verdict is Verdict.INFEASIBLE and number is not None:
            r = replace(r, message=Message.of("explain.conflicts.remains", number=number))
        relaxations.append(r)
    return replace(conflict, relaxations=relaxations)
