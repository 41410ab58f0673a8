"""The words of the organization of work, per language, read from `data/labels/<lang>.yaml`.

Each UN language prints the annex its own way ("Point 2 b)" / "Item 2 (b)" / "Пункт 2 б)",
"10 heures-13 heures" / "10 a.m.–1 p.m.", left to right or right to left). Keeping that in
data files means a new language is a new file, checked on load, not new code. Day and month
names come from CLDR (Babel), in the locale the file names; the file only says how a day
heading is laid out. Rule names and texts are not here: they live in `scheduler.rules`.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Annotated, Literal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from scheduler.errors import InputError
from scheduler.session import UN_LANGUAGES, Session
from scheduler.yaml_loading import safe_load

_ITEM_ID = re.compile(r"^(?P<number>\d+)\s*(?P<letter>[A-Za-z])?$")
_SHEET_FORBIDDEN = set("[]:*?/\\")


def _check_format(name: str, template: str, **values: object) -> None:
    """Refuse a format with a placeholder the program does not fill."""
    try:
        template.format(**values)
    except (KeyError, IndexError, ValueError) as exc:
        known = ", ".join("{" + key + "}" for key in values)
        raise ValueError(f"{name}: {template!r} is not a valid format ({known}): {exc}") from None


def _check_locale(name: str, locale: str) -> None:
    """Refuse a locale CLDR does not know, naming it."""
    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(f"{name}: {locale!r} is not a CLDR locale ({exc})") from None


class _Strict(BaseModel):
    """Each model's validator is built when first used (`defer_build`): reading one language
    builds `Labels`' once, instead of every part's at import (0.01 s of each command's start)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class LanguageLabels(_Strict):
    """What the language is: its CLDR locale, its direction and its tag in Word documents."""

    locale: str = Field(description="CLDR locale (Babel) of day and month names, e.g. fr, ar")
    direction: Literal["ltr", "rtl"]
    tag: str = Field(description="Language tag of the text in documents, e.g. fr-FR, ar-SA")

    @model_validator(mode="after")
    def _usable(self) -> LanguageLabels:
        _check_locale("locale", self.locale)
        return self


class FontLabels(_Strict):
    """Fonts of documents, one per script class, so every script has a font that has it."""

    latin: str = Field(description="Latin and Cyrillic text")
    east_asia: str = Field(description="Chinese characters")
    complex: str = Field(description="Arabic (right-to-left) text")
    size: float = Field(gt=0, le=72, description="Points")


class AnnexLabels(_Strict):
    """Sheet name, headings and item formats of the annex."""

    sheet: Annotated[str, Field(min_length=1, max_length=31)]
    heading: str
    title: str
    date_time: str
    plenary: str
    parallel: str
    continued: str
    item: str
    sub_item: str
    line: str
    letters: Annotated[list[str], Field(min_length=26, max_length=26)] | None = Field(
        default=None, description="Sub-item letters a-z in this script (Arabic: أ ب ج ...)"
    )

    @model_validator(mode="after")
    def _usable(self) -> AnnexLabels:
        if _SHEET_FORBIDDEN & set(self.sheet):
            raise ValueError(f"sheet: {self.sheet!r} has a character Excel refuses ([]:*?/\\)")
        _check_format("continued", self.continued, text="x")
        _check_format("item", self.item, number=1)
        _check_format("sub_item", self.sub_item, number=1, letter="a")
        _check_format("line", self.line, item="x", title="y")
        return self


class ClockInText(_Strict):
    """How a clock time reads in a sentence, where it differs from the annex ("15:00")."""

    hour: str
    hour_minute: str

    @model_validator(mode="after")
    def _usable(self) -> ClockInText:
        _check_format("in_text.hour", self.hour, hour=1)
        _check_format("in_text.hour_minute", self.hour_minute, hour=1, minute=5)
        return self


class TimeLabels(_Strict):
    """How a period is printed: 24-hour ("10 heures") or 12-hour ("10 a.m.") clock."""

    clock: Literal[12, 24]
    hour: str
    hour_minute: str
    range: str
    am: str | None = None
    pm: str | None = None
    meridiem: str = "{time} {meridiem}"
    shared_meridiem: bool = False
    keep_meridiem: Literal["start", "end"] = Field(
        default="end",
        description="Which time keeps a shared meridiem: end (3-6 p.m.) or start (下午3时至6时)",
    )
    noon: str | None = None
    digits: str = Field(
        default="{hour:02d}:{minute:02d}",
        description="A clock time in tables and findings: 09:30",
    )
    in_text: ClockInText | None = Field(
        default=None,
        description="A clock time in a sentence (explanations), when not as the annex prints it",
    )

    @model_validator(mode="after")
    def _usable(self) -> TimeLabels:
        if self.clock == 12 and not (self.am and self.pm):
            raise ValueError("a 12-hour clock needs am and pm")
        _check_format("hour", self.hour, hour=1)
        _check_format("hour_minute", self.hour_minute, hour=1, minute=5)
        _check_format("range", self.range, start="a", end="b")
        _check_format("meridiem", self.meridiem, time="1", meridiem="a.m.")
        _check_format("digits", self.digits, hour=1, minute=5)
        return self


class DayLabels(_Strict):
    """How a day heading is laid out; the weekday and month names are CLDR's."""

    heading: str = Field(description="{weekday}, {day}, {month} and {month_number} are filled in")
    capitalize: bool = Field(default=False, description="Capital first letter (Lundi 15 octobre)")
    first_of_month: str | None = Field(default=None, description="The 1st, if written apart (1er)")
    month_locales: list[str] | None = Field(
        default=None,
        description="Locales whose month names are joined (Arabic: تشرين الأول/أكتوبر)",
    )
    month_separator: str = "/"

    @model_validator(mode="after")
    def _usable(self) -> DayLabels:
        _check_format("heading", self.heading, weekday="x", day="1", month="y", month_number=10)
        for locale in self.month_locales or []:
            _check_locale("month_locales", locale)
        return self


_ORDINAL_FORMS = ("zero", "one", "two", "few", "many", "other")


class MeetingLabels(_Strict):
    """How a meeting is named in calendars and the daily programme ("Plenary, 3rd meeting")."""

    title: str = Field(description="A body's meeting: {body}, {ordinal} (3rd) and {number}")
    plenary: str = Field(description="A plenary meeting: 3rd plenary meeting")
    ordinal: dict[str, str] = Field(
        description="Ordinal per CLDR ordinal form (one, two, few, other): {number}st, {number}e"
    )
    interpreted: str
    not_interpreted: str

    @field_validator("ordinal")
    @classmethod
    def _forms(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - set(_ORDINAL_FORMS))
        if unknown:
            raise ValueError(f"ordinal: {', '.join(unknown)} is not a CLDR plural form")
        if "other" not in value:
            raise ValueError("ordinal: give at least the form 'other'")
        for form, template in value.items():
            _check_format(f"ordinal.{form}", template, number=1)
        return value

    @model_validator(mode="after")
    def _usable(self) -> MeetingLabels:
        _check_format("title", self.title, body="x", ordinal="1", number=1)
        _check_format("plenary", self.plenary, ordinal="1", number=1)
        return self


class ProgrammeLabels(_Strict):
    """Headings of the daily programme, the meetings of each day as the Journal lists them."""

    title: str
    time: str
    room: str
    meeting: str
    items: str
    interpretation: str


class Labels(_Strict):
    """All labels of one language, with the functions that apply them."""

    language: LanguageLabels
    fonts: FontLabels
    annex: AnnexLabels
    time: TimeLabels
    days: DayLabels
    meeting: MeetingLabels
    programme: ProgrammeLabels

    @property
    def rtl(self) -> bool:
        """Written right to left (Arabic): sheets, tables and paragraphs are mirrored."""
        return self.language.direction == "rtl"

    def item(self, item_id: str) -> str:
        """`2b` -> "Point 2 b)" / "Item 2 (b)" / "Пункт 2 б)"; an id of another shape is
        printed as it is."""
        match = _ITEM_ID.match(item_id.strip())
        if match is None:
            return self.annex.item.format(number=item_id)
        number, letter = match["number"], match["letter"]
        if letter is None:
            return self.annex.item.format(number=number)
        return self.annex.sub_item.format(number=number, letter=self._letter(letter))

    def item_id(self, item_id: str) -> str:
        """An item's id as a reader of this language reads it in a sentence or a picture:
        `2b` in English, `2б` in Russian, `2ب` in Arabic; an id of another shape as it is."""
        match = _ITEM_ID.match(item_id.strip())
        if match is None or match["letter"] is None:
            return item_id
        return match["number"] + self._letter(match["letter"])

    def is_item_number(self, item_id: str) -> bool:
        """Whether an id is an agenda number (`2`, `2b`), printed "Item 2 (b)"; an id such as
        `hls-national-statements` is the planner's key, not a number the agenda gives."""
        return _ITEM_ID.match(item_id.strip()) is not None

    def item_line(self, item_id: str, title: str) -> str:
        """The line of an item in the annex: "Point 1 a). Ouverture de la session"; an item
        whose id is no agenda number by its title alone (the agenda numbers it nowhere, so the
        annex prints no "Item hls-1")."""
        if not self.is_item_number(item_id):
            return title
        return self.annex.line.format(item=self.item(item_id), title=title)

    def _letter(self, letter: str) -> str:
        """A sub-item letter in this language's script (а, б, в / أ, ب, ج), from a-z."""
        letter = letter.lower()
        if self.annex.letters:
            return self.annex.letters[string.ascii_lowercase.index(letter)]
        return letter

    def continued(self, text: str) -> str:
        """A part of an activity after its first: "... (suite)"."""
        return self.annex.continued.format(text=text)

    def month(self, date: dt.date) -> str:
        """The month's name as the language prints it: "octobre", "تشرين الأول/أكتوبر"."""
        days, locale = self.days, self.language.locale
        months = [format_date(date, "MMMM", locale=loc) for loc in days.month_locales or [locale]]
        return days.month_separator.join(dict.fromkeys(months))

    def day(self, date: dt.date) -> str:
        """The day row of the annex: "Lundi 15 octobre" / "Monday, 15 October"."""
        days, locale = self.days, self.language.locale
        text = days.heading.format(
            weekday=format_date(date, "EEEE", locale=locale),
            day=days.first_of_month if date.day == 1 and days.first_of_month else str(date.day),
            month=self.month(date),
            month_number=date.month,
        )
        return text[:1].upper() + text[1:] if days.capitalize else text

    def period(self, start: dt.time, end: dt.time) -> str:
        """A period as printed: "10 heures-13 heures" / "10 a.m.–1 p.m." / "3–6 p.m."."""
        t = self.time
        if t.clock == 24:
            return t.range.format(
                start=self._clock(start.hour, start), end=self._clock(end.hour, end)
            )
        start_text, end_text = self._twelve(start), self._twelve(end)
        same_half = (start.hour < 12) == (end.hour < 12)
        if t.shared_meridiem and same_half and not self._is_noon(start) and not self._is_noon(end):
            if t.keep_meridiem == "end":
                start_text = self._clock(start.hour % 12 or 12, start)
            else:
                end_text = self._clock(end.hour % 12 or 12, end)
        return t.range.format(start=start_text, end=end_text)

    def clock_digits(self, at: dt.time) -> str:
        """A clock time in tables and findings: "09:30"."""
        return self.time.digits.format(hour=at.hour, minute=at.minute)

    def clock_text(self, at: dt.time) -> str:
        """A clock time in a sentence: "15:00" / "15 heures" / "16 h 45" / "下午3时"."""
        t = self.time
        if t.in_text is not None:
            if at.minute:
                return t.in_text.hour_minute.format(hour=at.hour, minute=at.minute)
            return t.in_text.hour.format(hour=at.hour)
        if t.clock == 24:
            return self._clock(at.hour, at)
        return self._twelve(at)

    def ordinal(self, number: int) -> str:
        """`3` -> "3rd" / "3e": the form CLDR's ordinal rules give for this language."""
        form = Locale.parse(self.language.locale).ordinal_form(number)
        template = self.meeting.ordinal.get(form, self.meeting.ordinal["other"])
        return template.format(number=number)

    def meeting_title(self, body: str, number: int, plenary: bool = False) -> str:
        """A meeting's name: "3rd plenary meeting" / "Groupe de travail ..., 2e séance"."""
        if plenary:
            return self.meeting.plenary.format(ordinal=self.ordinal(number), number=number)
        return self.meeting.title.format(body=body, ordinal=self.ordinal(number), number=number)

    def interpretation(self, interpreted: bool) -> str:
        return self.meeting.interpreted if interpreted else self.meeting.not_interpreted

    def _clock(self, hour: int, at: dt.time) -> str:
        if at.minute:
            return self.time.hour_minute.format(hour=hour, minute=at.minute)
        return self.time.hour.format(hour=hour)

    def _is_noon(self, at: dt.time) -> bool:
        return bool(self.time.noon) and at == dt.time(12, 0)

    def _twelve(self, at: dt.time) -> str:
        t = self.time
        if self._is_noon(at):
            return str(t.noon)
        meridiem = t.am if at.hour < 12 else t.pm
        return t.meridiem.format(time=self._clock(at.hour % 12 or 12, at), meridiem=meridiem)


def _labels_dir() -> Traversable:
    return files("scheduler") / "data" / "labels"


def available_languages() -> list[str]:
    """Languages with a labels file, e.g. ["ar", "en", "es", "fr", "ru", "zh"]."""
    return sorted(
        entry.name.removesuffix(".yaml")
        for entry in _labels_dir().iterdir()
        if entry.name.endswith(".yaml")
    )


@cache
def labels(lang: str) -> Labels:
    """The labels of `lang`; an InputError names the languages available."""
    resource = _labels_dir() / f"{lang}.yaml"
    if not resource.is_file():
        raise InputError(
            f"no labels for this language (available: {', '.join(available_languages())})",
            field="lang",
            value=lang,
        )
    data = safe_load(resource.read_text(encoding="utf-8"))
    try:
        return Labels.model_validate(data)
    except ValidationError as exc:  # a broken package file: say which one
        raise ValueError(f"labels file {lang}.yaml is invalid:\n{exc}") from None


# --- titles the session file gives, per language -----------------------------------------------


def missing_titles(session: Session, lang: str) -> list[str]:
    """Ids of the activities (items and parallel meetings) printed without a title in `lang`.

    The exports print such a title in English (or any language given), so the planner is
    warned with this list. An item's annex title counts when it has one, as that is what is
    printed. Headings taken only through their sub-items are not printed and not listed.
    """
    return [
        activity.id
        for activity in session.activities
        if not getattr(activity.annex_title or activity.title, lang, None)
    ]


def missing_body_names(session: Session, lang: str) -> list[str]:
    """Ids of the bodies without a name in `lang` (calendars and the programme print them)."""
    return [body.id for body in session.bodies if not getattr(body.name, lang, None)]


def missing_titles_warning(session: Session, lang: str) -> str | None:
    """The warning to print when titles or body names fall back to English; None when none do."""
    if lang not in UN_LANGUAGES:
        return None
    items, bodies = missing_titles(session, lang), missing_body_names(session, lang)
    if not items and not bodies:
        return None
    parts = []
    if items:
        parts.append(f"items {', '.join(items)}")
    if bodies:
        parts.append(f"bodies {', '.join(bodies)}")
    return (
        f"no title in {lang!r} for {'; '.join(parts)}: "
        "printed in English (add them to the session file)"
    )
