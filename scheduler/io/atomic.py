"""Write files atomically: a complete new file, then a rename, never a half-written one.

The temporary file is `.<name>.<random>.tmp` beside the target, locked while it is written.
A run that is killed leaves it behind; the next write of the same target removes it (its lock
is gone with the process that held it). A full disk or a file-size limit is an error naming
the file, and the target is left as it was.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import stat
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from scheduler.errors import InputError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: a temporary is stale after an hour
    fcntl = None  # type: ignore[assignment]

#: Without file locks, a temporary older than this is taken as left by a killed run.
STALE_AFTER = 3600.0

#: Write failures that say "this file cannot be written here", not "this program is wrong".
_CANNOT_WRITE = {
    errno.ENOSPC: "no space left on the disk",
    errno.EDQUOT: "the disk quota is exhausted",
    errno.EFBIG: "the file would exceed the size allowed (ulimit -f)",
    errno.EROFS: "the disk is read-only",
    errno.EIO: "input/output error on the disk",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path next to `path`; renamed onto it only if the block completes."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    refuse_unsafe_target(target)
    remove_stale_temporaries(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _write_error(exc, target) from None
    _lock(fd)
    failure: list[InputError] = []
    try:
        with _quiet_unraisable(when=failure):
            try:
                yield Path(tmp)
                # mkstemp makes the file private; give it the mode a plain new file would have.
                os.chmod(tmp, _existing_mode(target) or (0o666 & ~_umask()))
                os.replace(tmp, target)
            except Exception as exc:  # only write failures are converted, below
                converted = _converted(exc, target)
                if converted is None:
                    raise
                failure.append(converted)
                # The failed writer's objects (an open ZipFile, a stream) go now, with their
                # own late errors ("Exception ignored in ZipFile.__del__").
                traceback.clear_frames(exc.__traceback__)
            if failure:
                gc.collect()
    finally:
        os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    if failure:
        raise failure[0]


def write_atomically(path: str | Path, write: Callable[[Path], object]) -> None:
    """Call `write(tmp_path)`, then move the finished file onto `path`."""
    with atomic_path(path) as tmp:
        write(tmp)


def write_text_atomically(path: str | Path, text: str) -> None:
    write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def refuse_unsafe_target(target: Path, option: str | None = None) -> None:
    """Refuse to replace what is not a regular file: a rename would put a plain file in the
    place of a symbolic link, a device or a pipe."""
    try:
        mode = os.lstat(target).st_mode
    except OSError:
        return  # nothing there (or nothing we may look at: the write will say)
    if stat.S_ISLNK(mode):
        raise InputError(
            "is a symbolic link; name the file itself, or another file", file=target, field=option
        )
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise InputError(
            "is not a regular file (a device, a pipe or a socket); name a file",
            file=target,
            field=option,
        )


def refuse_clashes(outputs: Mapping[str, Path | None], inputs: Mapping[str, Path | None]) -> None:
    """Refuse an output that is one of the inputs or another output of the same run.

    Keys are the options (or arguments) naming each path, for the message.
    """
    seen: list[tuple[str, Path]] = [(name, p) for name, p in inputs.items() if p is not None]
    n_inputs = len(seen)
    for option, path in outputs.items():
        if path is None:
            continue
        for k, (other_name, other) in enumerate(seen):
            if _same_file(path, other):
                what = "the input" if k < n_inputs else "also the output"
                raise InputError(
                    f"is {what} {other_name}; give each output its own file name",
                    file=path,
                    field=option,
                )
        seen.append((option, path))


def _same_file(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)  # hard links
    except OSError:
        return False


def temporaries_of(target: Path) -> list[Path]:
    """The temporary files `atomic_path` makes for `target`, left or in use."""
    folder = target.parent if str(target.parent) else Path(".")
    try:
        return sorted(folder.glob(f".{_glob_escape(target.name)}.*.tmp"))
    except OSError:
        return []


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Remove the temporaries of `target` that no running write holds; those removed."""
    removed = []
    for tmp in temporaries_of(target):
        if tmp.is_symlink() or not tmp.is_file() or not _stale(tmp):
            continue
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed.append(tmp)
    return removed


def _stale(tmp: Path) -> bool:
    """No process holds the temporary's lock (or, without locks, it is old)."""
    if fcntl is None:  # pragma: no cover
        import time

        return time.time() - tmp.stat().st_mtime > STALE_AFTER
    try:
        fd = os.open(tmp, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # a write in progress
    finally:
        os.close(fd)  # releases the lock taken to test it
    return True


def _lock(fd: int) -> None:
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _converted(exc: BaseException, target: Path) -> InputError | None:
    """The planner's error for a failed write, or None when it is no write failure."""
    if isinstance(exc, OSError) and exc.errno in _CANNOT_WRITE:
        return _write_error(exc, target)
    # lxml reports its own write failures without an errno: "IO_EFBIG", "IO_ENOSPC".
    text = str(exc)
    for code in (errno.EFBIG, errno.ENOSPC, errno.EDQUOT, errno.EIO):
        if f"IO_{errno.errorcode[code]}" in text:
            return _write_error(OSError(code, os.strerror(code)), target)
    return None


def _write_error(exc: OSError, target: Path) -> InputError:
    reason = _CANNOT_WRITE.get(exc.errno or 0) or exc.strerror or str(exc)
    return InputError(f"cannot be written: {reason}; the file is left as it was", file=target)


@contextlib.contextmanager
def _quiet_unraisable(when: list[InputError]) -> Iterator[None]:
    """Drop errors raised in finalizers (`__del__`) once the write has failed (`when`)."""
    previous = sys.unraisablehook

    def hook(unraisable: Any) -> None:
        if not when:
            previous(unraisable)

    sys.unraisablehook = hook
    try:
        yield
    finally:
        sys.unraisablehook = previous


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _existing_mode(path: Path) -> int | None:
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return None
