"""Opening an Excel workbook for reading, the same way for timetable and session workbooks."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from scheduler.errors import InputError


def open_workbook(path: Path) -> Workbook:
    """Open any workbook for reading; unreadable files are input errors naming the file."""
    try:
        return load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise InputError("no such file", file=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a workbook", file=path) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise InputError(f"cannot be read as an Excel workbook (.xlsx): {exc}", file=path) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", file=path) from None
