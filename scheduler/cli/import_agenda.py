"""`schedule import-agenda`: draft a session file from an annotated provisional agenda."""

from __future__ import annotations

from scheduler.cli.app import app
from scheduler.cli.common import console, ensure_writable, err_console, planner_errors
from scheduler.cli.options import AgendaDocument, DocumentLanguage, Quiet, SessionOutput


@app.command("import-agenda")
def import_agenda_command(
    document: AgendaDocument,
    output: SessionOutput,
    lang: DocumentLanguage = None,
    quiet: Quiet = False,
) -> None:
    """Read an agenda document and write a session file the planner only has to complete."""
    from scheduler.agenda_import import import_agenda
    from scheduler.io.atomic import write_text_atomically

    with planner_errors():
        ensure_writable(output, inputs={"DOCUMENT": document})
        result = import_agenda(document, lang=lang)
        write_text_atomically(output, result.to_yaml())
    if not quiet:
        items = result.session_data.get("items", [])
        err_console.print(
            f"read {len(items)} agenda items ({result.language}); "
            f"{len(result.report)} point(s) to complete or check:",
            markup=False,
        )
        for line in result.report:
            err_console.print(f"  - {line}", markup=False)
        for problem in result.problems():
            err_console.print(f"  to complete before solving: {problem}", markup=False)
    console.print(str(output), markup=False)
