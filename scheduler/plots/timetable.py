"""The timetable as a picture: days across, periods down, a lane per room, a block per part.

Each part of an activity is a block in its room's lane, as tall as it lasts, coloured by body
and labelled with the item and its short title; "(continued)" parts are joined to the part
before them by an arrow. Interpreted meetings carry a dark bar on their left edge; meetings
without interpretation are hatched. Labels shrink, then turn on their side, then keep only
the item number as lanes get narrow, so a two-week session with many rooms stays legible.
"""

from __future__ import annotations

import datetime as dt
import itertools
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from scheduler.labels import labels
from scheduler.messages import word
from scheduler.plots.fonts import every_family, set_fonts
from scheduler.plots.grid import PERIOD_GAP, Grid, LaneMode, build_grid
from scheduler.plots.picture import new_picture
from scheduler.session import Session
from scheduler.timetable import Assignment, Timetable

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Colours of the bodies, in the session's order (the plenary first), then again.
BODY_COLOURS: tuple[str, ...] = (
    "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7", "#9c755f",
    "#e15759", "#bab0ac", "#86bcb6", "#d4a6c8", "#8cd17d", "#f1ce63", "#a0cbe8", "#ffbe7d",
)  # fmt: skip
INTERPRETED_BAR = "#1f1f1f"
ARROW = "#b22222"
HOLIDAY = "#eeeeee"
HIGHLIGHT = "#d62728"
_CHAR = 0.58  # average character width, in font sizes (DejaVu Sans)
_LINE = 1.22  # line height, in font sizes
_MIN_FONT = 4.5


@dataclass(frozen=True)
class Scale:
    """Inches per lane and per minute: the size of the picture."""

    lane: float
    minute: float


def plot_timetable(
    session: Session,
    timetable: Timetable,
    *,
    days: Iterable[dt.date | str] | None = None,
    lanes: LaneMode = "day",
    lang: str = "en",
    title: str | None = None,
    lane_width: float | None = None,
    period_height: float = 2.2,
    font_size: float = 7.0,
    highlight: Iterable[str] = (),
    variant: str | None = None,
) -> Figure:
    """Draw a timetable as a grid and return the matplotlib `Figure`.

    `days` limits the picture to some dates (e.g. one week of a two-week session). `lanes`
    is "day" (each day shows the rooms it uses) or "session" (every day shows every room
    used). `lane_width` (inches) defaults to a width that keeps the picture printable;
    `period_height` is the height of a three-hour period in inches. `highlight` outlines the
    parts of some activities (e.g. those a re-plan moved). `variant` names the variant in the
    default title; `title` replaces that title altogether. Save the figure with
    `fig.savefig("timetable.png", dpi=150)` or `scheduler.plots.save_plot`.
    """

    chosen = None if days is None else [_as_date(d) for d in days]
    grid = build_grid(session, timetable, chosen, lanes)
    scale = Scale(
        lane=lane_width if lane_width is not None else _lane_width(grid.lanes),
        minute=period_height / 180,
    )
    header = _header_height(grid, scale, font_size)
    bodies = _bodies_shown(session, timetable, grid)
    legend_rows = -(-(len(bodies) + 4) // _legend_columns(grid, scale))
    left, right = 1.05, 0.25
    width = left + grid.width * scale.lane + right
    room = width - left - right
    heading = title or _title(session, timetable, lang, room, font_size + 4, variant)
    top = 0.3 + 0.24 * (heading.count("\n") + 1) + header
    bottom = 0.35 + 0.22 * legend_rows
    height = top + grid.height * scale.minute + bottom
    fig = new_picture(figsize=(width, height))
    ax = fig.add_axes(
        (
            left / width,
            bottom / height,
            grid.width * scale.lane / width,
            grid.height * scale.minute / height,
        )
    )
    ax.set_xlim(0, grid.width)
    ax.set_ylim(grid.height, 0)
    ax.set_axis_off()
    colours = {b.id: BODY_COLOURS[n % len(BODY_COLOURS)] for n, b in enumerate(session.bodies)}
    _draw_frame(ax, grid, scale, font_size, lang)
    links = _links(session, timetable, grid)
    far = {(b.activity, b.part + 1): _slot_label(b, lang) for b, _, near in links if not near}
    marked = set(highlight)
    _draw_meetings(ax, session, timetable, grid, scale, colours, font_size, lang, far)
    _draw_highlights(ax, timetable, grid, marked)
    _draw_links(ax, links, grid, lang)
    _draw_legend(fig, session, bodies, colours, grid, scale, lang, bool(marked))
    fig.suptitle(
        heading,
        x=left / width,
        y=1 - 0.12 / height,
        ha="left",
        va="top",
        fontsize=font_size + 4,
        fontweight="bold",
    )
    set_fonts(fig, lang)
    return fig


# --- sizes ---------------------------------------------------------------------------------


def _lane_width(lanes: int) -> float:
    """1.3 in while the picture stays under ~20 in wide, then narrower, never under 0.28 in."""
    return max(0.28, min(1.3, 20.0 / max(lanes, 1)))


def _header_height(grid: Grid, scale: Scale, font_size: float) -> float:
    """Inches above the grid for the day and room headers."""
    longest = max((len(r) for c in grid.columns for r in c.lanes), default=4)
    if _room_fits(longest, scale, font_size):
        return 0.45
    return 0.3 + longest * _CHAR * (font_size - 1) / 72 + 0.05


def _room_fits(chars: int, scale: Scale, font_size: float) -> bool:
    return chars * _CHAR * (font_size - 1) / 72 <= scale.lane * 0.95


def _legend_columns(grid: Grid, scale: Scale) -> int:
    return max(2, min(6, int(grid.width * scale.lane / 2.6)))


# --- drawing -------------------------------------------------------------------------------


def _draw_frame(ax: Axes, grid: Grid, scale: Scale, font_size: float, lang: str) -> None:
    """Day and room headers, period labels, holiday shading and faint period bands."""
    from matplotlib.patches import Rectangle

    for row in grid.rows:
        ax.add_patch(
            Rectangle((0, row.y), grid.width, row.minutes, facecolor="#f7f7f7", lw=0, zorder=0)
        )
        period = row.period
        ax.annotate(
            f"{period.id}\n{period.start:%H:%M}-{period.end:%H:%M}",
            xy=(0, row.y + row.minutes / 2),
            xytext=(-8, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=font_size + 1,
            annotation_clip=False,
        )
    for column in grid.columns:
        if column.kind == "holiday":
            ax.add_patch(
                Rectangle(
                    (column.x, 0), column.width, grid.height, facecolor=HOLIDAY, lw=0, zorder=0.5
                )
            )
        day = _day_label(column.date, lang)
        if column.kind != "session":
            day += f"\n({word(f'plots.{column.kind}', lang)})"
        rooms_height = 0 if not column.lanes else _rooms_height(grid, scale, font_size)
        ax.annotate(
            day,
            xy=(column.x + column.width / 2, 0),
            xytext=(0, rooms_height * 72 + 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=font_size + 1.5,
            fontweight="bold",
            annotation_clip=False,
        )
        for n, room in enumerate(column.lanes):
            upright = _room_fits(len(room), scale, font_size)
            ax.annotate(
                room,
                xy=(column.x + n + 0.5, 0),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                rotation=0 if upright else 90,
                fontsize=font_size - 1,
                color="#555555",
                annotation_clip=False,
            )
        if column is not grid.columns[0]:
            ax.axvline(column.x - 0.175, color="#cccccc", lw=0.8, zorder=0.6)


def _rooms_height(grid: Grid, scale: Scale, font_size: float) -> float:
    longest = max((len(r) for c in grid.columns for r in c.lanes), default=4)
    if _room_fits(longest, scale, font_size):
        return (font_size + 3) / 72
    return longest * _CHAR * (font_size - 1) / 72 + 0.05


def _draw_meetings(
    ax: Axes,
    session: Session,
    timetable: Timetable,
    grid: Grid,
    scale: Scale,
    colours: dict[str, str],
    font_size: float,
    lang: str,
    far: dict[tuple[str, int], str],
) -> None:
    """A block per part, the interpreted bar per meeting.

    `far` names, for (activity, part) continuing a part drawn far away, where that part is.
    """
    from matplotlib.patches import Rectangle

    for meeting in timetable.meetings():
        x = grid.lane_x(meeting.date, meeting.room)
        row = grid.row(meeting.period)
        if x is None or row is None:
            continue
        colour = colours.get(meeting.body, BODY_COLOURS[-1])
        for part in meeting.parts:
            top, bottom = grid.y(part.period, part.start), grid.y(part.period, part.end)
            assert top is not None and bottom is not None
            block = Rectangle(
                (x + 0.04, top),
                0.92,
                max(bottom - top, 0.5),
                facecolor=colour,
                alpha=0.9 if meeting.interpreted else 0.45,
                edgecolor="white",
                hatch=None if meeting.interpreted else "////",
                lw=0.8,
                zorder=2,
            )
            ax.add_patch(block)
            text = _part_text(session, part, lang, far.get((part.activity, part.part)))
            _label(ax, block, text, scale, font_size)
        span = grid.period_span(meeting.date, meeting.period)
        if meeting.interpreted and span is not None:
            ax.add_patch(
                Rectangle(
                    (x + 0.04, span[0]),
                    0.05 if scale.lane >= 0.6 else 0.1,
                    span[1] - span[0],
                    facecolor=INTERPRETED_BAR,
                    lw=0,
                    zorder=3,
                )
            )


def _label(ax: Axes, block: object, text: str, scale: Scale, font_size: float) -> None:
    """The block's text, wrapped to fit, smaller or on its side when the block is narrow."""
    from matplotlib.patches import Rectangle

    assert isinstance(block, Rectangle)
    # upright text starts 0.06 lane in from the block's edge (past the interpreted bar)
    width_pt = (block.get_width() - 0.06) * scale.lane * 72 - 3
    height_pt = block.get_height() * scale.minute * 72 - 2
    choice = _best_fit(text, width_pt, height_pt, font_size)
    if choice is None:
        return
    rotation, lines, size = choice
    x, y = block.get_x(), block.get_y()
    ax.text(
        x + block.get_width() / 2 if rotation else x + 0.1,
        y + block.get_height() / 2 if rotation else y + 1.5 / (scale.minute * 72),
        "\n".join(lines),
        rotation=rotation,
        ha="center" if rotation else "left",
        va="center" if rotation else "top",
        fontsize=size,
        linespacing=1.05,
        clip_path=block,
        clip_on=True,
        zorder=4,
    )


def _best_fit(
    text: str, width_pt: float, height_pt: float, font_size: float
) -> tuple[int, list[str], float] | None:
    """Rotation (0 or 90), lines and font size for a label in a box of this size.

    The whole text upright if it fits at some size, else the whole text on its side (in a
    block taller than wide), else whichever way shows more of it at a slightly smaller size;
    None if not even the item number fits.
    """
    sizes = [font_size - n * 0.5 for n in range(int((font_size - _MIN_FONT) / 0.5) + 1)]
    ways: tuple[tuple[int, float, float], ...] = ((0, width_pt, height_pt),)
    if height_pt > width_pt:  # on its side only in a block taller than wide
        ways += ((90, height_pt, width_pt),)
    for rotation, across, along in ways:
        for size in sizes:
            fitted = _wrap(text, across, along, size)
            if fitted is not None and fitted[1]:
                return rotation, fitted[0], size
    size = max(font_size - 1.5, _MIN_FONT)
    best: tuple[int, list[str], float] | None = None
    shown = 0
    for rotation, across, along in ways:
        for candidate in (size, _MIN_FONT):
            fitted = _wrap(text, across, along, candidate)
            if fitted is not None:
                count = sum(len(line) for line in fitted[0])
                if count > shown:
                    best, shown = (rotation, fitted[0], candidate), count
                break
    return best


def _wrap(
    text: str, across_pt: float, along_pt: float, size: float
) -> tuple[list[str], bool] | None:
    """Lines of `text` in a box `across_pt` wide and `along_pt` high, and whether all of it
    fits; None when not even the item number (the first word) fits. Words are not broken:
    a word too long for its line, or the last line shown of a longer text, ends in "…"."""
    first = text.split(" ", 1)[0]
    chars = int(across_pt / (_CHAR * size))
    room = int(along_pt / (_LINE * size))
    if chars < len(first) or room < 1:
        return None
    wrapped = textwrap.wrap(text, width=chars, break_long_words=False) or [text]
    # The width per character is an average: wide letters and accents ("coopération, notamment
    # en matière") ran past the block. Narrower lines until each one, measured, fits.
    while chars > len(first) and any(_width_pt(line, size) > across_pt for line in wrapped):
        chars -= 1
        wrapped = textwrap.wrap(text, width=chars, break_long_words=False) or [text]
    complete = len(wrapped) <= room and all(len(line) <= chars for line in wrapped)
    lines = [line if len(line) <= chars else line[: chars - 1] + "…" for line in wrapped[:room]]
    if len(wrapped) > room and not lines[-1].endswith("…"):
        lines[-1] = lines[-1][: chars - 1].rstrip() + "…"
    return lines, complete


@lru_cache(maxsize=20_000)
def _width_pt(line: str, size: float) -> float:
    """The width of `line` drawn at `size` points (DejaVu Sans, and a font for Chinese or
    Arabic letters), in points."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    font = FontProperties(family=every_family(), size=size)
    width, _, _ = text_to_path.get_text_width_height_descent(line, font, ismath=False)
    return float(width)


def _draw_highlights(ax: Axes, timetable: Timetable, grid: Grid, marked: set[str]) -> None:
    """A thick outline around each part of the `marked` activities."""
    from matplotlib.patches import Rectangle

    for part in timetable:
        if part.activity not in marked:
            continue
        x = grid.lane_x(part.date, part.room)
        top, bottom = grid.y(part.period, part.start), grid.y(part.period, part.end)
        if x is None or top is None or bottom is None:
            continue
        ax.add_patch(
            Rectangle(
                (x + 0.04, top),
                0.92,
                max(bottom - top, 0.5),
                fill=False,
                edgecolor=HIGHLIGHT,
                lw=2.2,
                zorder=4.5,
            )
        )


def _links(
    session: Session, timetable: Timetable, grid: Grid
) -> list[tuple[Assignment, Assignment, bool]]:
    """Consecutive parts of each item carried over: (part, next part, drawn near each other).

    Near: both drawn, the next one the same day or the next day shown. A body's meetings
    (`meetings: n`) are not links: each is a meeting of its own, numbered "(1/2)".
    """
    whole = {a.id for a in session.activities if a.whole_meetings}
    chains: dict[str, list[Assignment]] = {}
    for a in timetable:
        if a.parts > 1 and a.activity not in whole:
            chains.setdefault(a.activity, []).append(a)
    order = {c.date: n for n, c in enumerate(grid.columns)}
    links = []
    for chain in chains.values():
        chain.sort(key=lambda a: (a.date, a.start))
        for before, after in itertools.pairwise(chain):
            drawn = (
                grid.lane_x(before.date, before.room) is not None
                and grid.lane_x(after.date, after.room) is not None
            )
            links.append((before, after, drawn and order[after.date] - order[before.date] <= 1))
    return links


def _draw_links(
    ax: Axes, links: list[tuple[Assignment, Assignment, bool]], grid: Grid, lang: str
) -> None:
    """Join each part of an item carried over to its "(continued)" part.

    An arrow when they are near; otherwise a short arrow out of the part naming where it
    continues (the next part's label names where it came from): a long arrow across the
    picture would hide other meetings.
    """
    for before, after, near in links:
        x0, x1 = grid.lane_x(before.date, before.room), grid.lane_x(after.date, after.room)
        y0, y1 = grid.y(before.period, before.end), grid.y(after.period, after.start)
        if x0 is None or y0 is None:
            continue
        if near and x1 is not None and y1 is not None:
            if x0 == x1:  # the same lane: straight down, across the break
                _arrow(ax, (x0 + 0.5, y0), (x1 + 0.5, y1))
            else:  # from the lower right corner to the upper left one
                _arrow(ax, (x0 + 0.96, y0 - 4), (x1 + 0.1, y1 + 4))
        else:
            slot = _slot_label(after, lang)
            _stub(ax, (x0 + 0.5, y0), text=word("plots.continues-in", lang, slot=slot))


def _arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float]) -> None:
    from matplotlib.patches import FancyArrowPatch

    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>",
            mutation_scale=9,
            color=ARROW,
            lw=1.3,
            alpha=0.9,
            zorder=5,
            shrinkA=0,
            shrinkB=0,
        )
    )


def _stub(ax: Axes, at: tuple[float, float], *, text: str) -> None:
    """A short arrow leaving a part downwards, with a label saying where it continues."""
    x, y = at
    start, end = (x, y), (x, y + PERIOD_GAP * 0.55)
    _arrow(ax, start, end)
    ax.text(
        x + 0.08,
        (start[1] + end[1]) / 2,
        text,
        ha="left",
        va="center",
        fontsize=5.5,
        color=ARROW,
        zorder=5,
        clip_on=False,
    )


def _draw_legend(
    fig: Figure,
    session: Session,
    bodies: list[str],
    colours: dict[str, str],
    grid: Grid,
    scale: Scale,
    lang: str,
    highlighted: bool,
) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[object] = [
        Patch(facecolor=colours[b], label=_short(session.body(b).name.get(lang), 45))
        for b in bodies
    ]
    handles += [
        Patch(facecolor=INTERPRETED_BAR, label=word("plots.interpreted", lang)),
        Patch(facecolor="#cccccc", hatch="////", label=word("plots.not-interpreted", lang)),
        Line2D([], [], color=ARROW, marker=">", lw=1.3, label=word("plots.continued", lang)),
    ]
    if highlighted:
        label = word("plots.highlighted", lang)
        handles.append(Patch(fill=False, edgecolor=HIGHLIGHT, lw=2.2, label=label))
    fig.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.01, 0.01),
        ncol=_legend_columns(grid, scale),
        fontsize=7,
        frameon=False,
    )


# --- words ---------------------------------------------------------------------------------


def _part_text(session: Session, part: Assignment, lang: str, far: str | None = None) -> str:
    """`2b Trafficking in Persons Protocol` (`2б ...` in Russian), with "(continued)" or "(1/2)"
    where due."""
    try:
        activity = session.activity(part.activity)
    except KeyError:
        return f"{part.activity} {part.title}".strip()
    text = f"{labels(lang).item_id(part.activity)} {activity.label(lang)}"  # Russian: 2б
    if part.parts > 1:
        if activity.whole_meetings:
            text += f" ({part.part}/{part.parts})"
        elif part.part > 1:
            text = labels(lang).continued(text) + (f" ← {far}" if far else "")
    return text


def _title(
    session: Session,
    timetable: Timetable,
    lang: str,
    width_in: float,
    size: float,
    variant: str | None,
) -> str:
    """The body (wrapped to the picture's width), then what the picture shows."""
    used = timetable.interpreted_meetings()
    budget = session.interpretation.budget
    chars = max(int(width_in * 72 / (_CHAR * size)), 30)
    body = textwrap.shorten(session.title(lang), width=chars * 2, placeholder="…")
    lines = textwrap.wrap(body, width=chars)
    shows = word("plots.title", lang, number=session.session.number, used=used, budget=budget)
    if variant:  # "two days: session 9: ..."
        shows = word("plots.variant", lang, variant=variant, title=shows[:1].lower() + shows[1:])
    lines += textwrap.wrap(shows, width=chars)
    return "\n".join(lines)


def _bodies_shown(session: Session, timetable: Timetable, grid: Grid) -> list[str]:
    dates = {c.date for c in grid.columns}
    used = {a.body for a in timetable if a.date in dates}
    return [b.id for b in session.bodies if b.id in used]


def _slot_label(part: Assignment, lang: str) -> str:
    """Where a part is, in few words: "Fri 19 AM", "ven. 19 AM"."""
    from babel.dates import format_date

    return f"{format_date(part.date, 'EEE d', locale=labels(lang).language.locale)} {part.period}"


def _day_label(date: dt.date, lang: str) -> str:
    """A short day heading in `lang`'s words (CLDR, by Babel): "lun. 15 oct.", "10月15日周一"."""
    from babel.dates import format_skeleton

    return format_skeleton("MMMEd", date, locale=labels(lang).language.locale)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _as_date(day: dt.date | str) -> dt.date:
    return day if isinstance(day, dt.date) else dt.date.fromisoformat(day)
