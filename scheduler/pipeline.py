"""One pipeline from a session to what the secretariat publishes: plan, then publish.

    run = plan(session, settings=Settings(time_limit=10, workers=1))
    publish(run, Targets(lang="fr", workbook=Path("timetable.xlsx"), docx=Path("annex.docx")))

`plan` solves the session (or re-plans an earlier timetable, keeping its pinned rows), checks
the timetable with the independent validator and, when there is none, explains why. `publish`
writes the timetable workbook, the Word annex, the calendar, the daily programme and the
picture, each file atomically. `schedule solve`, `schedule export` and `scheduler.solve` are
thin layers on these two: they only read options and print.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import models
import models.explain
import models.replan
from models import SolveProgress
from models.model import deadline
from scheduler.errors import InputError
from scheduler.model_size import MAX_TIME_LIMIT, check_model_size
from scheduler.prechecks import precheck
from scheduler.result import SolveResult, SolveStatus
from scheduler.session import MAX_SEED, MAX_WORKERS, Session
from scheduler.timetable import Timetable
from scheduler.validation import Report, validate

if TYPE_CHECKING:
    from collections.abc import Callable

    from models.explain import Explanation
    from models.replan import ReplanResult
    from scheduler.diff import TimetableDiff
    from scheduler.validation.pins import PinConflict


#: Seconds of the time limit an explanation needs at least after an infeasible search: its
#: first step re-solves the session, and with less it could only answer "could not tell".
EXPLAIN_AT_LEAST = 1.0

#: The clock of the time limit (a test advances its own).
_clock = time.monotonic


@dataclass(frozen=True, kw_only=True)
class Explaining:
    """How to explain an infeasible session: a few more solves, each of its rules dropped.

    Unset values are the explainer's own defaults: one worker (the same conflict from run to
    run) and the session's seed, as `schedule explain` gives them.
    """

    workers: int | None = None
    seed: int | None = None
    #: CP-SAT deterministic time per solve: the same explanation on a busy machine (tests).
    deterministic_time: float | None = None


@dataclass(frozen=True, kw_only=True)
class Settings:
    """How to plan a session; unset solver settings come from the session's `solver:` block."""

    time_limit: float | None = None  # seconds for all of `plan`, explanation included
    workers: int | None = None  # solver threads; 0: all cores
    seed: int | None = None
    log_path: Path | None = None  # the solver's own log
    on_solution: Callable[[SolveProgress], None] | None = None  # at each better timetable
    hint: Timetable | None = None  # a timetable to start the search from (solving only)
    lang: str = "en"  # of the explanation
    precheck: bool = True  # an impossibility proven by counting stops before any search
    explaining: Explaining | None = field(default_factory=Explaining)  # None: no explanation

    def time_limit_for(self, session: Session) -> float:
        """The time limit in force: this one, or the session's."""
        return self.time_limit if self.time_limit is not None else session.solver.time_limit


@dataclass(frozen=True, kw_only=True)
class Run:
    """A session planned (or a timetable given to publish), with its check and explanation.

    `result` is the solver's (None for a timetable read from a workbook); `validation` is the
    independent validator's report on the timetable; `explanation` says why there is none
    (from `models.explain`, when the session is infeasible); `replanned` is the re-plan's own
    answer when an earlier timetable was kept.
    """

    session: Session
    timetable: Timetable | None
    result: SolveResult | None = None
    validation: Report | None = None
    explanation: Explanation | None = None
    replanned: ReplanResult | None = None
    prechecked: bool = False  # proven impossible by counting: no search ran
    #: Infeasible, but too little of the time limit was left to explain it (`EXPLAIN_AT_LEAST`).
    unexplained: bool = False
    settings: Settings = field(default_factory=Settings)

    @classmethod
    def given(cls, session: Session, timetable: Timetable, validation: Report | None = None) -> Run:
        """A timetable that was not solved here (read from a workbook), ready to publish;
        with the validator's `validation`, what is published says whether it breaks rules."""
        return cls(session=session, timetable=timetable, validation=validation)

    @property
    def status(self) -> SolveStatus | None:
        """The solver's status; None for a timetable given."""
        return self.result.status if self.result is not None else None

    @property
    def conflicts(self) -> tuple[PinConflict, ...]:
        """Rules that the kept timetable's pinned rows break by themselves (no search ran)."""
        return self.replanned.conflicts if self.replanned is not None else ()

    @property
    def changes(self) -> TimetableDiff | None:
        """Earlier timetable -> this one, when re-planned and solved."""
        return self.replanned.changes if self.replanned is not None else None

    @property
    def time_limit(self) -> float:
        """The time limit the search had."""
        return self.settings.time_limit_for(self.session)


@dataclass(frozen=True, kw_only=True)
class Targets:
    """What to publish and where; a None path is not written.

    `session_file` is recorded, with its SHA-256, on the workbook's `Solve` sheet; `timezone`
    is the venue's, for the calendar (None: local times without a zone).
    """

    lang: str
    workbook: Path | None = None
    docx: Path | None = None
    ics: Path | None = None
    programme: Path | None = None
    plot: Path | None = None
    timezone: str | None = None
    session_file: Path | None = None

    def outputs(self) -> dict[str, Path | None]:
        """The paths to write, by the option of `schedule solve` that names each."""
        return {
            "--output": self.workbook,
            "--docx": self.docx,
            "--ics": self.ics,
            "--programme": self.programme,
            "--plot": self.plot,
        }


def plan(session: Session, *, previous: Timetable | None = None, settings: Settings) -> Run:
    """Solve `session`, or re-plan `previous` keeping its pinned rows; check; explain a failure.

    The timetable found is checked by the independent validator (`validation`). Without a
    timetable, an infeasible session is explained (`explanation`) unless
    `settings.explaining` is None; pinned rows that break rules by themselves are named in
    `conflicts`, and then nothing is searched nor explained.

    The time limit is for the whole command: pre-check, model building, search (re-planning's
    phases together) and the explanation, which has what the search left of it. Less than
    `EXPLAIN_AT_LEAST` seconds left: no explanation (`unexplained`); `schedule explain` has
    its own time limit.
    A session whose model would be too large (`scheduler.model_size`) or settings beyond their
    limits raise `InputError` before anything is built.
    """
    _check_settings(settings)
    check_model_size(session)
    limit = settings.time_limit_for(session)
    began = _clock()
    with deadline(limit):
        run = _plan(session, previous, settings)
        explaining = settings.explaining
        if run.status is SolveStatus.INFEASIBLE and not run.conflicts and explaining is not None:
            left = limit - (_clock() - began)
            if left < EXPLAIN_AT_LEAST:
                return replace(run, unexplained=True)
            run = replace(run, explanation=_explain(session, settings, explaining, left))
    return run


def _plan(session: Session, previous: Timetable | None, settings: Settings) -> Run:
    if settings.precheck and precheck(session):
        return _without_timetable(
            session, SolveResult(SolveStatus.INFEASIBLE, None), settings, prechecked=True
        )
    replanned = None
    if previous is None:
        result = models.solve(
            session,
            time_limit=settings.time_limit,
            workers=settings.workers,
            seed=settings.seed,
            log_path=settings.log_path,
            on_solution=settings.on_solution,
            hint=settings.hint,
        )
    else:
        replanned = models.replan.replan(
            session,
            previous,
            time_limit=settings.time_limit,
            workers=settings.workers,
            seed=settings.seed,
            log_path=settings.log_path,
            on_solution=settings.on_solution,
        )
        result = replanned.result
        if replanned.conflicts:
            return Run(
                session=session,
                timetable=None,
                result=result,
                replanned=replanned,
                settings=settings,
            )
    if result.timetable is None:
        return _without_timetable(session, result, settings, replanned=replanned)
    return Run(
        session=session,
        timetable=result.timetable,
        result=result,
        validation=validate(session, result.timetable),
        replanned=replanned,
        settings=settings,
    )


def publish(run: Run, targets: Targets) -> list[Path]:
    """Write each target, atomically, in this order; the paths written.

    Workbook, Word annex, calendar, daily programme, picture. An unwritable path, an output
    that is the session file or another output, or an unknown language raises `InputError`;
    the files written before it stay, complete. A timetable whose `validation` breaks rules
    is published as a draft: the annex, the calendar and the programme say so
    (`scheduler.io.draft`), the workbook lists the findings.
    """
    from scheduler.io.atomic import refuse_clashes
    from scheduler.io.draft import draft_mark
    from scheduler.io.timetable_workbook import write_workbook

    refuse_clashes(targets.outputs(), {"the session file": targets.session_file})

    timetable = run.timetable
    if timetable is None:
        raise ValueError("nothing to publish: the run has no timetable")
    session, lang = run.session, targets.lang
    draft = draft_mark(run.validation, lang)
    written: list[Path] = []
    if targets.workbook is not None:
        write_workbook(
            targets.workbook,
            session,
            timetable,
            run.result,
            run.validation,
            lang=lang,
            session_file=targets.session_file,
            changes=run.changes,
        )
        written.append(targets.workbook)
    if targets.docx is not None:
        _write_docx(targets.docx, session, timetable, lang, draft)
        written.append(targets.docx)
    if targets.ics is not None:
        from scheduler.io.ics import write_ics

        write_ics(targets.ics, session, timetable, lang, timezone=targets.timezone, draft=draft)
        written.append(targets.ics)
    if targets.programme is not None:
        from scheduler.io.programme import write_programme

        write_programme(targets.programme, session, timetable, lang, draft=draft)
        written.append(targets.programme)
    if targets.plot is not None:
        from scheduler.plots import save_plot

        written.append(save_plot(targets.plot, session, timetable, lang=lang))
    return written


def _write_docx(
    path: Path, session: Session, timetable: Timetable, lang: str, draft: str | None
) -> None:
    """The Word annex; a draft's carries its mark above the heading and on every page."""
    from scheduler.io.docx_annex import annex_document, write_annex_docx

    if draft is None:
        write_annex_docx(path, session, timetable, lang)
        return
    from scheduler.io.atomic import write_atomically
    from scheduler.io.draft import mark_document
    from scheduler.labels import labels

    document = annex_document(session, timetable, lang)
    mark_document(document, draft, rtl=labels(lang).rtl)
    try:
        write_atomically(path, lambda tmp: document.save(str(tmp)))
    except OSError as exc:
        raise InputError(f"cannot be written ({exc.strerror or exc})", file=path) from None


def _without_timetable(
    session: Session,
    result: SolveResult,
    settings: Settings,
    *,
    prechecked: bool = False,
    replanned: ReplanResult | None = None,
) -> Run:
    """The run of a session with no timetable (`plan` explains it when proven infeasible)."""
    return Run(
        session=session,
        timetable=None,
        result=result,
        replanned=replanned,
        prechecked=prechecked,
        settings=settings,
    )


def explain(session: Session, *, settings: Settings) -> Explanation:
    """Why `session` has no timetable: the few rules that cannot all hold, and what each buys.

    Without a search for the best timetable: the explainer only asks which rules give way
    (`models.explain`), with `settings.explaining`'s workers and seed, within the time limit.
    """
    _check_settings(settings)
    check_model_size(session)
    return _explain(session, settings, settings.explaining or Explaining(), settings.time_limit)


def _explain(
    session: Session, settings: Settings, explaining: Explaining, time_limit: float | None
) -> Explanation:
    limits: dict[str, float] = {}
    if explaining.deterministic_time is not None:
        limits["deterministic_time"] = explaining.deterministic_time
    return models.explain.explain(
        session,
        lang=settings.lang,
        time_limit=time_limit,
        workers=explaining.workers,
        seed=explaining.seed,
        **limits,
    )


def _check_settings(settings: Settings) -> None:
    """Workers and seeds within what the session file allows (CP-SAT refuses the rest)."""
    explaining = settings.explaining or Explaining()
    for name, value, most in (
        ("workers", settings.workers, MAX_WORKERS),
        ("seed", settings.seed, MAX_SEED),
        ("explaining.workers", explaining.workers, MAX_WORKERS),
        ("explaining.seed", explaining.seed, MAX_SEED),
    ):
        if value is not None and not 0 <= value <= most:
            raise InputError(f"must be from 0 to {most:,}", field=name, value=value)
    limit = settings.time_limit
    if limit is not None and not 0 < limit <= MAX_TIME_LIMIT:  # also refuses NaN
        raise InputError(
            f"must be more than 0 and at most {MAX_TIME_LIMIT:,} seconds",
            field="time_limit",
            value=limit,
        )


__all__ = [
    "EXPLAIN_AT_LEAST",
    "Explaining",
    "Run",
    "Settings",
    "Targets",
    "explain",
    "plan",
    "publish",
]
