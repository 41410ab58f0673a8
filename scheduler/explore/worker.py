"""What a sweep's worker process runs: plain session data in, plain results out.

A spawned worker starts as a fresh interpreter and imports what it is asked to run. This
module imports what one solve needs (the session format, the pipeline and with it OR-Tools)
and nothing of the analyst's API around it: `scheduler` and `scheduler.explore` import their
names on first use, so a worker never loads the progress bar, the cache, the grids or the
pictures. `warm_up` imports all a solve needs at once; a sweep sends it to each new worker
while it prepares the variants, so that the workers' start-up overlaps that preparation.

Variants go in chunks (`solve_chunk`): one task, one round trip and one wake-up of the
sweep's process for several solves. A variant that fails inside a chunk is answered by a
`Refused` in its place, so it does not take its chunk's other variants down with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from models.explain import Explanation
    from scheduler.result import SolveResult
    from scheduler.validation import Report

#: One variant's task: its session as plain JSON values, and the effective solve settings.
Task = tuple[dict[str, Any], dict[str, Any]]


@dataclass(frozen=True)
class Solved:
    """What a worker sends back: plain results, no model."""

    result: SolveResult
    validation: Report | None
    explanation: Explanation | None


@dataclass(frozen=True)
class Refused:
    """A variant of a chunk that got no solver answer: refused by the model, or it raised."""

    status: str  # "invalid" or "crashed"
    reason: str


def solve_plain(data: dict[str, Any], settings: dict[str, Any]) -> Solved:
    """The worker's task: a session from its plain data, solved with `solve` and checked."""
    from scheduler.explore.outcome import solve
    from scheduler.io.session_file import session_from_data

    session = session_from_data(data, file="<sweep variant>")
    outcome = solve(session, **settings)
    return Solved(outcome.result, outcome.validation, outcome.explanation)


def solve_chunk(tasks: list[Task]) -> list[Solved | Refused]:
    """Several variants in one task, each answered in its place (a failure as `Refused`)."""
    from scheduler.errors import InputError

    answers: list[Solved | Refused] = []
    for data, settings in tasks:
        try:
            answers.append(solve_plain(data, settings))
        except InputError as exc:
            answers.append(Refused("invalid", exc.message))
        except Exception as exc:
            answers.append(Refused("crashed", crash_reason(exc)))
    return answers


def crash_reason(exc: BaseException) -> str:
    """A raised error as a sweep's row says it: its type and message."""
    return f"{type(exc).__name__}: {exc}"


def warm_up() -> None:
    """Import all that a solve needs, so that the worker's first variant does not wait."""
    import models  # noqa: F401  (the model, and with it OR-Tools)
    import scheduler.explore.outcome
    import scheduler.io.session_file  # noqa: F401
