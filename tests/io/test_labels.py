"""Labels per language: item numbers, period times and day headings as each annex prints them."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from scheduler.errors import InputError
from scheduler.labels import Labels, available_languages, labels


def t(hh_mm: str) -> dt.time:
    return dt.time.fromisoformat(hh_mm)


@pytest.mark.parametrize(
    ("lang", "start", "end", "printed"),
    [
        ("fr", "10:00", "13:00", "10 heures-13 heures"),
        ("fr", "15:00", "18:00", "15 heures-18 heures"),
        ("fr", "10:30", "13:00", "10 h 30-13 heures"),
        ("fr", "09:00", "12:00", "9 heures-12 heures"),
        ("fr", "14:30", "17:30", "14 h 30-17 h 30"),
        ("en", "10:00", "13:00", "10 a.m.–1 p.m."),
        ("en", "15:00", "18:00", "3–6 p.m."),
        ("en", "10:30", "13:00", "10.30 a.m.–1 p.m."),
        ("en", "14:30", "17:30", "2.30–5.30 p.m."),
        ("en", "09:00", "11:00", "9–11 a.m."),
        ("en", "09:00", "12:00", "9 a.m.–12 noon"),
        ("en", "12:00", "15:00", "12 noon–3 p.m."),
        ("en", "18:00", "21:00", "6–9 p.m."),
    ],
)
def test_period_times_as_printed(lang, start, end, printed):
    assert labels(lang).period(t(start), t(end)) == printed


@pytest.mark.parametrize(
    ("lang", "date", "printed"),
    [
        ("fr", dt.date(2018, 10, 15), "Lundi 15 octobre"),
        ("fr", dt.date(2018, 10, 19), "Vendredi 19 octobre"),
        ("fr", dt.date(2018, 11, 1), "Jeudi 1er novembre"),
        ("fr", dt.date(2019, 8, 4), "Dimanche 4 août"),
        ("en", dt.date(2018, 10, 15), "Monday, 15 October"),
        ("en", dt.date(2018, 11, 1), "Thursday, 1 November"),
    ],
)
def test_day_headings(lang, date, printed):
    assert labels(lang).day(date) == printed


@pytest.mark.parametrize(
    ("lang", "item_id", "printed"),
    [
        ("fr", "2b", "Point 2 b)"),
        ("fr", "2", "Point 2"),
        ("fr", "12", "Point 12"),
        ("fr", "1A", "Point 1 a)"),
        ("en", "2b", "Item 2 (b)"),
        ("en", "5", "Item 5"),
        ("en", "opening", "Item opening"),  # another shape of id: printed as it is
    ],
)
def test_item_labels(lang, item_id, printed):
    assert labels(lang).item(item_id) == printed


@pytest.mark.parametrize(
    ("lang", "item_id", "said"),
    [
        ("ru", "1a", "1а"),  # Cyrillic а, as the Russian annex prints "Пункт 1 а)"
        ("ru", "2B", "2б"),
        ("ar", "2b", "2ب"),
        ("en", "2b", "2b"),
        ("ru", "12", "12"),
        ("ru", "hls-1", "hls-1"),  # no agenda number: the planner's key as it is
    ],
)
def test_item_ids_in_the_readers_script(lang, item_id, said):
    assert labels(lang).item_id(item_id) == said


def test_an_id_that_is_no_agenda_number_prints_the_title_alone():
    en = labels("en")
    assert en.item_line("hls-national-statements", "High-level segment") == "High-level segment"
    assert en.item_line("2b", "Protocol") == "Item 2 (b). Protocol"
    assert not en.is_item_number("hls-national-statements")
    assert en.is_item_number("12") and en.is_item_number("2 b")


def test_item_lines_and_continued():
    fr, en = labels("fr"), labels("en")
    assert fr.item_line("1a", "Ouverture de la session") == "Point 1 a). Ouverture de la session"
    assert en.item_line("2b", "Trafficking in Persons Protocol") == (
        "Item 2 (b). Trafficking in Persons Protocol"
    )
    assert fr.continued("Point 5. Assistance technique") == "Point 5. Assistance technique (suite)"
    assert (
        en.continued("Item 5. Technical assistance") == "Item 5. Technical assistance (continued)"
    )


def test_annex_words():
    fr, en = labels("fr").annex, labels("en").annex
    assert (fr.sheet, en.sheet) == ("Organisation des travaux", "Organization of work")
    assert (fr.date_time, fr.plenary, fr.parallel) == (
        "Date/heure",
        "Séance plénière",
        "Réunions parallèles",
    )
    assert (en.date_time, en.plenary, en.parallel) == ("Date/time", "Plenary", "Parallel meetings")
    assert (fr.heading, fr.title) == ("Annexe", "Projet d’organisation des travaux")
    assert (en.heading, en.title) == ("Annex", "Proposed organization of work")


def test_the_six_un_languages_are_shipped():
    assert set(available_languages()) == {"ar", "zh", "en", "fr", "ru", "es"}


@pytest.mark.parametrize("lang", available_languages())
def test_every_labels_file_prints_a_whole_week(lang):
    words = labels(lang)
    week = [dt.date(2018, 10, 15) + dt.timedelta(days=n) for n in range(7)]
    assert len({words.day(d) for d in week}) == 7
    assert words.period(t("10:00"), t("13:00"))


def test_a_language_without_labels_is_refused_by_name():
    with pytest.raises(InputError) as info:
        labels("xx")
    assert "'xx'" in info.value.message
    assert "ar, en, es, fr, ru, zh" in info.value.message


def _data() -> dict:
    return labels("en").model_dump()


@pytest.mark.parametrize(
    ("part", "key", "value", "says"),
    [
        ("annex", "sheet", "Organization/work", "character Excel refuses"),
        ("annex", "sheet", "x" * 32, "31"),
        ("annex", "item", "Item {num}", "not a valid format"),
        ("time", "pm", None, "needs am and pm"),
        ("days", "heading", "{weekday} {date}", "not a valid format"),
        ("days", "month_locales", ["xx_YY"], "not a CLDR locale"),
        ("language", "locale", "klingon", "not a CLDR locale"),
        ("language", "direction", "ttb", "ltr"),
        ("meeting", "ordinal", {"one": "{number}st"}, "other"),
        ("meeting", "ordinal", {"first": "{number}st", "other": "{n}"}, "first"),
        ("annex", "letters", ["a", "b"], "26"),
    ],
)
def test_a_broken_labels_file_is_refused(part, key, value, says):
    data = _data()
    data[part][key] = value
    with pytest.raises(ValidationError, match=says):
        Labels.model_validate(data)


def test_an_unknown_key_in_a_labels_file_is_refused():
    data = _data()
    data["annex"]["continue"] = "{text} (cont.)"
    with pytest.raises(ValidationError, match="continue"):
        Labels.model_validate(data)
