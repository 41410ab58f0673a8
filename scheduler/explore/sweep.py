"""Sweeps: many variants solved at once, on this machine's cores or on any executor.

    grid = variant_grid(cop9, budget=range(12, 21), teams=[1, 2, 3], days=[4, 5])
    sweep = solve_variants(grid, cache="sweep-cache", time_limit=20)
    sweep.table()          # one row per variant: its parameters, status, reason and measures

Where a variant runs does not change its answer: each solve has a fixed CP-SAT worker count
(1 unless `workers=` says otherwise) and the session's seed (or `seed=`), so a variant solved
serially, in a local process pool or on a Dask cluster (`client.get_executor()`) ends the
same way when each is decided within its time limit. Workers receive plain session data (the
session file's content as JSON values) and return the solver's result and the validator's
report; the CP-SAT model never crosses a process boundary.

A variant that fails does not stop the sweep: it becomes a row with its status and reason
(`invalid`: refused by the session format or the model; `infeasible`: proven without
timetable; `timeout`: no timetable within the limit; `crashed`: its worker died or raised).

Variants travel in chunks (`scheduler.explore.worker`): a chunk is one task for the executor,
so a sweep of hundreds of short solves pays one round trip per chunk, not per variant.
Chunks shrink as the queue empties (a quarter of each worker's share of what is left, at
most `MAX_CHUNK`), so that the last ones do not keep one worker busy while the others wait.
At the first variant that has to be solved, each worker is told to import what a solve needs
(`worker.warm_up`), so that the workers start while the other variants are prepared.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import (
    FIRST_COMPLETED,
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    wait,
)
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import pandas as pd

from scheduler.errors import InputError
from scheduler.explore.cache import ResultCache, result_key
from scheduler.explore.grid import Variant
from scheduler.explore.outcome import Outcome
from scheduler.explore.sweep_progress import SweepProgress
from scheduler.explore.worker import Solved, crash_reason, solve_chunk, solve_plain, warm_up
from scheduler.session import Session
from scheduler.timetable import Timetable

#: Measures of `Sweep.table`, after the parameter columns, indexed by variant name.
SWEEP_COLUMNS: tuple[str, ...] = (
    "status",
    "reason",
    "feasible",
    "valid",
    "days_used",
    "interpreted_meetings",
    "interpretation_budget",
    "carried_over",
    "objective",
    "best_bound",
    "solve_time",
)
_COUNTS = ("days_used", "interpreted_meetings", "interpretation_budget", "carried_over")
#: The settings a sweep passes on to `solve`, each the same for every variant.
SETTINGS = ("time_limit", "workers", "seed", "hint", "explain")
#: CP-SAT workers per variant unless told: the cores go to variants side by side instead.
SWEEP_WORKERS = 1

Variants = Mapping[str, Session | Variant] | Iterable[Variant]


@dataclass(frozen=True)
class Failure:
    """A variant without any solver answer: refused before solving, or its worker died."""

    name: str
    status: str  # "invalid" or "crashed"
    reason: str
    session: Session | None = None


class SerialExecutor(Executor):
    """Runs each call at once in this process: the reference the other executors must match."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


class Sweep(dict[str, Outcome]):
    """The outcomes of a sweep by variant name, and `table()`: every variant as one row.

    As a mapping it holds each variant the solver answered (what `compare_variants` takes);
    variants with no answer at all (invalid before solving, crashed) are in `failures`.
    `solved` counts the solves run by this call, `from_cache` the answers read from the cache.
    """

    def __init__(
        self,
        outcomes: dict[str, Outcome],
        *,
        order: list[str],
        parameters: dict[str, dict[str, Any]],
        failures: dict[str, Failure],
        time_limits: dict[str, float],
        solved: int = 0,
        from_cache: int = 0,
    ) -> None:
        super().__init__((name, outcomes[name]) for name in order if name in outcomes)
        self.order = order
        self.parameters = parameters
        self.failures = failures
        self.time_limits = time_limits
        self.solved = solved
        self.from_cache = from_cache

    def table(self) -> pd.DataFrame:
        """One row per variant, in order: one column per parameter, then `SWEEP_COLUMNS`."""
        names = list(dict.fromkeys(p for values in self.parameters.values() for p in values))
        rows = []
        for name in self.order:
            row: dict[str, Any] = dict.fromkeys(names)
            row.update(self.parameters.get(name, {}))
            if name in self:
                row.update(_measures(self[name], self.time_limits[name]))
            else:
                failure = self.failures[name]
                budget = failure.session.interpretation.budget if failure.session else None
                row.update(status=failure.status, reason=failure.reason, feasible=False)
                row["interpretation_budget"] = budget
            rows.append(row)
        table = pd.DataFrame(rows, columns=[*names, *SWEEP_COLUMNS], index=list(self.order))
        table.index.name = "variant"
        return table.astype(
            {**dict.fromkeys(_COUNTS, "Int64"), "feasible": "boolean", "valid": "boolean"}
        )

    def __repr__(self) -> str:
        failed = sum(1 for name in self.order if name not in self or not self[name].timetable)
        return f"<Sweep: {len(self.order)} variants, {failed} without timetable>"


def solve_variants(
    variants: Variants,
    *,
    executor: Executor | None = None,
    cache: str | Path | None = None,
    progress: bool = True,
    **settings: Any,
) -> Sweep:
    """Solve each variant (name -> session, or a `variant_grid`) with the same `settings`.

    `settings` are `solve`'s: `time_limit`, `workers` (CP-SAT workers per variant, default
    1), `seed` (default: the session's), `hint`, `explain`. Infeasible variants are not
    explained unless `explain=True`: an explanation costs several solves, too many for a
    sweep; `solve` one variant to read its explanation.

    `executor`: any `concurrent.futures.Executor` (e.g. a Dask client's `get_executor()`);
    by default a pool of processes started with `spawn`, one per core, kept for later sweeps.
    `cache`: a folder where each answer is kept (see `scheduler.explore.cache`): a sweep run
    again, or resumed after an interruption, solves only what it has not answered yet.
    `progress`: show variants done, failed and remaining, and the time left.
    """
    unknown = set(settings) - set(SETTINGS)
    if unknown:
        raise TypeError(f"unknown settings {sorted(unknown)} (known: {', '.join(SETTINGS)})")
    entries = _entries(variants)
    store = ResultCache(cache) if cache is not None else None
    outcomes: dict[str, Outcome] = {}
    failures: dict[str, Failure] = {}
    time_limits: dict[str, float] = {}
    jobs: dict[str, _Job] = {}  # by result key: one solve for identical variants
    stored: dict[str, Solved] = {}  # by result key: the answers found in the cache
    warm = False  # the executor's workers are told to start at the first variant to solve
    for index, entry in enumerate(entries):
        if entry.session is None:
            failures[entry.name] = Failure(entry.name, "invalid", entry.error or "invalid")
            continue
        job = _job(entry.session, settings)
        time_limits[entry.name] = job.settings["time_limit"]
        if job.key not in jobs:
            answer = store.get(job.key) if store is not None else None
            if isinstance(answer, Solved):
                stored[job.key] = answer
            elif not warm:
                _warm_up(executor, len(entries) - index)
                warm = True
        jobs.setdefault(job.key, job).names.append((entry.name, entry.session))
    counts = {"solved": 0, "from_cache": 0}
    with SweepProgress(len(entries), enabled=progress) as shown:
        for _ in failures:
            shown.advance(failed=True)

        def finish(job: _Job, answer: Solved | Failure, cached: bool = False) -> None:
            if isinstance(answer, Solved):
                if store is not None and not cached:
                    store.put(job.key, answer)
                counts["from_cache" if cached else "solved"] += 1
            for name, session in job.names:
                if isinstance(answer, Failure):
                    failures[name] = Failure(name, answer.status, answer.reason, session)
                    shown.advance(failed=True)
                else:
                    outcomes[name] = Outcome(
                        name, session, answer.result, answer.validation, answer.explanation
                    )
                    shown.advance(failed=answer.result.timetable is None)

        to_solve = []
        for job in jobs.values():
            if job.key in stored:
                finish(job, stored[job.key], cached=True)
            else:
                to_solve.append(job)
        if to_solve:
            _run(to_solve, executor, finish)
    return Sweep(
        outcomes,
        order=[e.name for e in entries],
        parameters={e.name: e.parameters for e in entries},
        failures=failures,
        time_limits=time_limits,
        **counts,
    )


# --- running the jobs --------------------------------------------------------------------------

#: Variants in one task at most. A task's round trip through a local pool costs about 0.5 ms
#: (0.1 ms of the sweep's own CPU; measured under load), against 30-50 ms for a COP9 variant:
#: chunks save 1-2 % there, more on a Dask cluster, whose round trips take milliseconds.
MAX_CHUNK = 8
#: Chunks a worker is given, at least, out of what is left: the last ones shrink to one.
CHUNKS_PER_WORKER = 4


@dataclass
class _Job:
    key: str
    data: dict[str, Any]  # the session, as plain JSON values
    settings: dict[str, Any]  # the effective settings, each one given
    names: list[tuple[str, Session]] = field(default_factory=list)
    suspect: bool = False  # was running when a pool broke


def _entries(variants: Variants) -> list[Variant]:
    if isinstance(variants, Mapping):
        return [
            v if isinstance(v, Variant) else Variant(name, {}, v) for name, v in variants.items()
        ]
    return list(variants)


def _job(session: Session, settings: dict[str, Any]) -> _Job:
    """The effective settings of one variant, and the key of its answer."""
    given = {
        "time_limit": settings.get("time_limit"),
        "workers": settings.get("workers"),
        "seed": settings.get("seed"),
        "explain": settings.get("explain", False),
    }
    if given["time_limit"] is None:
        given["time_limit"] = session.solver.time_limit
    if given["workers"] is None:
        given["workers"] = SWEEP_WORKERS
    if given["seed"] is None:
        given["seed"] = session.solver.seed
    hint: Timetable | None = settings.get("hint")
    keyed = dict(given, hint=[a.as_row() for a in hint] if hint is not None else None)
    key = result_key(session.model_dump(mode="json"), keyed)
    data = session.model_dump(mode="json", exclude_unset=True)
    return _Job(key, data, dict(given, hint=hint))


def _warm_up(executor: Executor | None, jobs: int) -> None:
    """Tell the workers that will run up to `jobs` solves to import what a solve needs.

    Sent at the first variant to solve, before the others are prepared, so that the workers'
    start-up (a fresh interpreter importing OR-Tools) overlaps that preparation instead of
    following it. A sweep with nothing to solve starts no worker.
    """
    pool = executor if executor is not None else _shared_pool(jobs)
    if isinstance(pool, SerialExecutor):
        return
    try:
        for _ in range(_capacity(pool)):
            pool.submit(warm_up)
    except (BrokenExecutor, RuntimeError):
        pass  # `_run` meets the same error, and says what it means


def _next_chunk(queue: deque[_Job], capacity: int) -> list[_Job]:
    """The jobs of the next task: a suspect alone, else a share of the queue's head."""
    if queue[0].suspect:
        return [queue.popleft()]
    size = max(1, min(MAX_CHUNK, len(queue) // (CHUNKS_PER_WORKER * capacity)))
    chunk: list[_Job] = []
    while queue and len(chunk) < size and not queue[0].suspect:
        chunk.append(queue.popleft())
    return chunk


def _submit(pool: Executor, chunk: list[_Job]) -> Future[Any]:
    """One task for the chunk: a chunk of one is a plain call of `solve_plain`."""
    if len(chunk) == 1:
        return pool.submit(solve_plain, chunk[0].data, chunk[0].settings)
    return pool.submit(solve_chunk, [(job.data, job.settings) for job in chunk])


def _answers(chunk: list[_Job], returned: Any) -> list[Solved | Failure]:
    """A task's answers, one per job of its chunk, a variant refused as its `Failure`."""
    answers = [returned] if len(chunk) == 1 else list(returned)
    return [a if isinstance(a, Solved) else Failure("", a.status, a.reason) for a in answers]


def _run(
    jobs: list[_Job],
    executor: Executor | None,
    finish: Callable[[_Job, Solved | Failure], None],
) -> None:
    """Submit at most a window of chunks at a time; a broken pool is replaced, its culprit named.

    After a default pool breaks, the jobs that were running with it are run again one at a
    time, so the one that kills its worker is the only one reported as crashed.
    """
    owned = executor is None
    pool = executor if executor is not None else _shared_pool(len(jobs))
    capacity = _capacity(pool)
    window = 2 * capacity
    queue = deque(jobs)
    running: dict[Future[Any], list[_Job]] = {}
    try:
        while queue or running:
            limit = 1 if queue and queue[0].suspect else window
            while queue and len(running) < limit and not (running and queue[0].suspect):
                chunk = _next_chunk(queue, capacity)
                try:
                    running[_submit(pool, chunk)] = chunk
                except (BrokenExecutor, RuntimeError) as exc:
                    if owned and isinstance(exc, BrokenExecutor):
                        pool = _replace_shared_pool(pool)
                        queue.extendleft(reversed(chunk))
                        continue
                    for job in chunk:
                        finish(job, Failure("", "crashed", _reason(exc)))
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            broken = []
            for future in done:
                chunk = running.pop(future)
                try:
                    answers = _answers(chunk, future.result())
                except BrokenExecutor as exc:
                    if owned and not (len(chunk) == 1 and chunk[0].suspect and not running):
                        broken += chunk
                        continue
                    answers = [Failure("", "crashed", _reason(exc))] * len(chunk)
                except InputError as exc:
                    answers = [Failure("", "invalid", exc.message)] * len(chunk)
                except Exception as exc:
                    answers = [Failure("", "crashed", _reason(exc))] * len(chunk)
                for job, answer in zip(chunk, answers, strict=True):
                    finish(job, answer)
            if broken:
                if not running:
                    pool = _replace_shared_pool(pool)
                for job in broken:
                    job.suspect = True
                queue.extendleft(reversed(broken))
    except BaseException:
        if owned:
            _discard_shared_pool(pool)
        raise


def _reason(exc: BaseException) -> str:
    if isinstance(exc, BrokenExecutor):
        return "its worker process died (out of memory, or killed)"
    return crash_reason(exc)


def _capacity(executor: Executor) -> int:
    """How many tasks the executor runs at once, as far as it tells."""
    workers = getattr(executor, "_max_workers", None)
    if isinstance(workers, int) and workers > 0:
        return workers
    client = getattr(executor, "_client", None)  # a Dask client's executor
    if client is not None:
        try:
            return max(1, sum(client.nthreads().values()))
        except Exception:
            pass
    return os.cpu_count() or 1


# --- the default pool, shared by the sweeps of one process -----------------------------------

_POOL: ProcessPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


def _shared_pool(jobs: int) -> Executor:
    """One process per core, started with `spawn` (forking a multithreaded OR-Tools can
    deadlock); a single job, or a single core, runs in this process instead."""
    cores = os.cpu_count() or 1
    if jobs <= 1 or cores <= 1:
        return SerialExecutor()
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = _new_pool(cores)
        return _POOL


def _new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"))


def _replace_shared_pool(broken: Executor) -> Executor:
    _discard_shared_pool(broken)
    return _shared_pool(2)


def _discard_shared_pool(pool: Executor) -> None:
    global _POOL
    with _POOL_LOCK:
        if pool is _POOL:
            _POOL = None
    if isinstance(pool, ProcessPoolExecutor):
        pool.shutdown(wait=False, cancel_futures=True)


# --- rows ------------------------------------------------------------------------------------


def _measures(outcome: Outcome, time_limit: float) -> dict[str, Any]:
    row = outcome.summary()
    status, reason = str(outcome.status), None
    if status == "unknown":
        status, reason = "timeout", f"no timetable within {time_limit:g} s"
    elif status == "infeasible":
        reason = "no timetable keeps every hard rule (proven)"
    elif status == "feasible":
        reason = f"time ran out before a proof (gap {outcome.gap or 0:.1%})"
    elif status == "invalid":
        reason = "the model was rejected by the solver"
    row.update(
        status=status,
        reason=reason,
        feasible=outcome.timetable is not None,
        valid=outcome.ok if outcome.validation is not None else None,
    )
    return row
