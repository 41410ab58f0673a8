"""What every command shares: consoles, planner-readable errors, output paths."""

from __future__ import annotations

import gc
import importlib
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import typer

from scheduler.errors import ExitCode, InputError
from scheduler.io.atomic import refuse_clashes, refuse_unsafe_target
from scheduler.io.session_file import load_session
from scheduler.session import Session

if TYPE_CHECKING:
    from rich.console import Console

    from scheduler.validation import Report


class LazyConsole:
    """A rich console (no highlighting, soft wrap) made on its first real use.

    rich's import and console take about 0.04 s of every command's start-up, and a command
    that prints only a path (`--quiet`) or a line of plain words needs neither: a single
    plain string printed without markup, of the characters rich would print as they are, is
    written to the stream at once. Anything else (tables, styles, markup, emoji codes, control
    characters, tabs, several lines) goes to rich, which prints it as it always has; so does
    every attribute of rich's console (`is_terminal`, `width`, ...).
    """

    def __init__(self, stderr: bool = False) -> None:
        self._stderr = stderr
        self._rich: Console | None = None

    @property
    def rich(self) -> Console:
        """rich's own console, imported and made now if it is not yet."""
        if self._rich is None:
            from rich.console import Console

            self._rich = Console(stderr=self._stderr, highlight=False, soft_wrap=True)
        return self._rich

    def print(self, *objects: Any, markup: bool | None = None, **options: Any) -> None:
        """As rich's `Console.print`."""
        if self._rich is None and not options and markup is False and len(objects) == 1:
            text = objects[0]
            if type(text) is str and _plain(text, self._stream()):
                stream = self._stream()
                stream.write(text + "\n")
                stream.flush()
                return
        self.rich.print(*objects, markup=markup, **options)

    def _stream(self) -> TextIO:
        return sys.stderr if self._stderr else sys.stdout  # as rich: the stream of the moment

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rich, name)


def _plain(text: str, stream: TextIO) -> bool:
    """Whether rich prints `text` as it is: one line of printable characters (no tab, no
    control character), no `:` (rich reads `:name:` as an emoji), that the stream can encode."""
    if not text.isprintable() or ":" in text:
        return False
    if text.isascii():
        return True
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    return encoding == "utf8"


console = LazyConsole()
err_console = LazyConsole(stderr=True)


class Lang(StrEnum):
    """The six official languages of the United Nations: of what is written and printed."""

    ar = "ar"
    zh = "zh"
    en = "en"
    fr = "fr"
    ru = "ru"
    es = "es"


def language(asked: Lang | None, session: Session, default: Lang) -> str:
    """The language of what a command writes: `--lang`, else the session's, else `default`."""
    if asked is not None:
        return asked.value
    return session.session.language or default.value


def exit_with(code: ExitCode) -> typer.Exit:
    return typer.Exit(int(code))


def resume_collector(*modules: str) -> None:
    """Import `modules` (what the command is about to use), then give the process back its
    cyclic garbage collector, which `scheduler.cli.main` paused for the start-up: what
    start-up made is frozen first (`gc.freeze`: modules, classes, the session, all kept until
    the process ends), so no collection walks it again. Once resumed, or when the collector
    was never paused (typer's `CliRunner`, a notebook), nothing changes."""
    if gc.isenabled():
        return
    for module in modules:
        importlib.import_module(module)
    gc.freeze()
    gc.enable()


@contextmanager
def planner_errors(file: Path | None = None, *, resume: bool = True) -> Iterator[None]:
    """Turn input errors into one clear message on stderr and exit code 2, never a traceback;
    an error that names no file is said of `file` (the session, for what the model refuses).
    Running out of memory is a message too, exit code 6.

    Each command's work runs in it, so it resumes the garbage collector first
    (`resume_collector`), unless told not to by a command that resumes it itself, later."""
    if resume:
        resume_collector()
    try:
        yield
    except InputError as exc:
        if exc.file is None and file is not None:
            exc = exc.in_file(file)
        err_console.print(f"error: {exc.message}", markup=False)
        raise exit_with(exc.exit_code) from None
    except MemoryError:  # CP-SAT's std::bad_alloc too, under a memory cap (ulimit -v)
        where = f"{file}: " if file is not None else ""
        err_console.print(
            f"error: {where}out of memory; try fewer --workers, a smaller session, or a "
            "machine with more memory",
            markup=False,
        )
        raise exit_with(ExitCode.OUT_OF_MEMORY) from None


def load(session_path: Path | None) -> tuple[Session, Path]:
    """The session at `session_path`, or the bundled COP9 session."""
    from scheduler.bundled import bundled_session_path

    path = session_path if session_path is not None else bundled_session_path()
    return load_session(path), path


def ensure_writable(
    path: Path, option: str = "--output", inputs: Mapping[str, Path | None] | None = None
) -> None:
    """Refuse an output path that cannot be written, before any long work starts: a folder,
    a missing folder, no permission, no regular file, or one of the `inputs` (by option)."""
    ensure_all_writable({option: path}, inputs)


def _ensure_one_writable(path: Path, option: str) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    refuse_unsafe_target(path, option)
    if path.is_dir():
        raise InputError("is a folder; give a file name", file=path, field=option)
    if not folder.is_dir():
        raise InputError(f"the folder {str(folder)!r} does not exist", file=path, field=option)
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise InputError("cannot be written (permission denied)", file=path, field=option)


def ensure_all_writable(
    paths: Mapping[str, Path | None],
    inputs: Mapping[str, Path | None] | None = None,
    suffixes: Mapping[str, str] | None = None,
) -> None:
    """`ensure_writable` for each path given, by option name, in order; no two the same file;
    each option of `suffixes` ending as it says. An output open in an office program is
    written, with a warning (`warn_if_open`)."""
    for option, path in paths.items():
        if path is not None:
            _ensure_one_writable(path, option)
    refuse_clashes(paths, inputs or {})
    for option, path in paths.items():
        if path is not None and suffixes and option in suffixes:
            require_suffix(path, option, suffixes[option])
    for path in paths.values():
        if path is not None:
            warn_if_open(path)


#: What each published file is, by the option that names it: its name must end so, for the
#: program that opens it to know what it holds.
PUBLISHED_SUFFIXES = {"--docx": ".docx", "--ics": ".ics", "--programme": ".xlsx"}


def require_suffix(path: Path, option: str, suffix: str) -> None:
    """Refuse a name that does not end in `suffix`: `-o t.csv` would hold a workbook that no
    program opens as what its name says."""
    if path.suffix.lower() != suffix:
        raise InputError(
            f"the file written is {suffix[1:]}: give a name ending in {suffix} "
            f"(e.g. {path.with_suffix(suffix).name})",
            file=path,
            field=option,
        )


def lock_file(path: Path) -> Path | None:
    """The lock file an office program keeps beside `path` while it has it open, if any:
    LibreOffice's `.~lock.NAME#`, Excel's and Word's `~$NAME` (the name's first one or two
    letters replaced when it is long)."""
    name = path.name
    candidates = [f".~lock.{name}#", f"~${name}", f"~${name[1:]}", f"~${name[2:]}"]
    for candidate in candidates:
        lock = path.with_name(candidate)
        if lock.is_file():
            return lock
    return None


def warn_if_open(path: Path) -> None:
    """Warn that `path` is open in an office program: it is replaced all the same, and the
    program, saving its old copy, would replace the new file."""
    lock = lock_file(path)
    if lock is not None and path.exists():
        err_console.print(
            f"warning: {path}: open in another program (its lock file {lock.name} is beside "
            "it); it is replaced now: close it there without saving, then open it again",
            markup=False,
        )


def warn(text: str | None) -> None:
    """Print a warning on stderr, if there is one."""
    if text:
        err_console.print(f"warning: {text}", markup=False)


def warn_of_missing_titles(session: Session, lang: str) -> None:
    """Warn, even with --quiet, that titles or body names missing in `lang` are printed in
    English: the documents then mix languages, which a planner must know before sending them."""
    from scheduler.labels import missing_titles_warning

    warn(missing_titles_warning(session, lang))


def is_terminal() -> bool:
    return sys.stdout.isatty()


def print_findings(report: Report, what: str, lang: str, out: LazyConsole) -> None:
    """The rules a timetable breaks, as `schedule check` prints them: a summary line, then one
    line per finding."""
    from scheduler.messages import word

    broken = report.broken_rules()
    names = ", ".join(broken)
    summary = word(
        "cli.check.broken",
        lang,
        what=what,
        count=len(report.findings),
        rules=len(broken),
        names=names,
    )
    out.print(summary, markup=False)
    for finding in report.findings:
        out.print(f"  {finding.rule}: {finding.text(lang)}", markup=False)
