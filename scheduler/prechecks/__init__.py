"""Cheap checks before the solver: impossibilities that counting alone proves.

Each check is a necessary condition of docs/RULES.md, so every finding proves that no
timetable exists, and says why with the numbers a planner can verify:
- fixed times on a holiday, between periods, in an evening without evening meetings, or (for a
  whole-meeting activity) not at the start of a period (`fixed_times`);
- order rules that contradict each other: an activity marked first that the agenda puts after
  another, one marked last that the agenda puts before another, two of either in one body
  (`order`);
- time windows: a deadline before a fixed or earliest start (`deadlines`), and a body whose
  activities need more meeting time than the periods between their earliest start and their
  deadline give (`capacity`; agenda order, `after_end_of` / `after_start_of` and first/last
  carry fixed times and deadlines from one activity to the next, with the least durations
  where one starts once another has ended, `windows` and `chains`; a finding says the chain:
  "..., since item 9 ends no earlier than Friday 27 May 09:40");
- interpretation: more interpreted meetings needed than the budget; more interpreted bodies
  (or meetings of any kind) forced into one period than there are teams (or than the cap)
  (`interpretation`); an activity held only beside another body's meeting, both
  interpreted, against one team (or both capped against a cap of one: `beside`); more than
  the budget counted part by part, where fixed starts, whole
  meetings in the agenda or no sharing keep a body's minutes in meetings of their own, or where
  an agenda cut leaves what comes before it too little of the one meeting both sides could
  share (`parts`);
- counts across bodies and days: teams, the cap, a body's days and meetings a day, activities
  apart or alongside (`totals`); the interpreted meetings due by a deadline against the
  teams times the periods before it (`by_deadline`); bodies confined to the same rooms
  needing more meetings than those rooms hold in the periods open to them (`rooms`);
- starts that clash: activities of one body that their rules make start at one moment, such as
  one marked first against another fixed at the session's first moment (`starts`).

References to unknown ids, dates outside the session and malformed times never get this far:
reading the session file refuses them (exit 2), naming file, field and value.

Findings name the rule instances behind them by their keys `(rule, subject)`, the keys of
`scheduler.rules.subjects` plus the calendar's own: `within-periods` with subject `days`, `evenings`
or `holiday@<date>`. `active` restricts the checks to some instances, so the explainer can show
the numbers behind a conflict with only the conflict's rules in force. This package knows
nothing of the solver.
"""

from scheduler.prechecks.checks import precheck
from scheduler.prechecks.findings import DAYS, EVENINGS, PrecheckFinding, holiday_key

__all__ = ["DAYS", "EVENINGS", "PrecheckFinding", "holiday_key", "precheck"]
