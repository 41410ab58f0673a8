"""`schedule import-agenda`: draft a session file from an annotated provisional agenda."""

from __future__ import annotations

from pathlib import Path

from scheduler.cli.app import app
from scheduler.cli.common import console, ensure_writable, err_console, planner_errors
from scheduler.cli.options import AgendaDocument, DocumentLanguage, Quiet, SessionOutput
from scheduler.errors import InputError


@app.command("import-agenda")
def import_agenda_command(
    document: AgendaDocument,
    output: SessionOutput,
    lang: DocumentLanguage = None,
    quiet: Quiet = False,
) -> None:
    """Read an agenda document and write a session file the planner only has to complete.

    Exits 0 when the draft can be solved as written, 5 when it is a partial draft (written,
    with the report of what to complete first).
    """
    import typer

    from scheduler.agenda_import import import_agenda
    from scheduler.io.atomic import write_text_atomically

    with planner_errors():
        ensure_writable(output, inputs={"DOCUMENT": document})
        _refuse_large(document)
        result = import_agenda(document, lang=lang)
        write_text_atomically(output, result.to_yaml())
    if not quiet:
        err_console.print(
            f"read {result.items_read} agenda items ({result.language}); "
            f"{len(result.report)} point(s) to complete or check:",
            markup=False,
        )
        for line in result.report:
            err_console.print(f"  - {line}", markup=False)
        for problem in result.why_partial:
            err_console.print(f"  partial draft, complete before solving: {problem}", markup=False)
    console.print(str(output), markup=False)
    if result.exit_code:
        raise typer.Exit(result.exit_code)


#: An agenda, annotations and annex included, is some 50 pages: under 2 MB as .docx or .pdf,
#: a few hundred KB as text. Larger files are refused before they are read.
MAX_DOCUMENT_BYTES = 20 * 2**20


def _refuse_large(document: Path) -> None:
    try:
        size = document.stat().st_size
    except OSError:
        return  # missing or unreadable: the reader says so in its own words
    if size > MAX_DOCUMENT_BYTES:
        raise InputError(
            f"is {size / 2**20:,.1f} MiB; an agenda document is at most "
            f"{MAX_DOCUMENT_BYTES // 2**20} MiB",
            file=document,
        )
