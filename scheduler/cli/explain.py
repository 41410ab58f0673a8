"""`schedule explain`: why a session has no timetable, without trying to optimise it.

Prints the few rules of the session that cannot all hold together, what dropping each one
alone would allow, and the numbers that make the conflict visible. Exit codes: 3 when the
session is infeasible (explained), 0 when it has a timetable, 4 when the time ran out
before the solver could tell, 2 for invalid input. `--deterministic-time` makes the answer
the same on any machine, however busy (each solve bounded in CP-SAT's units of work).
"""

from __future__ import annotations

from scheduler.cli.app import app
from scheduler.cli.common import Lang, console, exit_with, language, load, planner_errors
from scheduler.cli.options import (
    DeterministicTime,
    Language,
    Seed,
    SessionFile,
    TimeLimitForAll,
    Workers,
)
from scheduler.errors import ExitCode

#: The exit code each answer of the explainer calls for.
EXIT_CODES = {"infeasible": ExitCode.INFEASIBLE, "feasible": ExitCode.OK}


@app.command("explain")
def explain_command(
    session: SessionFile,
    lang: Language = None,
    time_limit: TimeLimitForAll = None,
    workers: Workers = 1,
    seed: Seed = None,
    deterministic_time: DeterministicTime = None,
) -> None:
    """Explain why a session has no timetable: the rules that cannot all hold together."""
    from scheduler.pipeline import Explaining, Settings, explain

    with planner_errors(session):
        loaded, _ = load(session)
        said = language(lang, loaded, Lang.en)
        explaining = Explaining(workers=workers, seed=seed, deterministic_time=deterministic_time)
        settings = Settings(time_limit=time_limit, lang=said, explaining=explaining)
        found = explain(loaded, settings=settings)
    console.print(found.text(), markup=False)
    code = EXIT_CODES.get(found.status, ExitCode.NO_TIMETABLE)
    if code is not ExitCode.OK:
        raise exit_with(code)
