"""Pictures to files: PNG for slides, SVG or PDF for print, written atomically.

Every picture is saved with a tight bounding box, so a long legend or title is never cut at
the figure's edge; SVG keeps its texts as text (searchable, selectable, translatable) rather
than as outlines. A large session (`LARGE_LANES` room lanes or more across its days) drawn as
one poster has blocks too small to read when printed: as a PDF it gets one page per day.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scheduler.errors import InputError
from scheduler.io.atomic import write_atomically
from scheduler.session import Session
from scheduler.timetable import Timetable

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: File suffixes a picture can be saved as, and matplotlib's name of each format.
PICTURE_FORMATS: dict[str, str] = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
#: From this many lanes (rooms used, summed over the days), a PDF has a page per day.
LARGE_LANES = 20
_SAVE: dict[str, Any] = {"facecolor": "white", "bbox_inches": "tight", "pad_inches": 0.1}


def picture_format(path: str | Path, option: str = "--plot") -> str:
    """The format named by the file's suffix; `InputError` for any other suffix.

    Call it before a long solve to refuse a bad name early.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in PICTURE_FORMATS:
        raise InputError(
            f"unknown picture format {suffix or '(none)'}; use {', '.join(PICTURE_FORMATS)}",
            file=path,
            field=option,
        )
    return PICTURE_FORMATS[suffix]


def save_figure(figure: Figure, path: str | Path, dpi: int = 150, option: str = "path") -> Path:
    """Write a figure as PNG, SVG or PDF (by the suffix of `path`).

    `InputError` for another suffix or an unwritable path, naming `option` as the field.
    """
    fmt = picture_format(path, option)
    _write(path, lambda tmp: _save(figure, tmp, fmt, dpi), option)
    return Path(path)


def _save(figure: Figure, target: Any, fmt: str, dpi: int) -> None:
    from matplotlib import rc_context

    with rc_context({"svg.fonttype": "none"}):  # SVG texts stay text
        figure.savefig(target, format=fmt, dpi=dpi, **_SAVE)


def save_plot(
    path: str | Path,
    session: Session,
    timetable: Timetable,
    *,
    lang: str = "en",
    title: str | None = None,
    dpi: int = 150,
    option: str = "--plot",
    per_day: bool | None = None,
    **options: Any,
) -> Path:
    """Draw the timetable grid (see `plot_timetable`) and write it as PNG, SVG or PDF.

    This is what `schedule solve --plot FILE` calls. An unknown suffix or an unwritable path
    raises `InputError` (exit code 2) naming `option` (`--plot`); the suffix is checked before
    anything is drawn. `options` go to `plot_timetable` (days, lanes, highlight, variant...).
    `per_day` writes a PDF of one page per day (default: for a large session, see the module);
    a PNG or SVG is always one picture.
    """
    from scheduler.plots.timetable import plot_timetable

    fmt = picture_format(path, option)
    if fmt == "pdf" and (per_day if per_day is not None else is_large(session, timetable)):
        return save_pages(
            path, session, timetable, lang=lang, title=title, option=option, **options
        )
    figure = plot_timetable(session, timetable, lang=lang, title=title, **options)
    return save_figure(figure, path, dpi=dpi, option=option)


def is_large(session: Session, timetable: Timetable) -> bool:
    """Whether the whole timetable as one picture is too wide to read on a printed page."""
    from scheduler.plots.grid import build_grid

    return build_grid(session, timetable).lanes >= LARGE_LANES


def save_pages(
    path: str | Path,
    session: Session,
    timetable: Timetable,
    *,
    lang: str = "en",
    title: str | None = None,
    option: str = "--plot",
    **options: Any,
) -> Path:
    """A PDF with one page per day of the timetable, each drawn as its own picture."""
    from matplotlib.backends.backend_pdf import PdfPages

    from scheduler.plots.grid import build_grid
    from scheduler.plots.timetable import plot_timetable

    picture_format(path, option)
    days = [c.date for c in build_grid(session, timetable, options.pop("days", None)).columns]

    def write(tmp: Path) -> None:
        with PdfPages(tmp) as pdf:
            for day in days:
                figure = plot_timetable(
                    session, timetable, days=[day], lang=lang, title=title, **options
                )
                pdf.savefig(figure, **_SAVE)

    _write(path, write, option)
    return Path(path)


def _write(path: str | Path, write: Callable[[Path], object], option: str) -> None:
    """Write atomically; a failure is an `InputError` naming the file and `option`."""
    try:
        write_atomically(path, write)
    except InputError as exc:  # the atomic write names the file, and the option is ours
        raise InputError(
            exc.problem, file=exc.file or path, field=exc.field or option, value=exc.value
        ) from None
    except OSError as exc:
        raise InputError(
            f"cannot be written ({exc.strerror or exc})", file=path, field=option
        ) from None
