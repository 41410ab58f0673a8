"""What the timetable workbook's sheets are called, which columns they hold, how cells look."""

from __future__ import annotations

ASSIGNMENTS = "Assignments"
MEETINGS = "Meetings"
SOLVE = "Solve"
CHANGES = "Changes"
MEETING_COLUMNS: tuple[str, ...] = (
    "number",
    "body",
    "room",
    "date",
    "period",
    "start",
    "end",
    "interpreted",
    "items",
)
DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"  # typed-in "1/2" or "10:30" stays text instead of turning into a date

# Column widths, in characters; a column not named is as wide as its header.
ANNEX_WIDTHS = (22, 55, 45)  # Date/heure, plenary, parallel meetings
ASSIGNMENT_WIDTHS = {"title": 60, "activity": 16, "body": 14, "room": 14, "date": 12}
MEETING_WIDTHS = {"items": 40, "body": 14, "room": 14, "date": 12, "interpreted": 12}
CHANGE_WIDTHS = {"activity": 16, "title": 50, "size": 32, "before": 60, "after": 60}
SOLVE_WIDTHS = (24, 105, 12)  # key or rule, value or text, result
LINE_HEIGHT = 15.0  # points per line of 11-point text
TEXT_COLUMNS = frozenset(
    {"activity", "title", "body", "room", "period", "start", "end", "part", "items"}
)
