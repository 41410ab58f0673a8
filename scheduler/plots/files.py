"""Pictures to files: PNG for slides, SVG or PDF for print, written atomically."""

from __future__ import annotations

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
    try:
        write_atomically(
            path, lambda tmp: figure.savefig(tmp, format=fmt, dpi=dpi, facecolor="white")
        )
    except OSError as exc:
        raise InputError(
            f"cannot be written ({exc.strerror or exc})", file=path, field=option
        ) from None
    return Path(path)


def save_plot(
    path: str | Path,
    session: Session,
    timetable: Timetable,
    *,
    lang: str = "en",
    title: str | None = None,
    dpi: int = 150,
    option: str = "--plot",
    **options: Any,
) -> Path:
    """Draw the timetable grid (see `plot_timetable`) and write it as PNG, SVG or PDF.

    This is what `schedule solve --plot FILE` calls. An unknown suffix or an unwritable path
    raises `InputError` (exit code 2) naming `option` (`--plot`); the suffix is checked before
    anything is drawn. `options` go to `plot_timetable` (days, lanes, highlight, variant...).
    """
    from scheduler.plots.timetable import plot_timetable

    picture_format(path, option)
    figure = plot_timetable(session, timetable, lang=lang, title=title, **options)
    return save_figure(figure, path, dpi=dpi, option=option)
