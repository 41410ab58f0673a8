"""Reading and writing files: session files, timetable workbooks."""
