"""`schedule explain`: why a session has no timetable, without trying to optimise it.

Prints the few rules of the session that cannot all hold together, what dropping each one
alone would allow, and the numbers that make the conflict visible. Exit codes: 3 when the
session is infeasible (explained), 0 when it has a timetable, 4 when the time ran out
before the solver could tell, 2 for invalid input. `--deterministic-time` makes the answer
the same on any machine, however busy (each solve bounded in CP-SAT's units of work). The
solver uses the machine's cores unless `--workers` says otherwise. A published grid whose
rows fall on a day the session no longer has (a day cut to see whether it fits) does not
stop the explanation: those rows are left out, and said so.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

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
from scheduler.errors import ExitCode, InputError, InputErrors
from scheduler.io.session_file import session_from_data
from scheduler.messages import word
from scheduler.session import Session

#: The exit code each answer of the explainer calls for.
EXIT_CODES = {"infeasible": ExitCode.INFEASIBLE, "feasible": ExitCode.OK}


@app.command("explain")
def explain_command(
    session: SessionFile,
    lang: Language = None,
    time_limit: TimeLimitForAll = None,
    workers: Workers = None,
    seed: Seed = None,
    deterministic_time: DeterministicTime = None,
) -> None:
    """Explain why a session has no timetable: the rules that cannot all hold together."""
    from scheduler.pipeline import Explaining, Settings, explain

    with planner_errors(session):
        loaded, left_out = _load(session)
        said = language(lang, loaded, Lang.en)
        explaining = Explaining(workers=workers, seed=seed, deterministic_time=deterministic_time)
        settings = Settings(time_limit=time_limit, lang=said, explaining=explaining)
        found = explain(loaded, settings=settings)
    if left_out:
        console.print(
            word("explain.conflicts.published-left-out", said, count=left_out), markup=False
        )
    console.print(found.text(), markup=False)
    code = EXIT_CODES.get(found.status, ExitCode.NO_TIMETABLE)
    if code is not ExitCode.OK:
        raise exit_with(code)


#: A published row that names a day the session no longer has (`published[18].date: ...`).
_PUBLISHED_ROW = re.compile(r"^published\[(\d+)\]\.date$")


def _load(path: Path | None) -> tuple[Session, int]:
    """The session, and how many published rows were left out because their day is no
    longer one of the session's (a day cut to see whether the session fits without it):
    those rows alone do not stop the explanation, the grid's other rows stay its reference."""
    try:
        return load(path)[0], 0
    except InputError as exc:
        errors = exc.errors if isinstance(exc, InputErrors) else [exc]
        rows = {int(m[1]) for e in errors if (m := _PUBLISHED_ROW.match(e.field or ""))}
        workbook = path is not None and path.suffix.lower() in {".xlsx", ".xlsm"}
        if path is None or workbook or not rows or len(rows) < len(errors):
            raise
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["published"] = [r for n, r in enumerate(data["published"]) if n not in rows]
        return session_from_data(data, file=path), len(rows)
