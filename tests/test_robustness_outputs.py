"""Outputs never destroy inputs, and a failed write is a message, not a traceback.

Each case is a small reproducer made here: an output that is an input or another output, a
symbolic link, a pipe, a device; a temporary left by a killed run; a full disk (a write that
raises ENOSPC) and a file-size limit (`ulimit -f`, in a subprocess).
"""

from __future__ import annotations

import errno
import gc
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.errors import ExitCode
from scheduler.io.atomic import atomic_path, temporaries_of
from tests.conftest import TINY

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args))


def _tiny(tmp_path: Path) -> Path:
    path = tmp_path / "S.yaml"
    path.write_bytes(TINY.read_bytes())
    return path


# --- an output that is an input or another output ----------------------------------------------


def test_the_session_file_as_its_own_output_is_refused(tmp_path):
    session = _tiny(tmp_path)
    before = session.read_bytes()
    result = _run("solve", str(session), "-o", str(session))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "--output: is the input SESSION" in result.output
    assert session.read_bytes() == before


def test_two_outputs_of_one_run_on_the_same_file_are_refused(tmp_path):
    session = _tiny(tmp_path)
    out = tmp_path / "t.xlsx"
    same = tmp_path / "." / "t.xlsx"
    result = _run("solve", str(session), "-o", str(out), "--programme", str(same))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "--programme: is also the output --output" in result.output
    assert not out.exists()


def test_an_export_onto_its_own_timetable_is_refused(tmp_path):
    timetable = tmp_path / "t.xlsx"
    assert _run("solve", str(TINY), "-o", str(timetable), "-q").exit_code == ExitCode.OK
    before = timetable.read_bytes()
    result = _run("export", str(timetable), "-s", str(TINY), "--programme", str(timetable))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "is the input TIMETABLE" in result.output
    assert timetable.read_bytes() == before


def test_convert_onto_its_source_through_a_hard_link_is_refused(tmp_path):
    session = _tiny(tmp_path)
    twin = tmp_path / "twin.yaml"
    os.link(session, twin)
    result = _run("convert", str(session), str(twin))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "is the input SOURCE" in result.output


# --- an output that is not a regular file ------------------------------------------------------


def test_a_symbolic_link_is_not_replaced(tmp_path):
    kept = _tiny(tmp_path)
    link = tmp_path / "t.xlsx"
    link.symlink_to(kept)
    result = _run("solve", str(TINY), "-o", str(link))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "is a symbolic link" in result.output
    assert link.is_symlink() and kept.read_bytes() == TINY.read_bytes()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_pipe_is_not_replaced(tmp_path):
    fifo = tmp_path / "t.xlsx"
    os.mkfifo(fifo)
    result = _run("solve", str(TINY), "-o", str(fifo))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "is not a regular file" in result.output


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_is_refused_by_every_command():
    result = _run("schema", "-o", os.devnull)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "is not a regular file" in result.output


# --- temporaries left by a killed run ----------------------------------------------------------


def test_a_stale_temporary_is_removed_by_the_next_write(tmp_path):
    out = tmp_path / "t.xlsx"
    stale = tmp_path / ".t.xlsx.k1ll3d.tmp"
    stale.write_bytes(b"PK half a workbook")
    other = tmp_path / ".other.xlsx.k1ll3d.tmp"  # another target's: not ours to remove
    other.write_bytes(b"x")
    assert _run("solve", str(TINY), "-o", str(out), "-q").exit_code == ExitCode.OK
    assert not stale.exists() and other.exists()
    assert temporaries_of(out) == []


def test_a_temporary_being_written_is_not_removed(tmp_path):
    out = tmp_path / "a.txt"
    with atomic_path(out) as tmp:
        tmp.write_text("in progress")
        with atomic_path(out) as second:  # a second write of the same target, meanwhile
            second.write_text("second")
        assert tmp.exists()
        tmp.write_text("first")
    assert out.read_text() == "first"


# --- a full disk, a file-size limit ------------------------------------------------------------


class _FullDisk:
    """A file whose writes fail with ENOSPC after a few bytes, as on a full disk."""

    def __init__(self, file: io.IOBase) -> None:
        self._file = file
        self._written = 0

    def write(self, data: bytes) -> int:
        self._written += len(data)
        if self._written > 2000:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self._file.write(data)  # type: ignore[attr-defined]

    def close(self) -> None:
        """Closing flushes what is buffered: on a full disk that fails too."""
        self._file.close()
        if self._written > 2000:
            raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> object:
        return getattr(self._file, name)

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@pytest.fixture
def full_disk(monkeypatch):
    real_open = io.open

    def opening(file, mode="r", *args, **kwargs):
        opened = real_open(file, mode, *args, **kwargs)
        return _FullDisk(opened) if "w" in mode and str(file).endswith(".tmp") else opened

    monkeypatch.setattr(zipfile.io, "open", opening)

    def write_text(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", write_text)


def test_a_full_disk_is_a_message_and_leaves_the_old_workbook(tmp_path, full_disk, monkeypatch):
    late: list[object] = []  # errors of finalizers: "Exception ignored in ZipFile.__del__"
    monkeypatch.setattr(sys, "unraisablehook", late.append)
    out = tmp_path / "t.xlsx"
    out.write_bytes(b"the old workbook")
    result = _run("solve", str(TINY), "-o", str(out), "-q")
    assert result.exit_code == ExitCode.INVALID_INPUT, result.output
    assert f"error: {out}: cannot be written: no space left on the disk" in result.output
    assert "Traceback" not in result.output
    del result  # the failed writer's objects, if anything still held them, go now
    gc.collect()
    assert late == []
    assert out.read_bytes() == b"the old workbook"
    assert temporaries_of(out) == []


@pytest.mark.parametrize(
    "args",
    [["schema", "-o", "s.json"], ["generate", "--profile", "commission", "-o", "g.yaml", "-q"]],
)
def test_schema_and_generate_on_a_full_disk(tmp_path, full_disk, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = _run(*args)
    assert result.exit_code == ExitCode.INVALID_INPUT, result.output
    assert "cannot be written: no space left on the disk" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="no ulimit")
@pytest.mark.parametrize(
    "args",
    [
        ["solve", str(TINY), "-o", "t.xlsx", "-q", "--docx", "a.docx"],
        ["schema", "-o", "s.json"],
    ],
)
def test_a_file_size_limit_is_a_message(tmp_path, args):
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4000, 4000))

    done = subprocess.run(
        [sys.executable, "-m", "scheduler", *args],
        cwd=tmp_path,
        preexec_fn=limit,  # only sets a limit
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == ExitCode.INVALID_INPUT, done.stderr
    assert "would exceed the size allowed (ulimit -f)" in done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert list(tmp_path.iterdir()) == []
