"""Session workbooks: a session kept in Excel, read and written like a session file (YAML).

Planners keep their sessions in spreadsheets. A session workbook holds exactly what a session
file holds, one sheet per part:

- `Session`: one row per setting (field | value | explanation): the body holding the session,
  its number and venue, languages, interpretation budget and teams, solver settings;
- `Days`: one row per day (date | kind | name_en ...): session days, pre-session days, holidays
  (with the name the timetable prints on them);
- `Periods`: the daily periods, and (with their `dates`) the periods of days that have their
  own; a period may be for some bodies only (`bodies`);
- `Rooms`, `Bodies`, `Items`, `Meetings`: one row per entry, one column per field; the `body`
  of an item or meetings may name several bodies, comma-separated: a joint meeting;
- `Rules`: one row per activity that has rules (fixed start, date or dates, earliest start,
  deadline, first/last, not in parallel with, in parallel with, after the end or the start of
  another); an activity may take several rows, e.g. one per activity it must not meet in
  parallel with;
- `Speakers`: the classes of speakers of a debate (item | speakers | minutes_per_speaker |
  label), one row each;
- `Preferences`: the weights (preference | weight | explanation) and, to their right, the
  preferred slots (activity | date | period), one row each;
- `Published`: the published timetable, if any (activity | date | period | room | start |
  end).

A text in several languages takes one column per language (`title_en`, `title_fr`, ...). Lists
of ids (a body's rooms, documents) are comma-separated in one cell. Headers carry comments that
explain each column; references (bodies, rooms, items, periods) offer drop-down lists; dates and
times are typed cells. The hidden `Lists` sheet only feeds those drop-down lists.

The reader builds the very dict a YAML file gives and validates it with the same model
(`scheduler.io.session_file.session_from_data`); each error is mapped back to the sheet and the
cell the value came from ("Items!H7") and names the value.
"""

from __future__ import annotations

from scheduler.io.session_workbook.layout import SHEETS, covered_fields
from scheduler.io.session_workbook.reader import load_session_workbook
from scheduler.io.session_workbook.writer import write_session_template, write_session_workbook

__all__ = [
    "SHEETS",
    "covered_fields",
    "load_session_workbook",
    "write_session_template",
    "write_session_workbook",
]
