"""What an import gives back: session data, the planner's report, and the YAML to write.

`status` says whether the draft can be solved as it stands (`ready`) or is a partial draft the
planner must complete first (`needs-planner`); `exit_code` is what `schedule import-agenda`
exits with: 0 when ready, `DRAFT_NEEDS_PLANNER` (5) otherwise, the draft and its report being
written in both cases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from scheduler.agenda_import.bodies import StatedDeadline
from scheduler.agenda_import.yaml_text import FieldPath, to_yaml_text
from scheduler.errors import ExitCode

#: Exit code of `schedule import-agenda` for a partial draft: written, but not yet solvable.
DRAFT_NEEDS_PLANNER = int(ExitCode.DRAFT_NEEDS_PLANNER)


class ImportStatus(StrEnum):
    """Whether a draft can be solved as written."""

    READY = "ready"  # loads, and no count proves it infeasible: placeholders are marked
    NEEDS_PLANNER = "needs-planner"  # partial: the report says what to complete

    @property
    def exit_code(self) -> int:
        return 0 if self is ImportStatus.READY else DRAFT_NEEDS_PLANNER


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
    items_read: int = 0  # agenda items read from the document (placeholders not counted)
    status: ImportStatus = ImportStatus.NEEDS_PLANNER
    why_partial: list[str] = field(default_factory=list)  # when status is NEEDS_PLANNER

    @property
    def exit_code(self) -> int:
        return self.status.exit_code

    def to_yaml(self) -> str:
        """The session file: the report as comments on top, notes beside uncertain fields."""
        header = [
            f"Session file drafted by `schedule import-agenda` from {self.source or 'a document'}"
            f" ({self.language}).",
            "Fields marked TO COMPLETE, estimates and assumptions need the planner's check.",
        ]
        if self.why_partial:
            header += ["", "Partial draft: complete it before solving:"]
            header += [f"- {line}" for line in self.why_partial]
        if self.report:
            header += ["", "Report (what was not read with confidence):"]
            header += [f"- {line}" for line in self.report]
        return to_yaml_text(self.session_data, self.comments, header)

    def assess(self) -> None:
        """Set `status`: ready when the draft loads and no count proves it infeasible."""
        why = list(self.problems())
        if self.items_read == 0:
            why.insert(0, "no agenda item could be read: type the items in")
        if not why:
            why = self._infeasibilities()
        self.why_partial = why
        self.status = ImportStatus.NEEDS_PLANNER if why else ImportStatus.READY

    def _infeasibilities(self) -> list[str]:
        from scheduler.io.session_file import session_from_data
        from scheduler.prechecks import precheck

        session = session_from_data(self.session_data, file=self.source or "<import>")
        try:
            findings = precheck(session)
        except Exception as exc:  # the draft must still be written, with the reason
            return [f"the draft could not be checked ({type(exc).__name__}: {exc})"]
        return [f"cannot be solved as drafted: {finding.text('en')}" for finding in findings]

    def problems(self) -> list[str]:
        """Why the draft is not yet a valid session file (empty when it loads)."""
        from scheduler.errors import InputError
        from scheduler.io.session_file import session_from_data

        try:
            session_from_data(self.session_data, file=self.source or "<import>")
        except InputError as exc:
            return exc.message.splitlines()
        return []
