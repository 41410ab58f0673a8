"""The four checks every infeasible variant's explanation gets, without the explainer's code.

Shared by the independent suites (COP9 and generated variants, the real sessions, the large
generated sessions): each names its variants and its known defects (strict xfails), and runs
these on every variant:
- the variant itself has no timetable;
- dropping each named rule from the data gives a timetable the independent validator accepts
  (or, where the explanation says another conflict remains, none indeed);
- the named rules alone, every other rule loosened, still have no timetable (the solver says
  so within its deterministic time, or, where it cannot tell, a count of the session's own
  data proves it: `tests.explain.counting`);
- the explanation has its numbers; a count the solver gave (the fewest interpreted meetings
  the conflict's other rules allow) is the fewest indeed: with only the conflict's rules, a
  budget of that count has a timetable and one less has none.
"""

from __future__ import annotations

import copy
from collections.abc import Collection
from typing import Any

from models.explain import Explanation, explain
from scheduler.result import SolveStatus
from scheduler.session import Session
from scheduler.validation import validate
from tests.conftest import make_session
from tests.explain.counting import counted_out
from tests.explain.dropping import DETERMINISTIC, all_but, decide, dropped

Data = dict[str, Any]
Case = tuple[str, Data, Session, Explanation]

#: The numbers the solver gives (`models.explain_numbers`), checked on the file.
SOLVED_COUNTS = ("precheck.budget-solved", "precheck.budget-solved-alone")


def explained(name: str, data: Data) -> Case:
    """The variant `name`, its session and its explanation (deterministic, one worker)."""
    session = make_session(data)
    return (
        name,
        data,
        session,
        explain(session, deterministic_time=DETERMINISTIC, workers=1, seed=0),
    )


def has_no_timetable(case: Case) -> None:
    _, _, session, found = case
    assert decide(session).status is SolveStatus.INFEASIBLE
    assert found.status == "infeasible"
    assert found.conflict, found.text()


def each_drop_gives_a_timetable(case: Case, several_conflicts: Collection[str] = ()) -> None:
    """Each named rule, dropped from the file alone, gives a timetable; where the explanation
    says that another conflict remains instead (only for a variant known to have several),
    the edited session has none indeed."""
    name, data, session, found = case
    said = {r.instance.key: r.verdict.value for r in found.relaxations}
    for inst in found.conflict:
        relaxed, result = dropped(data, session, [inst.key])
        if said.get(inst.key) == "infeasible":
            assert name in several_conflicts, (name, inst.key, found.text())
            assert result.status is SolveStatus.INFEASIBLE, (name, inst.key)
            continue
        assert result.timetable is not None, (name, inst.key, found.text())
        assert validate(relaxed, result.timetable).ok, (name, inst.key)
    assert found.minimal
    # With several conflicts, which one is named is the explainer's choice: one whose every
    # rule, dropped, gives a timetable is as right as one that leaves another conflict.
    assert found.every_drop_works or name in several_conflicts, found.text()


def named_rules_alone_have_no_timetable(case: Case) -> None:
    """Every rule but the named ones dropped from the file: no timetable. A pigeonhole the
    solver cannot decide within the check's deterministic time ("43 interpreted meetings, 42
    places") is decided by counting instead; a timetable found always fails the check."""
    name, data, session, found = case
    relaxed, alone = dropped(data, session, all_but(session, (i.key for i in found.conflict)))
    if alone.status is SolveStatus.UNKNOWN:
        assert counted_out(relaxed) is not None, (name, "undecided, not counted", found.text())
        return
    assert alone.status is SolveStatus.INFEASIBLE, (name, found.text())


def has_its_numbers(case: Case) -> None:
    _, _, _, found = case
    assert found.numbers, found.text()


def solved_counts_are_the_fewest(case: Case) -> int:
    """Each conflict's count by the solver (`models.explain_numbers`), checked on the file:
    every rule but the conflict's dropped, a budget of that count gives a timetable the
    validator accepts, one less gives none. The number of counts checked."""
    name, data, session, found = case
    checked = 0
    for conflict in found.conflicts:
        keys = [m.key for m in conflict.members]
        for number in conflict.numbers:
            if number.message.key not in SOLVED_COUNTS:
                continue
            total = number.message.args["total"]
            assert isinstance(total, int)
            for budget, has_one in ((total, True), (total - 1, False)):
                edited = copy.deepcopy(data)
                edited["interpretation"]["budget"] = budget
                relaxed, result = dropped(edited, make_session(edited), all_but(session, keys))
                if has_one:
                    assert result.timetable is not None, (name, keys, budget)
                    assert validate(relaxed, result.timetable).ok, (name, keys, budget)
                else:
                    assert result.status is SolveStatus.INFEASIBLE, (name, keys, budget)
            checked += 1
    return checked
