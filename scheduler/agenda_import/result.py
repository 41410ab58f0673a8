"""What an import gives back: session data, the planner's report, and the YAML to write."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scheduler.agenda_import.bodies import StatedDeadline
from scheduler.agenda_import.yaml_text import FieldPath, to_yaml_text


@dataclass
class ImportResult:
    """A drafted session file.

    `session_data` is input for `session_from_data` once the planner has completed it (fields
    that could not be read hold placeholders marked TO BE COMPLETED); `report` lists
    everything not read with confidence; `comments` are the notes per field path.
    """

    session_data: dict[str, Any]
    report: list[str]
    comments: dict[FieldPath, str] = field(default_factory=dict)
    source: str = ""
    language: str = "en"
    deadlines: list[StatedDeadline] = field(default_factory=list)

    def to_yaml(self) -> str:
        """The session file: the report as comments on top, notes beside uncertain fields."""
        header = [
            f"Session file drafted by `schedule import-agenda` from {self.source or 'a document'}"
            f" ({self.language}).",
            "Fields marked TO COMPLETE, estimates and assumptions need the planner's check.",
        ]
        if self.report:
            header += ["", "Report (what was not read with confidence):"]
            header += [f"- {line}" for line in self.report]
        return to_yaml_text(self.session_data, self.comments, header)

    def problems(self) -> list[str]:
        """Why the draft is not yet a valid session file (empty when it loads)."""
        from scheduler.errors import InputError
        from scheduler.io.session_file import session_from_data

        try:
            session_from_data(self.session_data, file=self.source or "<import>")
        except InputError as exc:
            return exc.message.splitlines()
        return []
