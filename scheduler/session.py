"""The session: what a planner writes down, typed and validated.

A session file (YAML, see `instances/`) is loaded into a `Session`. Everything here knows
nothing of the solver: the CP-SAT model (`models/`) and the independent validator
(`scheduler/validation/`) both read the same `Session`.

Vocabulary:
- a *day* is a working day of the session (or a pre-session day, or a holiday);
- a *period* is a daily time window (10:00-13:00); a *slot* is one period on one day;
- a *body* (plenary, working group, informal consultations) sits in one room per slot: that
  sitting is a *meeting*;
- an *activity* is what the timetable places: an agenda item with a duration of its own, or
  the meetings of a parallel body (`meetings:` in the file). Headings such as item 1, taken
  only through their sub-items, are agenda items but not activities.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
#: A whole number of the file: `true` or `1e23` are refused, not read as 1 or truncated.
Whole = Annotated[int, Strict()]
#: A number of the file (minutes per speaker, seconds): a number, never `true`.
Number = Annotated[float, Strict()]
#: The largest count any field may hold; larger values are refused before they reach the solver.
MAX_COUNT = 100_000
Language = Literal["ar", "zh", "en", "fr", "ru", "es"]
UN_LANGUAGES: tuple[Language, ...] = ("ar", "zh", "en", "fr", "ru", "es")


class _Strict(BaseModel):
    """Base of every part of the file: unknown keys are errors, numbers may name ids.

    Each model's validator is built when first used (`defer_build`), not when this module
    is imported: validating a session builds the whole file's schema in one pass, and the
    parts' own validators, which a solve never calls, are not built at all (COP9's
    `schedule solve`: 0.04 s of CPU less, about a tenth of the OR-Tools import floor).
    """

    model_config = ConfigDict(
        extra="forbid", coerce_numbers_to_str=True, frozen=True, defer_build=True
    )


class Titles(_Strict):
    """A text in several languages; French and English are the ones the seed carries."""

    ar: str | None = None
    zh: str | None = None
    en: str | None = None
    fr: str | None = None
    ru: str | None = None
    es: str | None = None

    def get(self, lang: str, fallback: str = "en") -> str:
        """The text in `lang`, else in `fallback`, else in any language given."""
        for code in (lang, fallback, *UN_LANGUAGES):
            text = getattr(self, code, None)
            if text:
                return str(text)
        return ""

    @model_validator(mode="after")
    def _at_least_one(self) -> Titles:
        if not any(getattr(self, code) for code in UN_LANGUAGES):
            raise ValueError("give the text in at least one language (fr, en, ...)")
        return self


def _titles(value: object) -> object:
    """A plain string is taken as the English text."""
    return {"en": value} if isinstance(value, str) else value


class Period(_Strict):
    """A daily period: when meetings can be held, e.g. 10:00-13:00."""

    id: Id = Field(description="Short name used in the file and in the timetable, e.g. AM, PM")
    start: dt.time
    end: dt.time
    evening: bool = Field(
        default=False, description="An evening period, used only when evening meetings are allowed"
    )
    bodies: tuple[Id, ...] | None = Field(
        default=None,
        description="Only these bodies may meet in this period (side events at lunch time, a "
        "round table's own hours); default: every body",
    )

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)

    @model_validator(mode="after")
    def _end_after_start(self) -> Period:
        if self.end <= self.start:
            raise ValueError(f"end {self.end:%H:%M} is not after start {self.start:%H:%M}")
        if self.bodies is not None and not self.bodies:
            raise ValueError("bodies: name at least one body, or leave the key out for every body")
        return self

    def allows(self, body_ids: Iterable[str]) -> bool:
        """Whether every one of these bodies may meet in the period."""
        return self.bodies is None or all(b in self.bodies for b in body_ids)


class DayPeriods(_Strict):
    """Days that keep periods of their own instead of the session's daily periods."""

    dates: list[dt.date] = Field(min_length=1, description="The days these periods replace")
    periods: list[Period] = Field(min_length=1, description="Their periods, in time order")


def _check_periods(where: str, periods: list[Period]) -> None:
    """Ids unique; periods in time order; two periods overlap only if one is for some bodies."""
    ids = [p.id for p in periods]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{where}: two periods have the same id")
    ordered = sorted(periods, key=lambda p: (p.start, p.end))
    if [p.id for p in ordered] != ids:
        raise ValueError(f"{where}: list the periods in time order (by start)")
    for k, before in enumerate(periods):
        for after in periods[k + 1 :]:
            if after.start < before.end and before.bodies is None and after.bodies is None:
                raise ValueError(
                    f"{where}: {after.id} starts before {before.id} ends; periods of every body "
                    "may not overlap (give one of them `bodies:`)"
                )


class SessionInfo(_Strict):
    """Who meets, where and when."""

    body: Titles = Field(description="The body holding the session, per language")
    symbol: str | None = Field(default=None, description="Document symbol prefix, e.g. CTOC/COP")
    number: Whole = Field(ge=1, le=MAX_COUNT, description="Session number")
    venue: str
    time_zone: str | None = Field(
        default=None,
        description="The venue's time zone, an IANA name (Europe/Vienna); default: the zone of "
        "a known UN venue (Vienna, Geneva, New York, Nairobi, Bonn, ...)",
    )
    languages: list[Language] = Field(default_factory=lambda: list(UN_LANGUAGES))
    language: Language | None = Field(
        default=None,
        description="The language the secretariat works in for this session: the default --lang "
        "of every command on it (import-agenda sets it to the document's language)",
    )
    days: list[dt.date] = Field(min_length=1, description="The working days of the session")
    pre_session_days: list[dt.date] = Field(
        default_factory=list,
        description="Days before the session (informal consultations); not in the annex",
    )
    holidays: list[dt.date] = Field(
        default_factory=list, description="Official holidays inside the session: no meetings"
    )
    holiday_names: dict[dt.date, Titles] = Field(
        default_factory=dict,
        description="What the timetable prints on a holiday, by date (en: Official United "
        "Nations holiday)",
    )
    periods: list[Period] = Field(min_length=1, description="Daily periods, in time order")
    day_periods: list[DayPeriods] = Field(
        default_factory=list,
        description="Days with periods of their own (a shorter first week, an opening on "
        "Sunday afternoon); every other day uses `periods`",
    )
    evening_meetings: bool = Field(default=False, description="Whether evening periods may be used")

    def periods_on(self, date: dt.date) -> list[Period]:
        """The periods of one day: its own, when `day_periods` gives them, else the daily ones."""
        for entry in self.day_periods:
            if date in entry.dates:
                return entry.periods
        return self.periods

    @field_validator("holiday_names", mode="before")
    @classmethod
    def _holiday_titles(cls, value: object) -> object:
        if isinstance(value, dict):
            return {k: _titles(v) for k, v in value.items()}
        return value

    _titles = field_validator("body", mode="before")(_titles)

    @model_validator(mode="after")
    def _coherent(self) -> SessionInfo:
        for name in ("days", "pre_session_days", "holidays"):
            values: list[dt.date] = getattr(self, name)
            if len(set(values)) != len(values):
                dup = next(v for v in values if values.count(v) > 1)
                raise ValueError(f"{name}: {dup} is listed twice")
        if self.days != sorted(self.days):
            raise ValueError("days: list the days in date order")
        for day in self.pre_session_days:
            if day >= self.days[0]:
                raise ValueError(f"pre_session_days: {day} is not before the first day")
        for day in self.holidays:
            if not self.days[0] <= day <= self.days[-1]:
                raise ValueError(
                    f"holidays: {day} is outside the session ({self.days[0]} to {self.days[-1]})"
                )
        if self.time_zone is not None and not _is_time_zone(self.time_zone):
            raise ValueError(
                f"time_zone: {self.time_zone!r} is not a time zone; give an IANA name such as "
                "Europe/Vienna"
            )
        for day in self.holiday_names:
            if day not in self.holidays:
                raise ValueError(f"holiday_names: {day} is not one of the holidays")
        _check_periods("periods", self.periods)
        dated: set[dt.date] = set()
        every_day = {*self.days, *self.pre_session_days, *self.holidays}
        for n, entry in enumerate(self.day_periods):
            _check_periods(f"day_periods[{n}].periods", entry.periods)
            for day in entry.dates:
                if day in dated:
                    raise ValueError(f"day_periods[{n}].dates: {day} already has its periods")
                if day not in every_day:
                    raise ValueError(f"day_periods[{n}].dates: {day} is not a day of the session")
                dated.add(day)
        return self


def _is_time_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


#: A room closure as written: a date and a period (`2031-03-03 AM`), or a date alone (the day).
CLOSURE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\s+(\S+))?$")


def _day_text(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return value.isoformat() if isinstance(value, dt.date) else value


def parse_closure(text: str) -> tuple[dt.date, str | None]:
    """(date, period id or None for the whole day) of one `rooms[].closed` entry."""
    found = CLOSURE.match(text.strip())
    if found is None:
        raise ValueError(f"{text!r}: write a date and a period (2031-03-03 AM) or a date")
    return dt.date.fromisoformat(found.group(1)), found.group(2)


class Room(_Strict):
    """A meeting room; its name is the same in every language, or given per language."""

    id: Id
    name: str | Titles | None = Field(
        default=None,
        description="The room's name: one text for every language (Plenary Hall), or one per "
        "language (en: Plenary Hall, fr: Salle des plénières)",
    )
    interpretation: bool = Field(description="Whether the room has interpretation booths")
    capacity: Whole | None = Field(
        default=None, ge=1, le=MAX_COUNT, description="Seats (information only)"
    )
    closed: list[str] = Field(
        default_factory=list,
        description="When the room holds no meeting (works, another event): a date and a "
        "period (2031-03-03 AM), or a date alone for the whole day",
    )

    @field_validator("closed", mode="before")
    @classmethod
    def _closure_texts(cls, value: object) -> object:
        """A date written alone (YAML reads it as a date) is the text of that date."""
        if isinstance(value, list):
            return [_day_text(v) for v in value]
        return value

    @field_validator("closed", mode="after")
    @classmethod
    def _closures(cls, value: list[str]) -> list[str]:
        for text in value:
            parse_closure(text)
        return [" ".join(text.split()) for text in value]

    @property
    def closures(self) -> list[tuple[dt.date, str | None]]:
        """(date, period id or None: the whole day) of each closure."""
        return [parse_closure(text) for text in self.closed]

    def is_closed(self, date: dt.date, period: str) -> bool:
        """Whether the room is closed in that period of that date (room-closed)."""
        return any(d == date and p in (None, period) for d, p in self.closures)

    def label(self, lang: str = "en") -> str:
        """The room's name in `lang` (a name given once serves every language), else its id."""
        if isinstance(self.name, Titles):
            return self.name.get(lang) or self.id
        return self.name or self.id


BodyKind = Literal["plenary", "working_group", "committee", "round_table", "informal", "other"]


class Body(_Strict):
    """A body that holds meetings: the plenary, a working group, informal consultations."""

    id: Id
    name: Titles
    kind: BodyKind = "other"
    rooms: list[Id] = Field(min_length=1, description="Rooms the body may use")
    interpreted: bool = Field(description="Whether its meetings have interpretation")
    order: Literal["agenda", "free"] = Field(
        default="agenda", description="agenda: its activities are taken in the order listed"
    )
    earliest_start: dt.datetime | None = None
    latest_end: dt.datetime | None = Field(
        default=None, description="Deadline for all its meetings (e.g. Thursday 12:00)"
    )
    max_meetings_per_day: Whole | None = Field(
        default=None,
        ge=1,
        le=MAX_COUNT,
        description="At most this many of its meetings on any one day",
    )
    max_days: Whole | None = Field(
        default=None,
        ge=1,
        le=MAX_COUNT,
        description="Meets on at most this many days (a Committee of the Whole meets for not "
        "more than four working days)",
    )
    mode: Literal["in_person", "hybrid", "remote"] = Field(
        default="in_person",
        description="in_person; hybrid (in the room and online); remote (online only). Hybrid "
        "and remote interpreted meetings use remote interpretation (interpretation.remote_teams)",
    )
    online_statement_minutes: Number | None = Field(
        default=None,
        gt=0,
        le=1440,
        description="Hybrid meetings: the longest statement delivered online, in minutes "
        "(information for the chair's announcement)",
    )

    _titles = field_validator("name", mode="before")(_titles)

    @property
    def member_ids(self) -> tuple[str, ...]:
        """The bodies of the file this one stands for: itself (a joint meeting: its bodies)."""
        return (self.id,)


JOINT = "+"


def joint_id(body_ids: Iterable[str]) -> str:
    """The id of the meetings several bodies hold together: `wg-a+wg-b`; one body: its id."""
    return JOINT.join(body_ids)


class JointMeeting(Body):
    """Bodies meeting together, derived from an activity with `body: [a, b]`.

    Both bodies are busy while it meets; it has one room (one both may use) and, if either is
    interpreted, one interpretation team.
    """

    members: tuple[str, ...] = ()

    @property
    def member_ids(self) -> tuple[str, ...]:
        return self.members

    @classmethod
    def of(cls, bodies: list[Body]) -> JointMeeting:
        names = {code: " + ".join(b.name.get(code) for b in bodies) for code in UN_LANGUAGES}
        common = [r for r in bodies[0].rooms if all(r in b.rooms for b in bodies[1:])]
        starts = [b.earliest_start for b in bodies if b.earliest_start]
        ends = [b.latest_end for b in bodies if b.latest_end]
        modes = {b.mode for b in bodies}
        return cls.model_construct(
            id=joint_id(b.id for b in bodies),
            name=Titles(**names),  # type: ignore[arg-type]
            kind=bodies[0].kind,
            rooms=common,
            interpreted=any(b.interpreted for b in bodies),
            order="agenda" if all(b.order == "agenda" for b in bodies) else "free",
            earliest_start=max(starts) if starts else None,
            latest_end=min(ends) if ends else None,
            max_meetings_per_day=None,
            max_days=None,
            mode="remote"
            if modes == {"remote"}
            else "hybrid"
            if modes - {"in_person"}
            else "in_person",
            online_statement_minutes=None,
            members=tuple(b.id for b in bodies),
        )


class PreferredSlot(_Strict):
    """A slot an activity should preferably use: a date, a period, or both."""

    date: dt.date | None = None
    period: Id | None = None

    @model_validator(mode="after")
    def _something(self) -> PreferredSlot:
        if self.date is None and self.period is None:
            raise ValueError("give a date, a period or both")
        return self


class _Placed(_Strict):
    """What agenda items and parallel meetings share: where and when they may go."""

    id: Id
    title: Titles
    body: Id | list[Id] = Field(
        description="The body that takes it; a list of two or more bodies for a joint meeting "
        "(both are busy, both agendas are served, one room, one interpretation team)"
    )
    fixed_start: dt.datetime | None = Field(
        default=None, description="Starts exactly then, e.g. the opening Monday 10:00"
    )
    date: dt.date | None = Field(default=None, description="Held entirely on this date")
    dates: list[dt.date] = Field(
        default_factory=list,
        description="Held only on these dates (a pre-session meeting over two days)",
    )
    earliest_start: dt.datetime | None = None
    latest_end: dt.datetime | None = Field(default=None, description="Deadline: ends by then")
    not_in_parallel_with: list[Id] = Field(
        default_factory=list,
        description="Activities or bodies that must not meet at the same time",
    )
    in_parallel_with: list[Id] = Field(
        default_factory=list,
        description="Each of its meetings is held while this activity, heading or body is "
        "meeting (round tables in parallel with the general debate)",
    )
    after_end_of: list[Id] = Field(
        default_factory=list,
        description="Starts only once this activity, heading or body has finished (upon "
        "completion of item 1.3)",
    )
    after_start_of: list[Id] = Field(
        default_factory=list,
        description="Starts no earlier than this activity, heading or body starts (upon "
        "commencement of the general discussion)",
    )
    first: bool = Field(default=False, description="Taken before every other activity")
    last: bool = Field(default=False, description="Taken after every other activity")
    preferred: list[PreferredSlot] = Field(
        default_factory=list, description="Slots this activity should preferably use"
    )
    same_room: bool = Field(
        default=False,
        description="Held in one room throughout: all its meetings in the same room, in "
        "consecutive periods (a negotiation over three periods in one conference room)",
    )

    _titles = field_validator("title", "annex_title", mode="before", check_fields=False)(_titles)

    @model_validator(mode="after")
    def _times(self) -> _Placed:
        if self.earliest_start and self.latest_end and self.latest_end <= self.earliest_start:
            raise ValueError(
                f"latest_end {self.latest_end} is not after earliest_start {self.earliest_start}"
            )
        if self.first and self.last:
            raise ValueError("an activity cannot be both first and last")
        if self.date is not None and self.dates:
            raise ValueError("give date or dates, not both")
        return self

    @field_validator("body", mode="after")
    @classmethod
    def _joint(cls, value: str | list[str]) -> str | list[str]:
        if isinstance(value, str):
            return value
        joint = "a joint meeting is a list of two or more different bodies ([wg-a, wg-b])"
        listed = f"[{', '.join(value)}]"
        if not value:
            raise ValueError(
                "[]: names no body; give one body id (plenary), or for a joint meeting two or "
                "more different bodies ([wg-a, wg-b])"
            )
        if len(value) == 1:
            raise ValueError(
                f"{listed}: one body is written without brackets (body: {value[0]}); {joint}"
            )
        twice = [b for n, b in enumerate(value) if b in value[:n]]
        if twice:
            raise ValueError(f"{listed}: {twice[0]} is named twice; {joint}")
        return value

    @property
    def body_ids(self) -> tuple[str, ...]:
        """The bodies that take it: one, or the bodies of a joint meeting."""
        return (self.body,) if isinstance(self.body, str) else tuple(self.body)

    @property
    def host(self) -> str:
        """The id of the body holding its meetings: the body, or the joint meeting `a+b`."""
        return joint_id(self.body_ids)


class SpeakerClass(_Strict):
    """One class of speakers in a debate: how many, and the minutes each may speak."""

    speakers: Whole = Field(ge=0, le=MAX_COUNT, description="How many speakers of this class")
    minutes_per_speaker: Number = Field(gt=0, le=1440, description="Speaking time each, minutes")
    label: str | None = Field(default=None, description="e.g. national statements")


class Item(_Placed):
    """An agenda item or sub-item, e.g. `2b`."""

    parent: Id | None = None
    body: Id | list[Id] = Field(
        default="plenary",
        description="The body that takes it; a list of two or more bodies for a joint meeting",
    )
    agenda_item: bool = Field(
        default=True,
        description="false: an activity that is not an agenda item (the President's address, a "
        "ceremony); timetables show it without an item number",
    )
    annex_title: Titles | None = Field(
        default=None, description="Shorter title used in the organization of work, if any"
    )
    minutes: Whole | None = Field(
        default=None, ge=1, le=MAX_COUNT, description="Estimated duration in minutes"
    )
    meetings: Whole | None = Field(
        default=None, ge=1, le=MAX_COUNT, description="Duration in whole meetings"
    )
    organizational: bool | None = Field(
        default=None,
        description="An organizational item (opening, election, adoption of the agenda), taken "
        "on the first day; default: the agenda item that holds the `first` activity, and its "
        "sub-items",
    )
    share: bool = Field(default=True, description="May share a meeting with other items")
    run_on: bool = Field(
        default=True, description="May run on into the next meeting ('(continued)')"
    )
    speakers: Whole | None = Field(
        default=None,
        ge=0,
        le=MAX_COUNT,
        description="Expected speakers (with minutes_per_speaker: the duration)",
    )
    minutes_per_speaker: Number | None = Field(
        default=None,
        gt=0,
        le=1440,
        description="Speaking time each: minutes = speakers x minutes_per_speaker + allowance",
    )
    allowance: Whole | None = Field(
        default=None,
        ge=0,
        le=MAX_COUNT,
        description="Minutes added to the speakers' time (chair, introductions, replies)",
    )
    speaker_classes: list[SpeakerClass] = Field(
        default_factory=list,
        description="Several speaking times in one debate (5-minute national statements, "
        "7-minute group statements); minutes = their sum + allowance",
    )
    documents: list[str] = Field(default_factory=list, description="Document symbols")

    @model_validator(mode="after")
    def _one_duration(self) -> Item:
        if self.minutes is not None and self.meetings is not None:
            raise ValueError("give minutes or meetings, not both")
        return self

    @model_validator(mode="after")
    def _minutes_from_speakers(self) -> Item:
        """A general debate sized by its list of speakers: speakers x minutes each + allowance."""
        if self.minutes_per_speaker is None and not self.speaker_classes:
            if self.allowance is not None:
                raise ValueError("allowance needs minutes_per_speaker (it adds to speaking time)")
            return self
        if self.minutes_per_speaker is not None and self.speakers is None:
            raise ValueError("minutes_per_speaker needs speakers (how many)")
        if self.meetings is not None:
            raise ValueError("give meetings or a speaking time, not both")
        speaking = sum(c.speakers * c.minutes_per_speaker for c in self.speaker_classes)
        if self.minutes_per_speaker is not None and self.speakers is not None:
            speaking += self.speakers * self.minutes_per_speaker
        sized = math.ceil(speaking + (self.allowance or 0))
        if sized < 1:
            raise ValueError("speakers x minutes_per_speaker + allowance is 0 minutes")
        if self.minutes is not None and self.minutes != sized:
            raise ValueError(
                f"minutes {self.minutes} differs from speakers x minutes_per_speaker + allowance"
                f" = {sized}: give one or the other"
            )
        object.__setattr__(self, "minutes", sized)  # frozen: set once, while validating
        return self


class Meetings(_Placed):
    """The meetings of a parallel body, e.g. a working group's two meetings."""

    meetings: Whole = Field(ge=1, le=MAX_COUNT, description="Number of whole meetings")


class Preferences(_Strict):
    """Weights of the preferences (0 switches one off)."""

    carry_over: Whole = Field(
        default=10, ge=0, le=MAX_COUNT, description="Per item carried into another meeting"
    )
    carry_over_to_next_day: Whole = Field(
        default=20, ge=0, le=MAX_COUNT, description="Extra, per item carried over to another day"
    )
    interpreted_meeting: Whole = Field(
        default=1, ge=0, le=MAX_COUNT, description="Per interpreted meeting used"
    )
    preferred_period: Whole = Field(
        default=5, ge=0, le=MAX_COUNT, description="Per activity held outside its preferred slots"
    )
    meeting: Whole = Field(
        default=1,
        ge=0,
        le=MAX_COUNT,
        description="Per meeting of any kind (rooms and staff cost money too)",
    )
    compact_body: Whole = Field(
        default=5,
        ge=0,
        le=MAX_COUNT,
        description="Per extra run of a body's meetings: its meetings in consecutive periods, "
        "no holes",
    )
    session_end: Whole = Field(
        default=1,
        ge=0,
        le=MAX_COUNT,
        description="Per period from the first of the session to the last one with a meeting",
    )
    beside_opening_closing: Whole = Field(
        default=20,
        ge=0,
        le=MAX_COUNT,
        description="Per meeting held beside the plenary's first or last meeting (0 allows it: "
        "round tables from day 1)",
    )
    evening_meeting: Whole = Field(
        default=3,
        ge=0,
        le=MAX_COUNT,
        description="Per meeting held in an evening period (overtime for interpreters and staff)",
    )
    organizational_late: Whole = Field(
        default=10,
        ge=0,
        le=MAX_COUNT,
        description="Per part of an organizational item, per day after the first",
    )
    # Re-planning (`schedule solve --keep`): the fewest moves first, then the smallest by these.
    move_within_half_day: Whole = Field(
        default=1,
        ge=0,
        le=MAX_COUNT,
        description="Re-planning: per activity moved within the same half-day",
    )
    move_to_other_period: Whole = Field(
        default=2,
        ge=0,
        le=MAX_COUNT,
        description="Re-planning: per activity moved to another period, same day",
    )
    move_to_other_day: Whole = Field(
        default=4, ge=0, le=MAX_COUNT, description="Re-planning: per activity moved to another day"
    )


class Interpretation(_Strict):
    budget: Whole = Field(
        ge=0, le=MAX_COUNT, description="Interpreted meetings granted for the session"
    )
    teams: Whole = Field(
        ge=0, le=MAX_COUNT, description="Interpreted meetings that can run at the same time"
    )
    parallel_cap: Whole | None = Field(
        default=None,
        ge=1,
        le=MAX_COUNT,
        description="Meetings of any kind that may run at the same time",
    )
    parallel_cap_bodies: list[Id] | None = Field(
        default=None,
        description="The bodies the parallel cap counts (a climate conference caps its "
        "negotiations: the plenaries and contact groups; side events and regional groups fill "
        "the other rooms); default: every body",
    )
    remote_teams: Whole | None = Field(
        default=None,
        ge=0,
        le=MAX_COUNT,
        description="Hybrid or remote interpreted meetings that can run at the same time (the "
        "remote interpretation platform's capacity)",
    )


class PublishedEntry(_Strict):
    """One line of a published timetable: an activity (part) in a slot."""

    activity: Id
    date: dt.date
    period: Id
    room: Id | None = None
    start: dt.time | None = Field(default=None, description="When the grid prints a time")
    end: dt.time | None = Field(default=None, description="When the grid prints a time")


#: CP-SAT's random seed is a 32-bit integer.
MAX_SEED = 2**31 - 1
#: More search workers than this only thrash: CP-SAT's own portfolio stops growing long before.
MAX_WORKERS = 256


class SolverSettings(_Strict):
    time_limit: Number = Field(default=60.0, gt=0, le=7 * 24 * 3600, description="Seconds")
    workers: Whole = Field(default=0, ge=0, le=MAX_WORKERS, description="0: all cores")
    seed: Whole = Field(default=0, ge=0, le=MAX_SEED, description="Random seed of the solver")


class Session(_Strict):
    """A whole session file."""

    session: SessionInfo
    interpretation: Interpretation
    rooms: list[Room] = Field(min_length=1)
    bodies: list[Body] = Field(min_length=1)
    items: list[Item] = Field(min_length=1)
    meetings: list[Meetings] = Field(default_factory=list)
    preferences: Preferences = Field(default_factory=Preferences)
    solver: SolverSettings = Field(default_factory=SolverSettings)
    published: list[PublishedEntry] | None = None

    model_config = ConfigDict(
        extra="forbid", coerce_numbers_to_str=True, frozen=True, ignored_types=(cached_property,)
    )

    @model_validator(mode="after")
    def _references(self) -> Session:
        _check_references(self)
        return self

    @model_validator(mode="after")
    def _within_limits(self, info: ValidationInfo) -> Session:
        if not (info.context or {}).get("unlimited"):  # explanations widen the calendar
            _check_size(self)
        return self

    # --- derived data, computed once -------------------------------------------------------

    @cached_property
    def slots(self) -> list[Slot]:
        """Every slot of every day (pre-session, session, holidays), in time order.

        A day's slots are its own periods (`day_periods`) or the daily ones, by start time;
        periods for some bodies only may overlap others, so slots of one day may overlap.
        """
        info = self.session
        dates = sorted({*info.pre_session_days, *info.days, *info.holidays})
        result: list[Slot] = []
        for date in dates:
            for period in info.periods_on(date):
                result.append(
                    Slot(
                        index=len(result),
                        date=date,
                        period=period,
                        holiday=date in info.holidays,
                        pre_session=date in info.pre_session_days,
                    )
                )
        return result

    @cached_property
    def period_ids(self) -> list[str]:
        """Every period id of the session, the daily ones first, then those of some days only."""
        ids = [p.id for p in self.session.periods]
        for entry in self.session.day_periods:
            ids += [p.id for p in entry.periods if p.id not in ids]
        return ids

    @cached_property
    def hosts(self) -> list[Body]:
        """Whoever holds meetings: every body, then each joint meeting of several bodies."""
        result: list[Body] = list(self.bodies)
        seen = {b.id for b in self.bodies}
        for entry in [*self.items, *self.meetings]:
            ids = entry.body_ids
            if len(ids) > 1 and entry.host not in seen:
                seen.add(entry.host)
                result.append(JointMeeting.of([self._body_by_id[b] for b in ids]))
        return result

    @cached_property
    def usable_slots(self) -> list[Slot]:
        """Slots in which meetings may be held: no holiday, evenings only when allowed."""
        evening = self.session.evening_meetings
        return [s for s in self.slots if not s.holiday and (evening or not s.period.evening)]

    @cached_property
    def activities(self) -> list[Activity]:
        """What the timetable places, agenda items first, in file order."""
        result: list[Activity] = []
        for item in self.items:
            if item.minutes is None and item.meetings is None:
                continue
            result.append(Activity.from_placed(item, self))
        result.extend(Activity.from_placed(m, self) for m in self.meetings)
        return result

    def activity(self, activity_id: str) -> Activity:
        return self._activity_by_id[activity_id]

    @cached_property
    def _activity_by_id(self) -> dict[str, Activity]:
        return {a.id: a for a in self.activities}

    def body(self, body_id: str) -> Body:
        """A body of the file, or a joint meeting by its id (`wg-a+wg-b`)."""
        return self._host_by_id[body_id]

    @cached_property
    def _body_by_id(self) -> dict[str, Body]:
        return {b.id: b for b in self.bodies}

    @cached_property
    def _host_by_id(self) -> dict[str, Body]:
        return {b.id: b for b in self.hosts}

    def room(self, room_id: str) -> Room:
        return self._room_by_id[room_id]

    @cached_property
    def _room_by_id(self) -> dict[str, Room]:
        return {r.id: r for r in self.rooms}

    def item(self, item_id: str) -> Item:
        return self._item_by_id[item_id]

    @cached_property
    def _item_by_id(self) -> dict[str, Item]:
        return {i.id: i for i in self.items}

    def kind_of(self, ref: str) -> str | None:
        """What an id names: "item", "meeting" (a body's meetings), "body", or None; an id used
        twice names the first of these."""
        return self._kind_by_id.get(ref)

    @cached_property
    def _kind_by_id(self) -> dict[str, str]:
        kinds = {b.id: "body" for b in self.bodies}
        kinds.update({m.id: "meeting" for m in self.meetings})
        kinds.update({i.id: "item" for i in self.items})
        return kinds

    def slot(self, date: dt.date, period_id: str) -> Slot:
        return self._slot_by_key[(date, period_id)]

    @cached_property
    def _slot_by_key(self) -> dict[tuple[dt.date, str], Slot]:
        return {(s.date, s.period.id): s for s in self.slots}

    @cached_property
    def plenary(self) -> str | None:
        """The plenary: the first body of kind `plenary`, if any."""
        return next((b.id for b in self.bodies if b.kind == "plenary"), None)

    @cached_property
    def organizational(self) -> list[Activity]:
        """The organizational items: those marked so; by default the top-level agenda item
        holding the `first` activity, with its sub-items (item 1: opening, election, ...)."""
        parent = {i.id: i.parent for i in self.items}

        def top(item_id: str) -> str:
            while parent.get(item_id) is not None:
                item_id = parent[item_id]  # type: ignore[assignment]
            return item_id

        firsts = {top(a.id) for a in self.activities if a.first and a.kind == "item"}
        marked = {i.id: i.organizational for i in self.items}
        return [
            a
            for a in self.activities
            if a.kind == "item"
            and (marked[a.id] if marked[a.id] is not None else top(a.id) in firsts)
        ]

    def body_activities(self, body_id: str) -> list[Activity]:
        """The activities held in a body's (or a joint meeting's) own meetings, in file order."""
        return list(self._activities_by_host.get(body_id, ()))

    def agenda_of(self, body_id: str) -> list[Activity]:
        """A body's agenda in file order: its own activities and its joint meetings'."""
        return list(self._agenda_by_body.get(body_id, ()))

    @cached_property
    def _activities_by_host(self) -> dict[str, list[Activity]]:
        """Once per session: the model asks for a host's activities slot by slot."""
        found: dict[str, list[Activity]] = {}
        for a in self.activities:
            found.setdefault(a.body, []).append(a)
        return found

    @cached_property
    def _agenda_by_body(self) -> dict[str, list[Activity]]:
        found: dict[str, list[Activity]] = {}
        for a in self.activities:
            for b in dict.fromkeys(a.bodies):
                found.setdefault(b, []).append(a)
        return found

    def title(self, lang: str = "en") -> str:
        return self.session.body.get(lang)


@dataclass(frozen=True)
class Slot:
    """One period on one day."""

    index: int
    date: dt.date
    period: Period
    holiday: bool = False
    pre_session: bool = False

    # Cached: the pre-checks and the model read a slot's moments hundreds of thousands of
    # times (the climate session's pre-checks: 240,000 reads of each, a sixth of their time).
    @cached_property
    def start(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.period.start)

    @cached_property
    def end(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.period.end)

    @cached_property
    def minutes(self) -> int:
        return self.period.minutes

    @property
    def label(self) -> str:
        """Short label for logs and variable names, e.g. `Mon15-AM`."""
        return f"{self.date:%a%d}-{self.period.id}"


@dataclass(frozen=True)
class Activity:
    """Something the timetable places; made from an agenda item or a body's meetings."""

    id: str
    kind: Literal["item", "meetings"]
    title: Titles
    body: str  # who holds its meetings: a body, or a joint meeting `a+b`
    minutes: int | None  # duration in minutes, when given so
    meetings: int | None  # duration in whole meetings, when given so
    share: bool  # may share a meeting with other activities of its body
    run_on: bool  # may run on into the next meeting
    fixed_start: dt.datetime | None
    date: dt.date | None  # held entirely on this date
    earliest_start: dt.datetime | None  # own or the body's, the later
    latest_end: dt.datetime | None  # own or the body's, the earlier
    not_in_parallel_with: tuple[str, ...]
    first: bool
    last: bool
    preferred: tuple[PreferredSlot, ...]
    parent: str | None = None
    annex_title: Titles | None = None
    bodies: tuple[str, ...] = ()  # the bodies of the file that take it (two or more: joint)
    dates: tuple[dt.date, ...] = ()  # held only on these dates (`date` or `dates`)
    in_parallel_with: tuple[str, ...] = ()
    after_end_of: tuple[str, ...] = ()
    after_start_of: tuple[str, ...] = ()
    agenda_item: bool = True
    same_room: bool = False  # one room, consecutive periods (same-room)

    @classmethod
    def from_placed(cls, placed: Item | Meetings, session: Session) -> Activity:
        body = session.body(placed.host)
        common = {
            "id": placed.id,
            "title": placed.title,
            "body": placed.host,
            "bodies": placed.body_ids,
            "dates": (placed.date,) if placed.date is not None else tuple(placed.dates),
            "in_parallel_with": tuple(placed.in_parallel_with),
            "after_end_of": tuple(placed.after_end_of),
            "after_start_of": tuple(placed.after_start_of),
            "meetings": placed.meetings,
            "fixed_start": placed.fixed_start,
            "date": placed.date,
            "earliest_start": max(
                (t for t in (placed.earliest_start, body.earliest_start) if t), default=None
            ),
            "latest_end": min((t for t in (placed.latest_end, body.latest_end) if t), default=None),
            "not_in_parallel_with": tuple(placed.not_in_parallel_with),
            "first": placed.first,
            "last": placed.last,
            "preferred": tuple(placed.preferred),
            "same_room": placed.same_room,
        }
        if isinstance(placed, Item):
            return cls(
                kind="item",
                minutes=placed.minutes,
                share=placed.share and placed.meetings is None,
                run_on=placed.run_on,
                parent=placed.parent,
                annex_title=placed.annex_title,
                agenda_item=placed.agenda_item,
                **common,  # type: ignore[arg-type]
            )
        return cls(kind="meetings", minutes=None, share=False, run_on=True, **common)  # type: ignore[arg-type]

    def label(self, lang: str = "en") -> str:
        """The title used in the organization of work."""
        return (self.annex_title or self.title).get(lang)

    @property
    def whole_meetings(self) -> bool:
        """Given in meetings: it fills each meeting it uses."""
        return self.meetings is not None


def _duplicates(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    dups: list[str] = []
    for v in values:
        if v in seen and v not in dups:
            dups.append(v)
        seen.add(v)
    return dups


#: Size limits: beyond them the model takes minutes to build, so the file is refused (exit 2).
#: The largest realistic sessions (a two-week conference, ~190 activities) stay far below.
MAX_DAYS = 100  # session, pre-session and holiday dates together
MAX_PERIODS = 12  # per day
MAX_ENTRIES = 2000  # rooms, bodies, and items with meetings, each
MAX_PLACEMENTS = 60_000  # activities x usable slots; 65,160 build in 28 s, 0.8 GB solving


def _check_size(s: Session) -> None:
    """Refuse a session too large to solve in reasonable time; raises ValueError by field."""
    info = s.session
    errors: list[str] = []
    days = len({*info.days, *info.pre_session_days, *info.holidays})
    if days > MAX_DAYS:
        errors.append(f"session.days: {days} dates; a session may have at most {MAX_DAYS}")
    if len(info.periods) > MAX_PERIODS:
        errors.append(f"session.periods: {len(info.periods)} periods; at most {MAX_PERIODS} a day")
    for n, entry in enumerate(info.day_periods):
        if len(entry.periods) > MAX_PERIODS:
            errors.append(
                f"session.day_periods[{n}].periods: {len(entry.periods)} periods; at most "
                f"{MAX_PERIODS} a day"
            )
    for name, count in (
        ("rooms", len(s.rooms)),
        ("bodies", len(s.bodies)),
        ("items", len(s.items) + len(s.meetings)),
    ):
        if count > MAX_ENTRIES:
            errors.append(f"{name}: {count} entries; at most {MAX_ENTRIES}")
    if not errors:
        placements = len(s.activities) * len(s.usable_slots)
        if placements > MAX_PLACEMENTS:
            errors.append(
                f"items: {len(s.activities)} activities over {len(s.usable_slots)} periods make "
                f"{placements} possible placements; at most {MAX_PLACEMENTS} are supported "
                "(shorten the session or split its agenda)"
            )
    if errors:
        raise ValueError("\n".join(errors))


def _joint_errors(s: Session, where: str, body_ids: tuple[str, ...]) -> list[str]:
    """A joint meeting needs one room every one of its bodies may use (with booths if any of
    them is interpreted)."""
    members = [s._body_by_id[b] for b in body_ids]
    common = [r for r in members[0].rooms if all(r in b.rooms for b in members[1:])]
    names = " and ".join(body_ids)
    if not common:
        return [
            f"{where}.body: {names} share no room; a joint meeting is held in one room, so list "
            "a room both may use in their `rooms`"
        ]
    known = {r.id: r for r in s.rooms}
    if any(b.interpreted for b in members) and not any(
        r in known and known[r].interpretation for r in common
    ):
        return [
            f"{where}.body: {names} share no room with booths, and the joint meeting is "
            "interpreted; list a room with booths both may use"
        ]
    return []


def _closure_errors(s: Session) -> list[str]:
    """A room closure names a day of the session and, when it gives one, a period of that day."""
    errors: list[str] = []
    info = s.session
    days = {*info.days, *info.pre_session_days, *info.holidays}
    for i, room in enumerate(s.rooms):
        for k, (date, period) in enumerate(room.closures):
            where = f"rooms[{i}].closed[{k}]"
            if date not in days:
                errors.append(f"{where}: {date} is not a day of the session")
            elif period is not None and period not in {p.id for p in info.periods_on(date)}:
                errors.append(f"{where}: {period!r} is not a period of {date}")
    return errors


def _check_references(s: Session) -> None:
    """Cross-references between parts of the file; raises ValueError naming field and value."""
    errors: list[str] = []
    room_ids = [r.id for r in s.rooms]
    body_ids = [b.id for b in s.bodies]
    item_ids = [i.id for i in s.items]
    meeting_ids = [m.id for m in s.meetings]
    period_ids = set(s.period_ids)
    info = s.session
    for name, ids in (("rooms", room_ids), ("bodies", body_ids)):
        for dup in _duplicates(ids):
            errors.append(f"{name}: id {dup!r} is used twice")
    for dup in _duplicates(item_ids + meeting_ids):
        errors.append(f"items/meetings: id {dup!r} is used twice")
    rooms, bodies = set(room_ids), set(body_ids)
    for body_id in s.interpretation.parallel_cap_bodies or []:
        if body_id not in bodies:
            errors.append(f"interpretation.parallel_cap_bodies: {body_id!r} is not a body id")
    period_lists = [("session.periods", info.periods)] + [
        (f"session.day_periods[{n}].periods", e.periods) for n, e in enumerate(info.day_periods)
    ]
    for where, periods in period_lists:
        for k, period in enumerate(periods):
            for body_id in period.bodies or []:
                if body_id not in bodies:
                    errors.append(f"{where}[{k}].bodies: {body_id!r} is not a body id")
    errors += _closure_errors(s)
    for i, body in enumerate(s.bodies):
        for room in body.rooms:
            if room not in rooms:
                errors.append(f"bodies[{i}].rooms: {room!r} is not a room id")
        if body.interpreted and not any(
            r in rooms and s.room(r).interpretation for r in body.rooms
        ):
            errors.append(
                f"bodies[{i}].rooms: {body.id!r} is interpreted but none of its rooms has booths"
            )
    known = set(item_ids) | set(meeting_ids) | bodies
    session_days = {*s.session.days, *s.session.pre_session_days}
    position = {item_id: n for n, item_id in enumerate(item_ids)}
    for name, entries in (("items", s.items), ("meetings", s.meetings)):
        for n, entry in enumerate(entries):
            where = f"{name}[{n}]"
            unknown = [b for b in entry.body_ids if b not in bodies]
            for body_id in unknown:
                errors.append(f"{where}.body: {body_id!r} is not a body id")
            if len(entry.body_ids) > 1 and not unknown:
                errors += _joint_errors(s, where, entry.body_ids)
            for field in (
                "not_in_parallel_with",
                "in_parallel_with",
                "after_end_of",
                "after_start_of",
            ):
                for other in getattr(entry, field):
                    if other not in known:
                        errors.append(f"{where}.{field}: {other!r} is not an item, meeting or body")
                    elif other == entry.id:
                        errors.append(f"{where}.{field}: {other!r} is the item itself")
            for day in entry.dates:
                if day not in session_days:
                    errors.append(f"{where}.dates: {day} is not a day of the session")
            for field in ("fixed_start", "earliest_start", "latest_end"):
                when = getattr(entry, field)
                if when is not None and when.date() not in session_days:
                    errors.append(f"{where}.{field}: {when} is not a day of the session")
            if entry.date is not None and entry.date not in session_days:
                errors.append(f"{where}.date: {entry.date} is not a day of the session")
            for k, pref in enumerate(entry.preferred):
                if pref.period is not None and pref.period not in period_ids:
                    errors.append(f"{where}.preferred[{k}].period: {pref.period!r} is not a period")
            if isinstance(entry, Item) and entry.parent is not None:
                if entry.parent not in position:
                    errors.append(f"{where}.parent: {entry.parent!r} is not an item id")
                elif position[entry.parent] >= n:
                    errors.append(f"{where}.parent: {entry.parent!r} comes after its sub-item")
    for n, item in enumerate(s.items):
        if (
            item.minutes is None
            and item.meetings is None
            and item.id not in {i.parent for i in s.items}
        ):
            errors.append(
                f"items[{n}]: {item.id!r} has no duration (minutes or meetings) and no sub-items"
            )
    if s.published is not None:
        activity_ids = {
            i.id for i in s.items if i.minutes is not None or i.meetings is not None
        } | set(meeting_ids)
        all_days = {*session_days, *s.session.holidays}
        for n, line in enumerate(s.published):
            where = f"published[{n}]"
            if line.activity not in activity_ids:
                errors.append(f"{where}.activity: {line.activity!r} is not an activity id")
            if line.date not in all_days:
                errors.append(f"{where}.date: {line.date} is not a day of the session")
            elif line.period not in {p.id for p in info.periods_on(line.date)}:
                errors.append(
                    f"{where}.period: {line.period!r} is not a period of {line.date}"
                    if line.period in period_ids
                    else f"{where}.period: {line.period!r} is not a period"
                )
            if line.room is not None and line.room not in rooms:
                errors.append(f"{where}.room: {line.room!r} is not a room id")
    if errors:
        raise ValueError("\n".join(errors))
