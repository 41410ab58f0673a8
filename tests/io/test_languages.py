"""The six UN languages: every label in every file, each language's conventions, CLDR names,
titles that fall back to English with a warning, and the workbook in Arabic laid right to left."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import yaml
from babel.dates import format_date

from scheduler.cli.common import Lang
from scheduler.io.annex import annex_rows
from scheduler.io.session_file import load_session
from scheduler.io.timetable_workbook import write_workbook
from scheduler.labels import (
    available_languages,
    labels,
    missing_body_names,
    missing_titles,
    missing_titles_warning,
)
from scheduler.published import published_timetable
from scheduler.session import UN_LANGUAGES, Session
from tests.conftest import make_session

LABELS_DIR = Path(__file__).resolve().parents[2] / "scheduler" / "data" / "labels"
SIX = Path(__file__).resolve().parent / "data" / "six-languages.yaml"

# Keys a language may leave out: 12-hour clock words, and layout options with a default.
OPTIONAL_KEYS = {
    "time.am",
    "time.pm",
    "time.meridiem",
    "time.shared_meridiem",
    "time.keep_meridiem",
    "time.noon",
    "time.in_text.hour",  # a clock time in a sentence, where it differs from the annex
    "time.in_text.hour_minute",
    "days.capitalize",
    "days.first_of_month",
    "days.month_locales",
    "days.month_separator",
    "annex.letters",
    "meeting.ordinal",  # its forms differ by language (CLDR plural categories)
}


def _keys(data: dict, prefix: str = "") -> set[str]:
    keys: set[str] = set()
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and path != "meeting.ordinal":
            keys |= _keys(value, f"{path}.")
        else:
            keys.add(path)
    return keys


def _raw(lang: str) -> dict:
    return yaml.safe_load((LABELS_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def six() -> Session:
    """Titles and names in all six languages: no export may fall back to English."""
    return load_session(SIX)


def test_one_labels_file_per_un_language():
    assert set(available_languages()) == set(UN_LANGUAGES)
    assert {lang.value for lang in Lang} == set(UN_LANGUAGES)


def test_every_label_is_present_in_all_six_files():
    required = {lang: _keys(_raw(lang)) - OPTIONAL_KEYS for lang in UN_LANGUAGES}
    union = set().union(*required.values())
    for lang, keys in required.items():
        assert keys == union, f"{lang}.yaml lacks {sorted(union - keys)}"
    for lang in UN_LANGUAGES:
        ordinal = _raw(lang)["meeting"]["ordinal"]
        assert "other" in ordinal, lang


@pytest.mark.parametrize("lang", UN_LANGUAGES)
def test_no_label_is_empty(lang):
    def texts(value):
        if isinstance(value, dict):
            for inner in value.values():
                yield from texts(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from texts(inner)
        elif isinstance(value, str):
            yield value

    assert all(text.strip() for text in texts(_raw(lang)))
    assert labels(lang)  # and the file validates


# The conventions the issue quotes, as each language's published documents print them.
@pytest.mark.parametrize(
    ("lang", "start", "end", "printed"),
    [
        ("fr", "10:00", "13:00", "10 heures-13 heures"),
        ("en", "10:00", "13:00", "10 a.m.–1 p.m."),
        ("es", "10:00", "13:00", "10.00 a 13.00 horas"),
        ("es", "15:00", "18:00", "15.00 a 18.00 horas"),
        ("es", "14:30", "17:30", "14.30 a 17.30 horas"),
        ("ru", "10:00", "13:00", "10 ч. 00 м. - 13 ч. 00 м."),
        ("ru", "14:30", "17:30", "14 ч. 30 м. - 17 ч. 30 м."),
        ("zh", "10:00", "13:00", "上午10时至下午1时"),
        ("zh", "15:00", "18:00", "下午3时至6时"),
        ("zh", "09:00", "12:00", "上午9时至中午12时"),
        ("zh", "14:30", "17:30", "下午2时30分至5时30分"),
        ("ar", "10:00", "13:00", "من الساعة 10:00 إلى الساعة 13:00"),
        ("ar", "14:30", "17:30", "من الساعة 14:30 إلى الساعة 17:30"),
    ],
)
def test_period_times_per_language(lang, start, end, printed):
    words = labels(lang)
    assert words.period(dt.time.fromisoformat(start), dt.time.fromisoformat(end)) == printed


@pytest.mark.parametrize(
    ("lang", "date", "printed"),
    [
        ("fr", dt.date(2018, 10, 15), "Lundi 15 octobre"),
        ("fr", dt.date(2018, 11, 1), "Jeudi 1er novembre"),
        ("en", dt.date(2018, 10, 15), "Monday, 15 October"),
        ("es", dt.date(2018, 10, 15), "Lunes 15 de octubre"),
        ("ru", dt.date(2018, 10, 15), "Понедельник, 15 октября"),  # the month in the genitive
        ("zh", dt.date(2018, 10, 15), "10月15日，星期一"),
        ("ar", dt.date(2018, 10, 15), "الاثنين، 15 تشرين الأول/أكتوبر"),
        ("ar", dt.date(2019, 5, 6), "الاثنين، 6 أيار/مايو"),
    ],
)
def test_day_headings_per_language(lang, date, printed):
    assert labels(lang).day(date) == printed


@pytest.mark.parametrize("lang", UN_LANGUAGES)
def test_day_and_month_names_are_cldr_names(lang):
    """Not a hand-made table: each weekday heading carries Babel's name in the file's locale."""
    words = labels(lang)
    locale = words.language.locale
    for offset in range(7):
        date = dt.date(2018, 10, 15) + dt.timedelta(days=offset)
        assert format_date(date, "EEEE", locale=locale).lower() in words.day(date).lower()
    if lang != "zh":  # Chinese writes the month as a number: 10月
        for month in range(1, 13):
            date = dt.date(2018, month, 10)
            assert format_date(date, "MMMM", locale=locale) in words.day(date)


@pytest.mark.parametrize(
    ("lang", "item_id", "printed"),
    [
        ("es", "2b", "Tema 2 b)"),
        ("ru", "2b", "Пункт 2 б)"),  # Cyrillic letters, as UN Russian texts print them
        ("ru", "1a", "Пункт 1 а)"),
        ("ru", "3j", "Пункт 3 к)"),  # no й: lists skip it
        ("zh", "2b", "项目2(b)"),
        ("ar", "2b", "البند 2 (ب)"),
        ("ar", "1e", "البند 1 (هـ)"),
        ("ar", "1f", "البند 1 (و)"),
        ("ar", "5", "البند 5"),
    ],
)
def test_item_numbers_per_language(lang, item_id, printed):
    assert labels(lang).item(item_id) == printed


@pytest.mark.parametrize(
    ("lang", "continued"),
    [
        ("es", "X (continuación)"),
        ("ru", "X (продолжение)"),
        ("zh", "X（续）"),
        ("ar", "X (تابع)"),
    ],
)
def test_continued_per_language(lang, continued):
    assert labels(lang).continued("X") == continued


@pytest.mark.parametrize(
    ("lang", "numbers", "printed"),
    [
        ("en", (1, 2, 3, 4, 11, 12, 13, 21, 22), "1st 2nd 3rd 4th 11th 12th 13th 21st 22nd"),
        ("fr", (1, 2, 10), "1re 2e 10e"),
        ("es", (1, 3), "1ª 3ª"),
        ("ru", (1, 3), "1-е 3-е"),
        ("zh", (1, 3), "第1次 第3次"),
    ],
)
def test_ordinals_follow_cldr_rules(lang, numbers, printed):
    words = labels(lang)
    assert " ".join(words.ordinal(n) for n in numbers) == printed


def test_only_arabic_is_right_to_left():
    assert [lang for lang in UN_LANGUAGES if labels(lang).rtl] == ["ar"]


# --- titles per language ---------------------------------------------------------------------


def test_the_seed_has_every_title_in_french_and_english(cop9):
    assert missing_titles(cop9, "fr") == []
    assert missing_titles(cop9, "en") == []
    assert missing_titles_warning(cop9, "fr") is None


def test_the_seed_lists_every_printed_activity_as_missing_in_arabic(cop9):
    assert missing_titles(cop9, "ar") == [a.id for a in cop9.activities]
    assert missing_body_names(cop9, "ar") == ["plenary", "wg-ic", "informals"]
    warning = missing_titles_warning(cop9, "ar")
    assert warning is not None
    assert "'ar'" in warning and "1a, 1b" in warning and "wg-ic-10" in warning
    assert "English" in warning


def test_a_missing_title_falls_back_to_english_in_the_annex(cop9):
    rows = annex_rows(cop9, published_timetable(cop9), "ru")
    assert rows[0].date == "Понедельник, 15 октября"
    assert rows[1].plenary.splitlines()[0] == "Пункт 1 а). Opening of the session"


def test_the_six_language_session_misses_nothing(six):
    for lang in UN_LANGUAGES:
        assert missing_titles(six, lang) == [], lang
        assert missing_body_names(six, lang) == [], lang
        assert missing_titles_warning(six, lang) is None


def test_one_missing_title_is_listed_alone(six):
    data = yaml.safe_load(SIX.read_text(encoding="utf-8"))
    del data["items"][3]["title"]["zh"]  # item 2
    session = make_session(data)
    assert missing_titles(session, "zh") == ["2"]
    assert missing_titles(session, "ar") == []
    assert "items 2:" in (missing_titles_warning(session, "zh") or "")


def test_an_annex_title_missing_in_a_language_is_listed():
    """What is printed is the annex title when there is one: its language is what counts."""
    data = yaml.safe_load(SIX.read_text(encoding="utf-8"))
    data["items"][1]["annex_title"] = {"en": "Opening", "fr": "Ouverture"}  # 1a
    session = make_session(data)
    assert missing_titles(session, "es") == ["1a"]
    assert missing_titles(session, "fr") == []


@pytest.mark.parametrize("lang", ["ar", "zh", "ru", "es"])
def test_an_annex_in_each_language_prints_no_english(six, lang):
    rows = annex_rows(six, published_timetable(six), lang)
    text = "\n".join("\n".join(row) for row in rows)
    for english in ("Opening", "Election", "General debate", "Working group", "continued"):
        assert english not in text
    assert six.item("2").title.get(lang) in text


# --- the workbook in every language -----------------------------------------------------------


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_workbook_annex_sheet_is_right_to_left_in_arabic_only(cop9, tmp_path, lang):
    path = tmp_path / f"{lang}.xlsx"
    write_workbook(path, cop9, published_timetable(cop9), None, None, lang=lang)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert sheet.title == labels(lang).annex.sheet
    assert bool(sheet.sheet_view.rightToLeft) is (lang == "ar")
    assert sheet["A2"].value == labels(lang).day(dt.date(2018, 10, 15))
