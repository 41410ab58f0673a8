"""Every option and argument of the `schedule` commands, declared once.

A command's signature names the type and gives the default, which may differ by command
(`--lang` is French for what is published, English for what is checked or explained):

    def solve_command(lang: Language = Lang.fr, workers: Workers = None, quiet: Quiet = False)

An option that means the same thing in several commands is one type here, with one help text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from scheduler.cli.common import Lang
from scheduler.model_size import MAX_TIME_LIMIT
from scheduler.session import MAX_SEED, MAX_WORKERS

# --- shared by several commands -------------------------------------------------------------

Language = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help="Language of what is written and printed (default: the session's `language`, "
        "else the command's own).",
        show_default=False,
    ),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print only the output paths.")]
Workers = Annotated[
    int | None,
    typer.Option("--workers", min=0, max=MAX_WORKERS, help="Solver threads; 0: all."),
]
Seed = Annotated[
    int | None,
    typer.Option(
        "--seed",
        min=0,
        max=MAX_SEED,
        help="Random seed of the search; given, a run that ends before its time limit is "
        "reproducible with any number of workers (slower with several).",
    ),
]
SessionFile = Annotated[Path, typer.Argument(help="Session file (YAML or session workbook).")]
Docx = Annotated[Path | None, typer.Option("--docx", help="Write the annex as a Word document.")]
Ics = Annotated[Path | None, typer.Option("--ics", help="Write the meetings as a calendar.")]
Programme = Annotated[
    Path | None, typer.Option("--programme", help="Write the daily programme (a workbook).")
]
Timezone = Annotated[
    str | None,
    typer.Option(
        "--timezone",
        help="Time zone of the venue for the calendar, e.g. Europe/Vienna. "
        "Default: the session's time_zone, else the venue's (Vienna: Europe/Vienna); times "
        "float only when neither is known.",
    ),
]
SessionOutput = Annotated[
    Path, typer.Option("-o", "--output", help="Session file (YAML) to write.")
]

ShowVersion = Annotated[
    bool, typer.Option("--version", is_eager=True, help="Print the version and exit.")
]

# --- schedule solve ---------------------------------------------------------------------------

SessionOrBundled = Annotated[
    Path | None,
    typer.Argument(
        help="Session file (YAML or session workbook). Default: the bundled COP9 session.",
        show_default=False,
    ),
]
TimetableOutput = Annotated[
    Path | None,
    typer.Option("-o", "--output", help="Workbook to write. Default: <session>-timetable.xlsx"),
]
TimeLimit = Annotated[
    float | None,
    typer.Option(
        "--time-limit",
        min=0.001,
        max=MAX_TIME_LIMIT,
        help="Seconds for the whole solve, model building included (default: the session's).",
    ),
]
Gap = Annotated[
    float | None,
    typer.Option(
        "--gap",
        min=0.0,
        max=1.0,
        help="Stop once the timetable is within this relative gap of the bound (0.01: 1 %); "
        "it is then valid, not proven optimal. Default: only --time-limit stops the search.",
    ),
]
Log = Annotated[Path | None, typer.Option("--log", help="Write the solver's own log there.")]
Plot = Annotated[
    Path | None, typer.Option("--plot", help="Also draw the timetable (.png, .svg or .pdf).")
]
Keep = Annotated[
    Path | None,
    typer.Option(
        "--keep",
        help="Re-plan an earlier timetable workbook: its pinned rows stay, the fewest and "
        "smallest changes move the rest. A session file (.yaml): every row of its published "
        "grid stays, the rest is solved.",
    ),
]

# --- schedule explain -------------------------------------------------------------------------

TimeLimitForAll = Annotated[
    float | None,
    typer.Option(
        "--time-limit",
        min=0.001,
        max=MAX_TIME_LIMIT,
        help="Seconds for all solves (default: the session's).",
    ),
]

DeterministicTime = Annotated[
    float | None,
    typer.Option(
        "--deterministic-time",
        min=0.001,
        max=MAX_TIME_LIMIT,
        help="Bound each solve in CP-SAT's deterministic time (its own units of work, about "
        "a second each) instead of seconds: the same explanation on a busy machine as on an "
        "idle one. With --time-limit too, both bound.",
    ),
]

# --- schedule check ---------------------------------------------------------------------------

CheckedTimetable = Annotated[
    Path | None,
    typer.Argument(
        help="Timetable workbook whose Assignments sheet is checked.", show_default=False
    ),
]
Published = Annotated[
    bool, typer.Option("--published", help="Check the session's published timetable instead.")
]

# --- schedule export --------------------------------------------------------------------------

TimetableWorkbook = Annotated[
    Path, typer.Argument(help="Timetable workbook (its Assignments sheet).")
]
SessionOfTimetable = Annotated[
    Path | None,
    typer.Option(
        "--session",
        "-s",
        help="Session file the timetable was made for. Default: the bundled COP9 session.",
        show_default=False,
    ),
]

Draft = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Publish a timetable that breaks rules anyway, each document marked "
        '"DRAFT: this timetable breaks N rules".',
    ),
]

# --- schedule diff ----------------------------------------------------------------------------

Before = Annotated[Path, typer.Argument(help="Earlier timetable workbook (its Assignments sheet).")]
After = Annotated[Path, typer.Argument(help="Later timetable workbook.")]
DiffOutput = Annotated[
    Path | None,
    typer.Option("-o", "--output", help="Also write the differences as a workbook there."),
]
DiffSession = Annotated[
    Path | None,
    typer.Option("--session", help="Session file: agenda order, titles and exact half-days."),
]

# --- schedule generate ------------------------------------------------------------------------

Profile = Annotated[
    str,
    typer.Option("--profile", help="treaty-cop, commission or climate (the shape of the session)."),
]
Days = Annotated[int | None, typer.Option("--days", min=1, help="Working days.")]
Rooms = Annotated[int | None, typer.Option("--rooms", min=1, help="Rooms.")]
Bodies = Annotated[int | None, typer.Option("--bodies", min=1, help="Bodies.")]
Items = Annotated[int | None, typer.Option("--items", min=1, help="Agenda items.")]
GeneratorSeed = Annotated[
    int, typer.Option("--seed", min=0, max=MAX_SEED, help="The same seed gives the same session.")
]
Tight = Annotated[bool, typer.Option("--tight", help="Little slack: hard, still feasible.")]

# --- schedule template, convert, schema, import-agenda ----------------------------------------

TemplateOutput = Annotated[Path, typer.Option("-o", "--output", help="Workbook to write.")]
Force = Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")]
ConvertSource = Annotated[
    Path, typer.Argument(help="Session file (YAML) or session workbook (.xlsx).")
]
ConvertTarget = Annotated[Path, typer.Argument(help="File to write; its suffix chooses the form.")]
SchemaOutput = Annotated[Path | None, typer.Option("-o", "--output", help="Write it there.")]
AgendaDocument = Annotated[Path, typer.Argument(help="The agenda: plain text, .docx or .pdf.")]
DocumentLanguage = Annotated[
    str | None,
    typer.Option("--lang", help="Language of the document (fr, en). Default: detected."),
]

# --- schedule sweep ---------------------------------------------------------------------------

Vary = Annotated[
    list[str],
    typer.Option(
        "--vary",
        help="A parameter and its values: budget=12..20 (a range) or teams=1,2 (a list); "
        "repeat for each parameter. Known: budget, teams, days, parallel_cap, "
        "evening_meetings (yes/no).",
    ),
]
SweepExecutor = Annotated[
    str,
    typer.Option(
        "--executor",
        help="local (a process per core), serial (this process), or dask://HOST:PORT "
        "(a Dask scheduler; needs schedule[dask]).",
    ),
]
SweepOutput = Annotated[Path, typer.Option("-o", "--output", help="Workbook to write.")]
SweepCache = Annotated[
    Path | None,
    typer.Option("--cache", help="Folder of solved variants: a rerun solves only what is new."),
]

# --- schedule why -----------------------------------------------------------------------------

ActivityId = Annotated[str, typer.Argument(help="The item or meeting (its id in the file).")]
CompareWith = Annotated[
    Path | None,
    typer.Option("--timetable", help="Compare with this timetable workbook, not the optimum."),
]
