"""`schedule template`: a blank session workbook, for planners who keep sessions in Excel."""

from __future__ import annotations

from pathlib import Path

from scheduler.cli.app import app
from scheduler.cli.common import console, ensure_writable, planner_errors
from scheduler.cli.options import Force, TemplateOutput
from scheduler.errors import InputError


@app.command("template")
def template_command(
    output: TemplateOutput = Path("session.xlsx"),
    force: Force = False,
) -> None:
    """Write a blank session workbook: one sheet per part of the session, headers explained
    in their comments, drop-down lists for ids. Fill it in, then `schedule solve` it."""
    from scheduler.io.session_workbook import write_session_template

    with planner_errors():
        if output.suffix.lower() not in {".xlsx", ".xlsm"}:
            raise InputError("a session workbook is an .xlsx file", file=output, field="--output")
        if output.exists() and not force:
            raise InputError(
                "already exists; give another name or --force to replace it",
                file=output,
                field="--output",
            )
        ensure_writable(output)
        write_session_template(output)
    console.print(str(output), markup=False)
