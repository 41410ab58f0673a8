"""`schedule schema`: the JSON Schema of session files, for editor completion."""

from __future__ import annotations

from scheduler.cli.app import app
from scheduler.cli.common import console, ensure_writable, planner_errors
from scheduler.cli.options import SchemaOutput


@app.command("schema")
def schema_command(output: SchemaOutput = None) -> None:
    """Print (or write) the JSON Schema of session files."""
    from scheduler.io.atomic import write_text_atomically
    from scheduler.schema import session_json_schema_text

    text = session_json_schema_text()
    if output is None:
        console.print(text, end="", markup=False)
        return
    with planner_errors():
        ensure_writable(output)
        write_text_atomically(output, text)
    console.print(str(output), markup=False)
