"""Many variants side by side: one row per variant, the numbers a briefing quotes.

The variants are solved by `solve_variants` (`scheduler.explore.sweep`: any executor, a
cache, a progress bar); a `Sweep` is a mapping of outcomes, so it is compared as it is.

Moves are counted against a baseline as `scheduler.diff` counts changes: the activities, present
in both timetables, whose set of (date, period) slots differs. An activity that exists in one
of the two only (a meeting added by the variant) is not a move.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from scheduler.diff import compare
from scheduler.explore.outcome import Outcome
from scheduler.explore.sweep import solve_variants
from scheduler.timetable import Timetable

#: Columns of `compare_variants`, indexed by variant name.
COMPARISON_COLUMNS: tuple[str, ...] = (
    "status",
    "days_used",
    "interpreted_meetings",
    "interpretation_budget",
    "carried_over",
    "moves",
    "objective",
    "best_bound",
    "solve_time",
)
_COUNTS = ("days_used", "interpreted_meetings", "interpretation_budget", "carried_over", "moves")

Baseline = str | Outcome | Timetable | None

__all__ = ["COMPARISON_COLUMNS", "compare_variants", "moves", "solve_variants"]


def compare_variants(
    outcomes: Mapping[str, Outcome] | Iterable[Outcome], baseline: Baseline = None
) -> pd.DataFrame:
    """One row per variant: status, days used, interpreted meetings, items carried over, moves.

    Rows are named by the mapping's keys (or each outcome's `name`). `baseline` is the
    timetable moves are counted against: a variant's name, an `Outcome`, a `Timetable` (e.g.
    the published one), or by default the first variant. Counts are None
    (pandas NA) for a variant without a timetable, moves also when the baseline has none.
    """
    named = dict(outcomes) if isinstance(outcomes, Mapping) else {o.name: o for o in outcomes}
    reference = _baseline(named, baseline)
    rows = []
    for outcome in named.values():
        row = outcome.summary()
        row["moves"] = _moves(outcome, reference)
        rows.append(row)
    table = pd.DataFrame(rows, columns=list(COMPARISON_COLUMNS), index=list(named))
    table.index.name = "variant"
    return table.astype({column: "Int64" for column in _COUNTS})


def moves(outcome: Outcome, baseline: Outcome | Timetable) -> int | None:
    """Activities whose slots differ from the baseline's; None when either has no timetable."""
    return _moves(outcome, _as_timetable(baseline))


def _moves(outcome: Outcome, reference: Timetable | None) -> int | None:
    if outcome.timetable is None or reference is None:
        return None
    return compare(reference, outcome.timetable, outcome.session).count


def _baseline(named: dict[str, Outcome], baseline: Baseline) -> Timetable | None:
    if baseline is None:
        return next(iter(named.values())).timetable if named else None
    if isinstance(baseline, str):
        if baseline not in named:
            raise KeyError(f"no variant named {baseline!r} (known: {list(named)})")
        return named[baseline].timetable
    return _as_timetable(baseline)


def _as_timetable(baseline: Outcome | Timetable) -> Timetable | None:
    return baseline.timetable if isinstance(baseline, Outcome) else baseline
