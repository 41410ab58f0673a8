"""Pin and re-plan: the smallest change to a published timetable that absorbs a new fact.

The planner gives the session as it now is and an earlier timetable (its `Assignments` sheet,
perhaps edited by hand). Rows marked `pinned` stay exactly where they are: same slot, room,
start and minutes. Everything else may move, and the objective is lexicographic:

1. the fewest changes: activities whose set of slots differs from before (`scheduler.diff`);
2. among those, the smallest: each move weighs `preferences.move_within_half_day`,
   `move_to_other_period` or `move_to_other_day` by its size;
3. then the fewest activities retimed (same slots, other start, minutes or room);
4. then the usual preferences of the session.

Levels 1 to 3 are one objective, each level weighted above the largest possible sum of the
levels below it; level 4 is a second solve in which that objective is held at the value found. Two
solves rather than one weighted sum: a single objective would need a weight above the largest
preference cost, which makes CP-SAT's bound and gap meaningless for the planner; in two phases
the first phase's bound is a proof on its own ("no timetable changes fewer than k
activities"), and each phase keeps its own time limit. The earlier timetable is the first
phase's hint (parts, minutes and rooms), the first phase's timetable the second's.

One concern per module:
- `pins`: the pinned rows, a hard model module;
- `changes`: the change terms (`moved-slots[3]`, `move-size[3]`, `altered[3]`), a module;
- `driver`: the two phases and their result (`replan`, `ReplanResult`);
- the pinned rows that break rules by themselves are a question for the check layer,
  `scheduler.validation.pins` (re-exported here for the re-plan's callers).
"""

from models.replan.changes import Scales, change_terms, scales
from models.replan.driver import ReplanResult, replan, replan_model
from models.replan.pins import pins
from scheduler.validation.pins import PIN_RULES, PinConflict, pinned_conflicts

__all__ = [
    "PIN_RULES",
    "PinConflict",
    "ReplanResult",
    "Scales",
    "change_terms",
    "pinned_conflicts",
    "pins",
    "replan",
    "replan_model",
    "scales",
]
