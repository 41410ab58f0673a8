"""Errors a planner can act on, and the exit codes every command shares."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from typing import Any


class ExitCode(IntEnum):
    """Exit codes, the same for every command."""

    OK = 0
    RULES_BROKEN = 1  # the checked timetable breaks rules
    INVALID_INPUT = 2  # invalid input or usage
    INFEASIBLE = 3  # proven infeasible
    NO_TIMETABLE = 4  # no timetable found within the time limit
    DRAFT_NEEDS_PLANNER = 5  # import-agenda: a partial draft, written, to complete before solving
    OUT_OF_MEMORY = 6  # the machine (or its memory cap) had too little memory for the work


#: A value quoted in a message is cut to this many characters: enough to recognise it.
SHOWN_VALUE = 80


def shown(value: Any) -> str:
    """A value as a message quotes it (strings in quotes), cut when long."""
    text = repr(value) if isinstance(value, str) else str(value)
    if len(text) <= SHOWN_VALUE:
        return text
    return f"{text[: SHOWN_VALUE - 1]}… ({len(text):,} characters)"


class InputError(Exception):
    """Bad input, reported as `file: field: value: problem` and exit code 2."""

    exit_code = ExitCode.INVALID_INPUT

    def __init__(
        self,
        problem: str,
        *,
        file: str | Path | None = None,
        field: str | None = None,
        value: Any = None,
        has_value: bool | None = None,
    ) -> None:
        self.problem = problem
        self.file = str(file) if file is not None else None
        self.field = field
        self.value = value
        self.has_value = has_value if has_value is not None else value is not None
        super().__init__(self.message)

    @property
    def message(self) -> str:
        parts = [p for p in (self.file, self.field) if p]
        if self.has_value:
            parts.append(shown(self.value))
        parts.append(self.problem)
        return ": ".join(parts)

    def in_file(self, file: str | Path) -> InputError:
        """The same error, naming the file it came from."""
        return InputError(
            self.problem, file=file, field=self.field, value=self.value, has_value=self.has_value
        )


class InputErrors(InputError):
    """Several input errors found at once; the message lists each on its own line."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = errors
        first = errors[0]
        super().__init__(
            first.problem,
            file=first.file,
            field=first.field,
            value=first.value,
            has_value=first.has_value,
        )

    @property
    def message(self) -> str:
        return "\n".join(e.message for e in self.errors)

    def in_file(self, file: str | Path) -> InputErrors:
        return InputErrors([e.in_file(file) for e in self.errors])
