"""What every fuzzed input must respect (docs/RELIABILITY.md): refused with an `InputError`
that names the file, or accepted; a command's exit code is a documented one, with no
traceback, no output after a failure, and the inputs left as they were."""

from __future__ import annotations

import hashlib
from pathlib import Path

from click.testing import Result
from hypothesis import HealthCheck, settings

from scheduler.errors import ExitCode, InputError

#: Every fuzzing test runs the same examples each time (derandomized), without a per-example
#: deadline (a solve may take a second); the number of examples is given per test.
FUZZ = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def fuzz(examples: int) -> settings:
    """`FUZZ` with this many examples: the run's size, fixed."""
    return settings(parent=FUZZ, max_examples=examples)


DOCUMENTED = {int(code) for code in ExitCode} | {5}  # 5: import-agenda's partial draft


def refused_well(error: InputError, path: Path | str) -> None:
    """A refusal names the file and says what is wrong, on a few short lines."""
    message = error.message
    assert str(path) in message or Path(path).name in message, message
    assert message.strip(), "an empty message"
    assert all(len(line) < 2000 for line in message.splitlines()), "a value not cut"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def command_held(result: Result, inputs: dict[Path, str], outputs: list[Path]) -> None:
    """A command's documented exit, no traceback, inputs untouched, no output after failure."""
    assert result.exit_code in DOCUMENTED, result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    for path, before in inputs.items():
        assert digest(path) == before, f"{path.name} was changed"
    if result.exit_code == ExitCode.INVALID_INPUT:
        assert result.output.startswith("error: ") or "Error:" in result.output, result.output
        assert not any(p.exists() for p in outputs), "an output after a refusal"
