"""Generated sessions: realistic session files of any size, feasible by construction.

`generate_session(profile, ...)` lays a timetable first (the *witness*) and then writes a
session whose rules that timetable keeps, so every generated session has at least one valid
timetable. Used by `schedule generate`, the benchmarks and the tests.
"""

from __future__ import annotations

from scheduler.generate.generated import GeneratedSession, SessionSize, generate_session
from scheduler.generate.profiles import PROFILES, Parameters

__all__ = ["PROFILES", "GeneratedSession", "Parameters", "SessionSize", "generate_session"]
