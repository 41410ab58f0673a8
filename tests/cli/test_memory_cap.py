"""`schedule solve` under a 2 GiB address-space cap: a timetable, or a message and its exit code.

Each run is a real subprocess with `RLIMIT_AS` set before it starts (as `ulimit -v` would),
on the bundled session and on a generated climate session three times its default size
(63,000 model terms, about 450 MB resident with two workers). Never a traceback, and no
output unless there is a timetable.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import models
from scheduler.cli import app
from scheduler.errors import ExitCode
from tests.conftest import COP9

resource = pytest.importorskip("resource")

CAP = 2 << 30  # bytes of address space: 2 GiB
#: A timetable, or no timetable with the reason: the outcomes a capped run may have.
CLEAN = {ExitCode.OK, ExitCode.INFEASIBLE, ExitCode.NO_TIMETABLE, ExitCode.OUT_OF_MEMORY}
# 12 days x 40 rooms: 480 activities, 17,280 placements (under the size limit of 60,000)
LARGER = ["--profile", "climate", "--days", "12", "--rooms", "40", "--bodies", "50"]


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))


def _schedule(*args: str, cap: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scheduler", *args],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_capped if cap else None,
    )


def _assert_clean(done: subprocess.CompletedProcess[str], out: Path) -> None:
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode in CLEAN, done.stderr
    if done.returncode == ExitCode.OK:
        assert out.stat().st_size > 0 and str(out) in done.stdout
    else:
        assert not out.exists() and done.stderr.strip(), done.stderr


def test_the_bundled_session_under_the_cap(tmp_path):
    out = tmp_path / "cop9.xlsx"
    done = _schedule("solve", str(COP9), "-o", str(out), "--workers", "1", "-q")
    _assert_clean(done, out)
    assert done.returncode == ExitCode.OK, done.stderr


@pytest.mark.slow
def test_a_larger_generated_session_under_the_cap(tmp_path):
    session = tmp_path / "climate.yaml"
    made = _schedule("generate", *LARGER, "--items", "200", "-o", str(session), "-q", cap=False)
    assert made.returncode == ExitCode.OK, made.stderr
    out = tmp_path / "climate.xlsx"
    _assert_clean(_schedule("solve", str(session), "-o", str(out), "--time-limit", "5"), out)


def test_running_out_of_memory_is_a_message_and_exit_6(tmp_path, monkeypatch):
    def exhausted(*args, **kwargs):
        raise MemoryError("std::bad_alloc")  # what CP-SAT raises when an allocation fails

    monkeypatch.setattr(models, "solve", exhausted)
    out = tmp_path / "t.xlsx"
    result = CliRunner().invoke(app, ["solve", str(COP9), "-o", str(out)])
    assert result.exit_code == ExitCode.OUT_OF_MEMORY, result.output
    assert f"error: {COP9}: out of memory; try fewer --workers" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not out.exists()
