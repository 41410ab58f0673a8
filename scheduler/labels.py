"""The words of the organization of work, per language, read from `data/labels/<lang>.yaml`.

Each UN language prints the annex its own way ("Point 2 b)" / "Item 2 (b)", "10 heures-13 heures"
/ "10 a.m.-1 p.m."). Keeping that in data files means a new language is a new file, checked on
load, not new code. Rule names and texts are not here: they live in `scheduler.rules`.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from scheduler.errors import InputError

_ITEM_ID = re.compile(r"^(?P<number>\d+)\s*(?P<letter>[A-Za-z])?$")
_SHEET_FORBIDDEN = set("[]:*?/\\")


def _check_format(name: str, template: str, **values: object) -> None:
    """Refuse a format with a placeholder the program does not fill."""
    try:
        template.format(**values)
    except (KeyError, IndexError, ValueError) as exc:
        known = ", ".join("{" + key + "}" for key in values)
        raise ValueError(f"{name}: {template!r} is not a valid format ({known}): {exc}") from None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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

    @model_validator(mode="after")
    def _usable(self) -> AnnexLabels:
        if _SHEET_FORBIDDEN & set(self.sheet):
            raise ValueError(f"sheet: {self.sheet!r} has a character Excel refuses ([]:*?/\\)")
        _check_format("continued", self.continued, text="x")
        _check_format("item", self.item, number=1)
        _check_format("sub_item", self.sub_item, number=1, letter="a")
        _check_format("line", self.line, item="x", title="y")
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
    noon: str | None = None

    @model_validator(mode="after")
    def _usable(self) -> TimeLabels:
        if self.clock == 12 and not (self.am and self.pm):
            raise ValueError("a 12-hour clock needs am and pm")
        _check_format("hour", self.hour, hour=1)
        _check_format("hour_minute", self.hour_minute, hour=1, minute=5)
        _check_format("range", self.range, start="a", end="b")
        _check_format("meridiem", self.meridiem, time="1", meridiem="a.m.")
        return self


class DayLabels(_Strict):
    """Day headings; names are data until a locale library provides them."""

    heading: str
    weekdays: Annotated[list[str], Field(min_length=7, max_length=7)]
    months: Annotated[list[str], Field(min_length=12, max_length=12)]
    first_of_month: str | None = None

    @model_validator(mode="after")
    def _usable(self) -> DayLabels:
        _check_format("heading", self.heading, weekday="x", day="1", month="y")
        return self


class Labels(_Strict):
    """All labels of one language, with the functions that apply them."""

    annex: AnnexLabels
    time: TimeLabels
    days: DayLabels

    def item(self, item_id: str) -> str:
        """`2b` -> "Point 2 b)" / "Item 2 (b)"; an id of another shape is printed as it is."""
        match = _ITEM_ID.match(item_id.strip())
        if match is None:
            return self.annex.item.format(number=item_id)
        number, letter = match["number"], match["letter"]
        if letter is None:
            return self.annex.item.format(number=number)
        return self.annex.sub_item.format(number=number, letter=letter.lower())

    def item_line(self, item_id: str, title: str) -> str:
        """The line of an item in the annex: "Point 1 a). Ouverture de la session"."""
        return self.annex.line.format(item=self.item(item_id), title=title)

    def continued(self, text: str) -> str:
        """A part of an activity after its first: "... (suite)"."""
        return self.annex.continued.format(text=text)

    def day(self, date: dt.date) -> str:
        """The day row of the annex: "Lundi 15 octobre" / "Monday, 15 October"."""
        days = self.days
        day = days.first_of_month if date.day == 1 and days.first_of_month else str(date.day)
        return days.heading.format(
            weekday=days.weekdays[date.weekday()], day=day, month=days.months[date.month - 1]
        )

    def period(self, start: dt.time, end: dt.time) -> str:
        """A period as printed: "10 heures-13 heures" / "10 a.m.-1 p.m." / "3-6 p.m."."""
        t = self.time
        if t.clock == 24:
            return t.range.format(
                start=self._clock(start.hour, start), end=self._clock(end.hour, end)
            )
        start_text, end_text = self._twelve(start), self._twelve(end)
        same_half = (start.hour < 12) == (end.hour < 12)
        if t.shared_meridiem and same_half and not self._is_noon(start) and not self._is_noon(end):
            start_text = self._clock(start.hour % 12 or 12, start)
        return t.range.format(start=start_text, end=end_text)

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
    """Languages with a labels file, e.g. ["en", "fr"]."""
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
    data = yaml.safe_load(resource.read_text(encoding="utf-8"))
    try:
        return Labels.model_validate(data)
    except ValidationError as exc:  # a broken package file: say which one
        raise ValueError(f"labels file {lang}.yaml is invalid:\n{exc}") from None
