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

from scheduler.errors import InputError
from scheduler.model_size import MAX_TIME_LIMIT, check_model_size
from scheduler.prechecks import precheck
from scheduler.result import SolveResult, SolveStatus
from scheduler.session import MAX_SEED, MAX_WORKERS, Session
from scheduler.timetable import Assignment, Timetable
from scheduler.validation import Report, validate

if TYPE_CHECKING:
    from collections.abc import Callable

    from ortools.sat.python.cp_model import IntVar as Literal

    from models import SolveProgress
    from models.context import Context, Module, PenaltyTerm
    from models.explain import Explanation
    from models.model import SessionModel
    from models.replan import ReplanResult
    from scheduler.diff import TimetableDiff
    from scheduler.rules.instances import RuleInstance
    from scheduler.validation.pins import PinConflict


#: Seconds of the time limit an explanation needs at least after an infeasible search: its
#: first step re-solves the session, and with less it could only answer "could not tell".
EXPLAIN_AT_LEAST = 1.0

#: The clock of the time limit (a test advances its own).
_clock = time.monotonic


@dataclass(frozen=True, kw_only=True)
class Explaining:
    """How to explain an infeasible session: a few more solves, each of its rules dropped.

    Unset values are the explainer's own defaults (the machine's cores, the session's seed), as
    `schedule explain` gives them; within `plan`, unset workers are the solve's own when given
    (`solve --workers 1` explains with one worker, as `explain(workers=1)` does).
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
    gap: float | None = None  # stop at this relative gap (0.01: 1 %); None: the time limit only
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
    #: Re-planned without a timetable: the kept rows that cannot all stay, and the rules why.
    kept: KeptConflict | None = None
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
    is the one given for the calendar (None: the session's `time_zone`, else the venue's).
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

    A re-plan without a timetable names the pinned rows that cannot all stay, and the rules
    they break together (`kept`, `kept_conflict`); only when the session itself has no
    timetable is it explained.

    The time limit is for the whole command: pre-check, model building, search (re-planning's
    phases together) and the explanation, which has what the search left of it. Less than
    `EXPLAIN_AT_LEAST` seconds left: no explanation (`unexplained`); `schedule explain` has
    its own time limit.
    A session whose model would be too large (`scheduler.model_size`) or settings beyond their
    limits raise `InputError` before anything is built.
    """
    from models.model import deadline  # the model (and OR-Tools) when a session is planned

    _check_settings(settings)
    check_model_size(session)
    limit = settings.time_limit_for(session)
    began = _clock()
    with deadline(limit):
        run = _plan(session, previous, settings)
        explaining = settings.explaining
        if run.status is SolveStatus.INFEASIBLE and not run.conflicts and explaining is not None:
            if previous is not None and not run.prechecked:  # the session alone may have one
                kept = kept_conflict(session, previous, settings, explaining)
                if kept is not None:
                    return replace(run, kept=kept)
            left = limit - (_clock() - began)
            if left < EXPLAIN_AT_LEAST:
                return replace(run, unexplained=True)
            explanation = _explain(session, settings, explaining, left)
            if previous is None or explanation.status != "feasible":  # not of the pinned rows
                run = replace(run, explanation=explanation)
    return run


def _plan(session: Session, previous: Timetable | None, settings: Settings) -> Run:
    import models

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
            gap=settings.gap,
        )
    else:
        from models.replan import replan  # imported when a previous timetable is kept

        replanned = replan(
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
    import models.explain  # imported when a session is infeasible

    workers = explaining.workers if explaining.workers is not None else settings.workers
    limits: dict[str, float] = {}
    if explaining.deterministic_time is not None:
        limits["deterministic_time"] = explaining.deterministic_time
    return models.explain.explain(
        session,
        lang=settings.lang,
        time_limit=time_limit,
        workers=workers or None,  # 0 (every core): the explainer's own default
        seed=explaining.seed,
        **limits,
    )


# --- kept rows that cannot all stay -----------------------------------------------------------


@dataclass(frozen=True)
class KeptConflict:
    """Pinned rows of a kept timetable that no timetable keeps together, and the rules that
    stop them: both minimal (without any one row, or any one rule, a timetable exists),
    unless `minimal` is False (the time limit stopped the search for smaller sets)."""

    session: Session
    rows: tuple[Assignment, ...]
    rules: tuple[RuleInstance, ...]
    minimal: bool = True

    def lines(self, lang: str) -> list[str]:
        """What to tell the planner, in `lang`: a heading, the rows, then the rules."""
        from scheduler.messages import word
        from scheduler.messages.terms import Act
        from scheduler.messages.terms import Slot as SlotTerm

        said = [word("cli.keep.rows", lang, count=len(self.rows))]
        for row in self.rows:
            at = SlotTerm(row.date, row.period)
            activity = Act.of(self.session, row.activity)
            said.append("  " + word("cli.keep.row", lang, activity=activity, slot=at))
        if self.rules:
            said.append(word("cli.keep.rules", lang))
            said.extend(f"  {rule.rule}: {rule.text(lang)}" for rule in self.rules)
        if not self.minimal:
            said.append(word("cli.keep.not-minimal", lang))
        return said


def kept_conflict(
    session: Session, previous: Timetable, settings: Settings, explaining: Explaining
) -> KeptConflict | None:
    """The pinned rows of `previous` that cannot all stay, and the rules they break together.

    One model with every rule and every pinned row behind a literal of its own: a solve
    assuming them all is infeasible, and CP-SAT names a subset of the literals that is
    (its core); rows, then rules, are left out one at a time while the rest stays infeasible
    (a deletion filter, each solve narrowing the candidates to its core). None when no
    pinned row is in the conflict (the session itself has no timetable) or when the time
    limit stops the first solve. Solves run with `explaining`'s workers and seed, within
    what is left of the time limit (and its deterministic time, if given).
    """
    from models.model import SessionModel, hard_modules

    rows = tuple(row for row in previous if row.pinned)
    literals: list[Literal] = []
    model = SessionModel(
        session, {**hard_modules(), "kept": _kept_rows(rows, literals)}, guarded=True
    )
    model.clear_objective()
    rules = {lit.index: instance for instance, lit in model.guards.items()}
    row_of = {lit.index: row for lit, row in zip(literals, rows, strict=True)}
    guards = list(model.guards.values())
    limit = settings.time_limit_for(session)

    def core(assumed: list[Literal]) -> set[int] | None:
        """The indices of an infeasible subset of `assumed`; None when a timetable exists."""
        return _core(model, assumed, limit, settings, explaining)

    try:
        everything = core([*literals, *guards])
    except _OutOfTime:
        return None
    if everything is None or not everything.intersection(row_of):
        return None
    kept_rows, rows_minimal = _necessary(
        [lit for lit in literals if lit.index in everything], guards, core
    )
    if not kept_rows:  # infeasible without any: the session itself has no timetable
        return None
    try:
        found = core([*kept_rows, *guards]) or set()
    except _OutOfTime:
        found, rows_minimal = {lit.index for lit in guards}, False
    kept_rules, rules_minimal = _necessary(
        [lit for lit in guards if lit.index in found], kept_rows, core
    )
    return KeptConflict(
        session,
        tuple(row_of[lit.index] for lit in kept_rows),
        tuple(rules[lit.index] for lit in kept_rules),
        minimal=rows_minimal and rules_minimal,
    )


def _kept_rows(rows: tuple[Assignment, ...], literals: list[Literal]) -> Module:
    """The pinned rows as a model module, each behind a literal (appended to `literals`)."""
    from models.replan.pins import require

    def kept(ctx: Context) -> list[PenaltyTerm]:
        """Hard, when its literal holds: a pinned row keeps its slot, room, start and minutes."""
        v, cp, session = ctx.v, ctx.model, ctx.session
        for row in rows:
            lit = cp.new_bool_var(f"kept[{row.activity}, {row.date:%a}-{row.period}]")
            literals.append(lit)
            try:
                slot = session.slot(row.date, row.period)
            except KeyError:
                cp.add_bool_or([~lit])
                continue
            key = (row.activity, slot.index)
            body = session.activity(row.activity).body
            room = v.room.get((body, row.room, slot.index))
            if key not in v.part or room is None:
                cp.add_bool_or([~lit])
                continue
            require(cp, v.part[key] == 1, lit)
            require(cp, v.minutes[key] == row.minutes, lit)
            offset = int((row.start_at - slot.start).total_seconds() // 60)
            require(cp, v.start[key] == offset, lit)
            require(cp, room == 1, lit)
        return []

    return kept


class _OutOfTime(Exception):
    """A solve of `kept_conflict` that the time limit stopped before it could tell."""


def _core(
    model: SessionModel,
    assumed: list[Literal],
    limit: float,
    settings: Settings,
    explaining: Explaining,
) -> set[int] | None:
    """Solve assuming `assumed`: the indices of an infeasible subset of them (CP-SAT's
    core), None when a timetable exists; `_OutOfTime` when the time limit stopped it."""
    from ortools.sat.python import cp_model

    from models.model import time_left

    model.model.clear_assumptions()
    model.model.add_assumptions(assumed)
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.num_workers = 1 if explaining.workers is None else explaining.workers
    params.random_seed = model.session.solver.seed if explaining.seed is None else explaining.seed
    params.max_time_in_seconds = time_left(limit)
    if explaining.deterministic_time is not None:
        params.max_deterministic_time = explaining.deterministic_time
    status = model.solve_with(solver)
    if status == cp_model.INFEASIBLE:
        return set(solver.sufficient_assumptions_for_infeasibility())
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    raise _OutOfTime


def _necessary(
    candidates: list[Literal],
    fixed: list[Literal],
    core: Callable[[list[Literal]], set[int] | None],
) -> tuple[list[Literal], bool]:
    """The candidates that, with `fixed`, stay infeasible and none of which can be left out,
    and whether that is proven (False: a solve ran out of time, the rest is kept)."""
    necessary: list[Literal] = []
    rest = list(candidates)
    while rest:
        first, rest = rest[0], rest[1:]
        try:
            found = core([*fixed, *necessary, *rest])
        except _OutOfTime:
            return [*necessary, first, *rest], False
        if found is None:  # a timetable exists without `first`: it is needed
            necessary.append(first)
        else:  # still infeasible: `first` goes, and what is not in the new core
            rest = [lit for lit in rest if lit.index in found]
    return necessary, True


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
    if settings.gap is not None and not 0 <= settings.gap <= 1:  # also refuses NaN
        raise InputError(
            "must be from 0 to 1 (0.01: stop at a 1 % gap)", field="gap", value=settings.gap
        )
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
