"""Pictures: the timetable grid (its geometry, then what is drawn) and the comparison chart."""

from __future__ import annotations

import datetime as dt
import re

import matplotlib
import pytest

matplotlib.use("Agg")

from matplotlib.patches import FancyArrowPatch, Rectangle

from scheduler.errors import InputError
from scheduler.explore import compare_variants, set_budget, solve
from scheduler.io.session_file import load_session
from scheduler.messages import word
from scheduler.plots import (
    DEFAULT_MEASURES,
    picture_format,
    plot_comparison,
    plot_timetable,
    save_figure,
    save_plot,
)
from scheduler.plots.grid import build_grid
from scheduler.plots.timetable import INTERPRETED_BAR, _best_fit, _wrap
from scheduler.published import published_timetable
from scheduler.timetable import Timetable
from tests.conftest import ROOT

PRE, MON, TUE, FRI = (dt.date(2018, 10, d) for d in (12, 15, 16, 19))


@pytest.fixture(scope="module")
def published(cop9) -> Timetable:
    """The annex as printed: item 5 carried over from Thursday to Friday."""
    return published_timetable(cop9)


# --- geometry ------------------------------------------------------------------------------


def test_a_column_per_day_and_a_lane_per_room_used_that_day(cop9, published):
    grid = build_grid(cop9, published)
    assert [c.date for c in grid.columns] == [PRE, *cop9.session.days]
    assert grid.columns[0].kind == "pre-session"
    lanes = {c.date: c.lanes for c in grid.columns}
    assert lanes[PRE] == ("room-c",)  # the annex prints no room: the body's first
    assert lanes[MON] == ("plenary-hall",)
    assert lanes[TUE] == ("plenary-hall", "room-b")  # the working group sits in parallel
    assert grid.lanes == 7
    assert grid.lane_x(TUE, "room-b") == grid.lane_x(TUE, "plenary-hall") + 1  # type: ignore[operator]
    assert grid.lane_x(MON, "room-b") is None


def test_every_day_every_room_when_asked(cop9, published):
    grid = build_grid(cop9, published, lanes="session")
    assert all(c.lanes == ("plenary-hall", "room-b", "room-c") for c in grid.columns)


def test_evening_rows_only_when_allowed_or_used(cop9, published):
    assert [r.period.id for r in build_grid(cop9, published).rows] == ["AM", "PM"]
    evening = cop9.model_copy(
        update={"session": cop9.session.model_copy(update={"evening_meetings": True})}
    )
    assert [r.period.id for r in build_grid(evening, published).rows] == ["AM", "PM", "EV"]


def test_some_days_only_and_unused_pre_session_days_left_out(cop9, published):
    grid = build_grid(cop9, published, days=[TUE, FRI])
    assert [c.date for c in grid.columns] == [TUE, FRI]
    without_informals = Timetable.of(a for a in published if a.date != PRE)
    assert PRE not in {c.date for c in build_grid(cop9, without_informals).columns}


def test_times_map_into_their_period(cop9, published):
    grid = build_grid(cop9, published)
    am, pm = grid.rows
    assert grid.y("AM", dt.time(10)) == am.y and grid.y("AM", dt.time(13)) == am.y + 180
    assert grid.y("PM", dt.time(15, 30)) == pm.y + 30
    assert pm.y > am.y + 180  # a visible break between periods


# --- labels --------------------------------------------------------------------------------


def test_a_label_wraps_without_breaking_words():
    lines, complete = _wrap("2b Trafficking in Persons Protocol", 80, 60, 7) or ([], False)
    assert complete and " ".join(lines) == "2b Trafficking in Persons Protocol"
    assert all(len(line) <= 80 / (0.58 * 7) for line in lines)


def test_a_label_too_long_ends_in_an_ellipsis_and_too_narrow_has_none():
    fitted = _wrap("4 International cooperation, with particular emphasis", 80, 9, 7)
    assert fitted is not None and not fitted[1] and fitted[0][-1].endswith("…")
    assert _wrap("wg-ic-10 Working Group", 10, 100, 7) is None


def test_a_tall_narrow_block_gets_its_label_on_its_side():
    rotation, lines, _ = _best_fit("ic-agriculture-1 Informal consultations", 20, 300, 7) or (0,)
    assert rotation == 90 and "".join(lines)
    wide = _best_fit("2 Review of the implementation of the Convention", 90, 20, 7)
    assert wide is not None and wide[0] == 0  # a wide, short block: upright, cut


# --- the picture ---------------------------------------------------------------------------


def _texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_cop9_picture_labels_links_and_marks(cop9, published):
    fig = plot_timetable(cop9, published)
    (ax,) = fig.axes
    texts = _texts(fig)
    assert any(t.startswith("2b Trafficking in") for t in texts)
    assert any("5 Technical" in t and "(continued)" in t for t in texts)
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert len(arrows) == 1  # item 5, Thursday afternoon to Friday morning
    bars = [
        p
        for p in ax.patches
        if isinstance(p, Rectangle)
        and p.get_facecolor()[:3] == (matplotlib.colors.to_rgb(INTERPRETED_BAR))
    ]
    assert len(bars) == published.interpreted_meetings() == 12
    hatched = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_hatch()]
    assert len(hatched) == 2  # the informal consultations' two meetings
    assert "12 interpreted meetings of 20" in fig.texts[0].get_text()


def test_a_russian_picture_letters_sub_items_in_cyrillic(cop9, published):
    texts = _texts(plot_timetable(cop9, published, lang="ru"))
    assert any(t.startswith("2\u0431 ") for t in texts)  # 2б, as the Russian annex prints it
    assert not any(t.startswith("2b ") for t in texts)


def test_highlighted_activities_are_outlined(cop9, published):
    plain = plot_timetable(cop9, published)
    marked = plot_timetable(cop9, published, highlight=["5"])
    assert len(marked.axes[0].patches) == len(plain.axes[0].patches) + 2  # item 5's two parts


def test_a_far_continuation_is_a_stub_naming_where_it_goes(cop9, published):
    fig = plot_timetable(cop9, published, days=[dt.date(2018, 10, 18)])
    assert "to Fri 19 AM" in _texts(fig)


def test_save_as_png_svg_or_pdf(cop9, published, tmp_path):
    png = save_plot(tmp_path / "cop9.png", cop9, published)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = save_plot(tmp_path / "cop9.svg", cop9, published)
    assert "<svg" in svg.read_text(encoding="utf-8")[:500]
    pdf = save_plot(tmp_path / "cop9.PDF", cop9, published)
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_a_bad_picture_name_is_refused_before_drawing(cop9, published, tmp_path):
    with pytest.raises(InputError) as caught:
        save_plot(tmp_path / "cop9.jpg", cop9, published)
    assert "--plot" in caught.value.message and ".png" in caught.value.message
    with pytest.raises(InputError, match="unknown picture format"):
        picture_format("timetable")
    with pytest.raises(InputError, match="cannot be written"):
        save_figure(plot_timetable(cop9, published), tmp_path / "missing" / "cop9.png")
    with pytest.raises(InputError) as unwritable:
        save_plot(tmp_path / "missing" / "cop9.svg", cop9, published)
    assert "--plot" in unwritable.value.message
    assert not list(tmp_path.iterdir())


@pytest.mark.slow
def test_a_two_week_session_with_many_rooms_stays_legible(tmp_path):
    """The climate profile: ten days, thirty rooms, evening meetings (the generator's witness)."""
    from PIL import Image

    from scheduler.generate import generate_session

    generated = generate_session("climate", days=10, rooms=30, bodies=40, items=60, seed=1)
    session, witness = generated.session, generated.witness
    path = save_plot(tmp_path / "climate.png", session, witness, dpi=100)
    width, height = Image.open(path).size
    # A zoomable poster: 11 inches high; as wide as its lanes (a room in use on a day) at the
    # narrowest lane, 0.28 inch, and the margins: 30 inches when ten rooms a day are in use.
    lanes = sum(len({a.room for a in witness if a.date == day}) for day in session.session.days)
    assert height <= 1200 and width <= 100 * (0.28 * lanes + 6)
    full = plot_timetable(session, witness)
    week = plot_timetable(session, witness, days=session.session.days[:5])
    assert week.get_size_inches()[0] < full.get_size_inches()[0]
    for fig, days in ((full, session.session.days), (week, session.session.days[:5])):
        named = {text.split()[0] for text in _texts(fig) if text}
        long_enough = {a.activity for a in witness if a.date in days and a.minutes >= 30}
        assert long_enough <= named  # only parts under half an hour may go unlabelled


# --- comparison ----------------------------------------------------------------------------


def test_comparison_chart_draws_a_panel_per_measure(tiny):
    quick = {"workers": 1, "seed": 0, "time_limit": 20.0}
    table = compare_variants(
        [solve(tiny, name="tiny", **quick), solve(set_budget(tiny, 3), name="three", **quick)]
    )
    fig = plot_comparison(table, title="Budget")
    assert len(fig.axes) == 3
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["tiny", "three"]
    assert " infeasible" in _texts(fig)
    assert any(t.strip() == "5" for t in _texts(fig))  # the tiny session's interpreted meetings
    with pytest.raises(ValueError, match="not columns"):
        plot_comparison(table, ["colour"])


def test_a_picture_shows_itself_in_a_notebook(cop9, published):
    """Without pyplot, a notebook cell returning the figure gets this PNG."""
    png = plot_timetable(cop9, published)._repr_png_()  # type: ignore[attr-defined]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_variant_is_named_in_the_title(tiny):
    outcome = solve(tiny, name="two days", workers=1, seed=0, time_limit=20.0)
    heading = outcome.plot().texts[0].get_text()
    assert "Tiny Conference" in heading and "two days: session 1: organization of work" in heading


# --- languages, fonts and large sessions ---------------------------------------------------

SIX = ROOT / "tests" / "io" / "data" / "six-languages.yaml"
# Words the picture itself writes in English (catalogue words, day and month names): none may
# be left in a picture in another language.
ENGLISH = {
    *("interpreted", "meeting", "meetings", "bar", "no", "interpretation", "continued"),
    *("in", "the", "next", "highlighted", "to", "holiday", "pre", "organization", "of", "work"),
    *("mon", "tue", "wed", "thu", "fri", "sat", "sun", "oct"),  # "mar." and "session": French
}


def _svg_texts(path) -> list[str]:
    """The texts of an SVG picture (kept as text elements, not outlines)."""
    import xml.etree.ElementTree as ET

    root = ET.parse(path).getroot()
    return [
        "".join(node.itertext())
        for node in root.iter()
        if node.tag.endswith("}text") and "".join(node.itertext()).strip()
    ]


@pytest.mark.parametrize("lang", ["fr", "zh"])
def test_a_picture_in_french_or_chinese_writes_no_english(lang, tmp_path):
    session = load_session(SIX)
    timetable = published_timetable(session, lang=lang)
    path = save_plot(tmp_path / f"six-{lang}.svg", session, timetable, lang=lang)
    texts = _svg_texts(path)
    assert len(texts) > 10
    ids = {r.id for r in session.rooms} | {p.id for p in session.session.periods}
    words = {w.lower() for text in texts for w in re.findall(r"[A-Za-z]+", text)}
    words -= {w.lower() for i in ids for w in re.findall(r"[A-Za-z]+", i)}
    assert not words & ENGLISH, sorted(words & ENGLISH)
    number, budget = session.session.number, session.interpretation.budget
    used = timetable.interpreted_meetings()
    title = word("plots.title", lang, number=number, used=used, budget=budget)
    assert title in " ".join(texts)  # the title line, in the language


def test_chinese_and_arabic_are_drawn_with_a_font_that_has_them(cop9, published):
    """ "(续)" once came out as empty boxes: a CJK font is among the families, and Arabic is
    given in logical order for matplotlib to join and lay out right to left."""
    from matplotlib.font_manager import findfont

    from scheduler.plots.fonts import families

    for lang, sample in (("zh", "（续）"), ("ar", "(تابع)")):
        chosen = families(lang)
        assert len(chosen) == 2, f"no font for {lang}: install fonts-noto-cjk / fonts-noto"
        assert "DejaVu" not in findfont(chosen[1], fallback_to_default=False)
        fig = plot_timetable(cop9, published, lang=lang)
        assert all(t.get_fontfamily() == chosen for t in fig.findobj(matplotlib.text.Text))
        assert any(sample in t for t in _texts(fig))


def test_a_large_session_as_a_pdf_has_a_page_per_day(tmp_path):
    from pypdf import PdfReader

    from scheduler.generate import generate_session
    from scheduler.plots.files import is_large

    generated = generate_session("climate", days=4, rooms=12, bodies=10, items=20, seed=1)
    session, witness = generated.session, generated.witness
    assert is_large(session, witness)
    path = save_plot(tmp_path / "climate.pdf", session, witness)
    pages = PdfReader(path).pages
    days = {a.date for a in witness}
    assert len(pages) == len(days)
    poster = plot_timetable(session, witness).get_size_inches()[0]
    assert all(float(page.mediabox.width) / 72 < poster / 2 for page in pages)
    assert save_plot(tmp_path / "small.pdf", session, witness, per_day=False).exists()
    assert len(PdfReader(tmp_path / "small.pdf").pages) == 1


def test_the_legend_and_title_are_inside_the_saved_picture(cop9, published, tmp_path):
    """Saved with a tight box: a legend wider than the grid is not cut at the edge."""
    from PIL import Image

    fig = plot_timetable(cop9, published, days=[MON], lang="fr")
    drawn = fig.get_size_inches()[0] * 100
    path = save_figure(fig, tmp_path / "monday.png", dpi=100)
    assert Image.open(path).size[0] >= drawn * 0.9  # the legend's width, not just the grid's


@pytest.mark.parametrize("measures", [("interpreted_meetings", "moves"), DEFAULT_MEASURES])
def test_comparison_rows_top_to_bottom_and_values_clear_of_the_budget_tick(tiny, measures):
    """With two panels the variants were drawn bottom to top (each panel flipped the shared
    axis); a value equal to its budget was written over the budget's tick."""
    quick = {"workers": 1, "seed": 0, "time_limit": 20.0}
    table = compare_variants(
        [solve(tiny, name="tiny", **quick), solve(set_budget(tiny, 4), name="four", **quick)]
    )
    fig = plot_comparison(table, measures)
    for ax in fig.axes:
        bottom, top = ax.get_ylim()
        assert top < bottom  # the first row on top
    panel = fig.axes[0]
    budgets = dict(zip(range(len(table)), table["interpretation_budget"], strict=True))
    for text in panel.texts:
        x, y = text.get_position()
        assert x >= budgets[round(y)]  # written right of the tick, not over it
