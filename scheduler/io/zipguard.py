"""Bound the work an Office file (.xlsx, .docx) can ask for, before it is parsed.

An Office file is a zip of XML parts. A few kilobytes can declare a sheet of a million rows
(a cell at row 1,048,576), or shared strings that expand to gigabytes; a parser would then
spend minutes and gigabytes before anything could be said. `check_office_file` reads only the
zip's directory and streams each sheet once, counting, so a hostile file is refused in well
under a second, with a message naming the file and the size that is too large.

The limits are far above what any session or timetable needs: the largest session allowed
(`scheduler.session.MAX_PLACEMENTS`, 60,000 placements) makes an Assignments sheet of at most
60,000 rows x 13 columns, some 15 MB of XML.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from scheduler.errors import SHOWN_VALUE, InputError, shown

T = TypeVar("T")
_WORKBOOK = "an Excel workbook (.xlsx)"

#: Parts (files) in the zip; a workbook of ten sheets has about 30.
MAX_PARTS = 2_000
#: All parts together once uncompressed, in bytes.
MAX_UNCOMPRESSED = 200 * 2**20
#: Uncompressed / compressed size of one part, for parts over `RATIO_FROM` bytes: XML
#: compresses 10-30 times; a zip bomb thousands of times.
MAX_RATIO = 200
RATIO_FROM = 2**20
#: Rows and columns a sheet may declare or use, and cells in all sheets together.
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
MAX_CELLS = 2_000_000

_SHEET = re.compile(r"^xl/(worksheets|chartsheets|dialogsheets|macrosheets)/[^/]+\.xml$")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]*)(\d*)(?::([A-Z]*)(\d*))?\"")
_REFERENCE = re.compile(rb"<(?:\w+:)?(?:c|row)\s[^>]*?\br=\"([A-Z]*)(\d+)\"")
_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
_CHUNK = 2**20
_OVERLAP = 256  # longer than any tag the patterns match


def check_office_file(path: str | Path, kind: str = _WORKBOOK) -> None:
    """Refuse an Office file whose zip or sheets are beyond the limits; `InputError` naming
    the file and the size. A file that is no zip is left for its reader to refuse."""
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return  # not a zip, or unreadable: the reader says so in its own words
    with archive:
        parts = archive.infolist()
        _check_parts(parts, path, kind)
        cells = 0
        for part in parts:
            if not _SHEET.match(part.filename):
                continue
            try:
                cells += _check_sheet(archive, part, path, kind)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
                raise _refused(path, kind, f"part {part.filename} is damaged ({exc})") from None
            except (NotImplementedError, RuntimeError, ValueError) as exc:  # encrypted, unknown
                raise _refused(path, kind, f"part {part.filename} cannot be read ({exc})") from None
            if cells > MAX_CELLS:
                raise _refused(path, kind, f"has more than {MAX_CELLS:,} cells in its sheets")


def _check_parts(parts: list[zipfile.ZipInfo], path: Path, kind: str) -> None:
    if len(parts) > MAX_PARTS:
        raise _refused(path, kind, f"holds {len(parts):,} parts; at most {MAX_PARTS:,}")
    total = sum(p.file_size for p in parts)
    if total > MAX_UNCOMPRESSED:
        raise _refused(
            path,
            kind,
            f"expands to {_mib(total)} once uncompressed; at most {_mib(MAX_UNCOMPRESSED)}",
        )
    for part in parts:
        if part.file_size > RATIO_FROM and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            raise _refused(
                path,
                kind,
                f"part {part.filename} expands {part.file_size // max(part.compress_size, 1):,} "
                f"times ({_mib(part.file_size)}); an Office file's parts expand at most "
                f"{MAX_RATIO} times",
            )


def _check_sheet(archive: zipfile.ZipFile, part: zipfile.ZipInfo, path: Path, kind: str) -> int:
    """The cells of one sheet, once its declared and used rows and columns are checked."""
    name = part.filename
    cells = 0
    tail = b""
    first = True
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            text = tail + chunk
            if first:
                declared = _DIMENSION.search(text)
                if declared:
                    col = declared.group(3) or declared.group(1)
                    row = declared.group(4) or declared.group(2)
                    _check_extent(col, row, path, kind, name, "declares")
                first = False
            for match in _REFERENCE.finditer(text):  # a match seen twice is checked twice
                _check_extent(match.group(1), match.group(2), path, kind, name, "uses")
            # a cell is counted in the chunk where its tag ends, once
            cells += sum(1 for m in _CELL.finditer(text) if m.end() > len(tail))
            tail = text[-_OVERLAP:]
    return cells


def _check_extent(col: bytes, row: bytes, path: Path, kind: str, sheet: str, verb: str) -> None:
    rows = int(row) if row else 0
    if rows > MAX_ROWS:
        raise _refused(path, kind, f"part {sheet} {verb} row {rows:,}; at most {MAX_ROWS:,}")
    columns = _column_number(col)
    if columns > MAX_COLUMNS:
        raise _refused(
            path, kind, f"part {sheet} {verb} column {columns:,}; at most {MAX_COLUMNS:,}"
        )


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters[:8]:  # XFD is the last column of Excel
        number = number * 26 + (letter - 64)
    return number


def _mib(size: int) -> str:
    return f"{size / 2**20:,.1f} MiB"


def _refused(path: Path, kind: str, problem: str) -> InputError:
    return InputError(f"refused as {kind}: {problem}", file=path)


def parse_office_file(path: str | Path, parse: Callable[[], T], kind: str = _WORKBOOK) -> T:
    """`check_office_file`, then `parse()`: what the parser makes of a file within the limits.

    A parser meeting a broken part (truncated or garbage XML, a DOCTYPE, a part of the wrong
    kind) raises whatever its code happens to raise; any of these is an `InputError` naming
    the file. Missing files and other system errors are left to the caller's own words.
    """
    check_office_file(path, kind)
    try:
        return parse()
    except (InputError, OSError, KeyboardInterrupt):
        raise
    except (MemoryError, RecursionError):
        raise _refused(Path(path), kind, "is too large or too deeply nested to read") from None
    except Exception as exc:  # a third-party parser on a hostile file: any failure is the file's
        detail = str(exc) or type(exc).__name__
        if len(detail) > SHOWN_VALUE:
            detail = shown(detail)
        raise InputError(f"cannot be read as {kind}: {detail}", file=path) from None
