"""The layout of a session workbook: its sheets, their columns and settings rows.

Writer and reader share this one description, so a column written is a column read back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

from scheduler.session import UN_LANGUAGES, Body, BodyKind, Preferences

#: `ids`: several ids, comma-separated; `body`: one id, or several for a joint meeting; `dates`:
#: one date cell, or several dates comma-separated.
Kind = Literal[
    "id", "text", "int", "float", "bool", "date", "datetime", "time", "ids", "body", "dates"
]
#: Kinds whose value is a list the cell shows comma-separated.
LIST_KINDS = ("ids", "body", "dates")
DAY_KINDS = ("session", "pre-session", "holiday")
DAY_FIELDS = {"session": "days", "pre-session": "pre_session_days", "holiday": "holidays"}
DATES = "dates"  # the column of the Periods sheet that makes a period one of some days' own


#: The modes a body may meet in, as the format spells them.
BODY_MODES: tuple[str, ...] = get_args(Body.model_fields["mode"].annotation)


@dataclass(frozen=True)
class Column:
    """One column of a sheet (or one row of a settings sheet): where its value goes, its type."""

    header: str
    path: tuple[str, ...]  # where the value goes in the entry, e.g. ("title", "en")
    kind: Kind
    help: str
    choices: tuple[str, ...] = ()  # a fixed drop-down list
    ref: str | None = None  # the defined name of the ids offered in a drop-down list
    width: int = 14


@dataclass(frozen=True)
class TableSheet:
    """A sheet of one row per entry of a list of the session (rooms, items, ...)."""

    name: str
    target: tuple[str, ...]  # where the list goes in the session data
    columns: tuple[Column, ...]
    help: str


def _titles(prefix: str, languages: Sequence[str], what: str, width: int = 40) -> list[Column]:
    return [
        Column(
            f"{prefix}_{lang}",
            (prefix, lang),
            "text",
            f"{what} in {lang} (columns {prefix}_ar, _zh, _en, _fr, _ru, _es may be added; "
            "at least one language is needed)",
            width=width,
        )
        for lang in languages
    ]


RULE_COLUMNS: tuple[Column, ...] = (
    Column(
        "fixed_start",
        ("fixed_start",),
        "datetime",
        "Starts exactly then (date and time), e.g. the opening 2018-10-15 10:00",
        width=17,
    ),
    Column("date", ("date",), "date", "Held entirely on this date", width=12),
    Column(
        "earliest_start",
        ("earliest_start",),
        "datetime",
        "Does not start before then (date and time)",
        width=17,
    ),
    Column(
        "latest_end",
        ("latest_end",),
        "datetime",
        "Deadline: ends by then (date and time), e.g. 2018-10-18 12:00",
        width=17,
    ),
    Column("first", ("first",), "bool", "TRUE: taken before every other activity", width=8),
    Column("last", ("last",), "bool", "TRUE: taken after every other activity", width=8),
    Column(
        "not_in_parallel_with",
        ("not_in_parallel_with",),
        "ids",
        "An activity, or a body (all its activities), that must not meet in the same slot. "
        "One per row (add rows for the same activity), or several separated by commas",
        ref="partner_ids",
        width=22,
    ),
    Column(
        "dates",
        ("dates",),
        "dates",
        "Held only on these dates (a pre-session meeting over two days): one per row, or "
        "several separated by commas; not with date",
        width=12,
    ),
    Column(
        "in_parallel_with",
        ("in_parallel_with",),
        "ids",
        "An activity, heading or body that must be meeting while each of its meetings is held "
        "(round tables in parallel with the general debate). One per row, or several separated "
        "by commas",
        ref="partner_ids",
        width=20,
    ),
    Column(
        "after_end_of",
        ("after_end_of",),
        "ids",
        "Starts only once this activity, heading or body has finished (upon completion of "
        "item 1.3). One per row, or several separated by commas",
        ref="partner_ids",
        width=16,
    ),
    Column(
        "after_start_of",
        ("after_start_of",),
        "ids",
        "Starts no earlier than this activity, heading or body starts (upon commencement of "
        "the general discussion). One per row, or several separated by commas",
        ref="partner_ids",
        width=16,
    ),
    Column(
        "same_room",
        ("same_room",),
        "bool",
        "TRUE: held in one room throughout, in consecutive periods",
        width=9,
    ),
)

_RULES_HELP = (
    "Rules: one row per activity (item or meetings) that has rules; leave the other cells "
    "empty. The same activity may take several rows, e.g. one per activity it must not meet "
    "in parallel with or one per date; a rule given on two rows must have the same value on "
    "both."
)
SPEAKER_CLASSES: tuple[Column, ...] = (
    Column(
        "item",
        (),
        "id",
        "The item (a general debate) whose speakers these are; one row per class of speakers",
        ref="item_ids",
        width=10,
    ),
    Column("speakers", ("speakers",), "int", "How many speakers of this class", width=10),
    Column(
        "minutes_per_speaker",
        ("minutes_per_speaker",),
        "float",
        "Speaking time of each, in minutes; the item's minutes are the sum over its classes "
        "(plus speakers x minutes_per_speaker of the Items sheet, if given) + allowance",
        width=12,
    ),
    Column("label", ("label",), "text", "What the class is, e.g. national statements", width=28),
)
PREFERRED: tuple[Column, ...] = (
    Column(
        "activity",
        (),
        "id",
        "Preferred slots: an activity (item or meetings) and a slot it should preferably use: "
        "a date, a period or both. One row per preferred slot.",
        ref="activity_ids",
        width=16,
    ),
    Column("date", ("date",), "date", "The preferred date (empty: any date)", width=12),
    Column(
        "period", ("period",), "id", "The preferred period (empty: any)", ref="period_ids", width=9
    ),
)


def table_sheets(languages: Sequence[str]) -> dict[str, TableSheet]:
    """The list sheets, with title columns for `languages`."""
    sheets = (
        TableSheet(
            "Days",
            ("session",),
            (
                Column("date", (), "date", "A day of the session", width=12),
                Column(
                    "kind",
                    (),
                    "text",
                    "session (a working day), pre-session (informal consultations before the "
                    "session) or holiday (no meetings). Empty: session",
                    choices=DAY_KINDS,
                    width=13,
                ),
                *_titles(
                    "name",
                    languages,
                    "A holiday only: what the timetable prints on it, e.g. Official United "
                    "Nations holiday",
                    width=30,
                ),
            ),
            "Days: one row per day, in date order.",
        ),
        TableSheet(
            "Periods",
            ("session", "periods"),
            (
                Column("id", ("id",), "id", "Short name, e.g. AM, PM", width=8),
                Column("start", ("start",), "time", "Start time, e.g. 10:00", width=8),
                Column("end", ("end",), "time", "End time, e.g. 13:00", width=8),
                Column(
                    "evening",
                    ("evening",),
                    "bool",
                    "TRUE: an evening period, used only when evening meetings are allowed",
                    width=9,
                ),
                Column(
                    "bodies",
                    ("bodies",),
                    "ids",
                    "Only these bodies may meet in this period (lunch-time side events, a "
                    "round table's own hours), separated by commas; empty: every body. Two "
                    "periods of a day may overlap only if one of them names its bodies",
                    ref="body_ids",
                    width=16,
                ),
                Column(
                    DATES,
                    (DATES,),
                    "dates",
                    "Empty: a daily period. Dates (comma-separated, or one date): the period is "
                    "one of these days' own periods, which replace the daily ones on them (a "
                    "shorter first week, an opening on Sunday afternoon); give each of a day's "
                    "periods with the same dates",
                    width=40,
                ),
            ),
            "Periods: the daily periods in which meetings may be held, in time order; below "
            "or among them, the periods of days that have their own (with their dates).",
        ),
        TableSheet(
            "Rooms",
            ("rooms",),
            (
                Column("id", ("id",), "id", "Short name used elsewhere, e.g. room-b", width=16),
                Column(
                    "name", ("name",), "text", "Full name, the same in every language", width=30
                ),
                Column(
                    "interpretation",
                    ("interpretation",),
                    "bool",
                    "TRUE: the room has interpretation booths",
                    width=14,
                ),
                Column("capacity", ("capacity",), "int", "Seats (information only)", width=9),
                Column(
                    "closed",
                    ("closed",),
                    "ids",
                    "When the room holds no meeting: a date and a period (2031-03-03 AM), or a "
                    "date alone for the whole day; several separated by commas",
                    width=22,
                ),
                *(
                    Column(
                        f"name_{lang}",
                        ("name", lang),
                        "text",
                        f"Full name in {lang}, where it differs between languages (then leave "
                        f"name empty; columns name_ar ... name_es may be added)",
                        width=24,
                    )
                    for lang in languages
                ),
            ),
            "Rooms: one row per room.",
        ),
        TableSheet(
            "Bodies",
            ("bodies",),
            (
                Column("id", ("id",), "id", "Short name used elsewhere, e.g. plenary", width=14),
                *_titles("name", languages, "The body's name", width=36),
                Column(
                    "kind",
                    ("kind",),
                    "text",
                    "plenary, working_group, committee, round_table, informal or other",
                    choices=get_args(BodyKind),
                    width=14,
                ),
                Column(
                    "rooms",
                    ("rooms",),
                    "ids",
                    "Rooms it may use, preferred first, separated by commas (the drop-down "
                    "offers the rooms of the Rooms sheet)",
                    ref="room_ids",
                    width=22,
                ),
                Column(
                    "interpreted",
                    ("interpreted",),
                    "bool",
                    "TRUE: its meetings have interpretation",
                    width=11,
                ),
                Column(
                    "order",
                    ("order",),
                    "text",
                    "agenda: its activities are taken in the order listed (default); free: any",
                    choices=("agenda", "free"),
                    width=8,
                ),
                Column(
                    "earliest_start",
                    ("earliest_start",),
                    "datetime",
                    "None of its meetings starts before then (date and time)",
                    width=17,
                ),
                Column(
                    "latest_end",
                    ("latest_end",),
                    "datetime",
                    "Deadline for all its meetings (date and time), e.g. 2018-10-18 12:00",
                    width=17,
                ),
                Column(
                    "max_meetings_per_day",
                    ("max_meetings_per_day",),
                    "int",
                    "At most this many of its meetings on any one day (empty: no limit)",
                    width=12,
                ),
                Column(
                    "max_days",
                    ("max_days",),
                    "int",
                    "Meets on at most this many days (a Committee of the Whole meets for not "
                    "more than four working days); empty: no limit",
                    width=10,
                ),
                Column(
                    "mode",
                    ("mode",),
                    "text",
                    "in_person (default); hybrid: in the room and online; remote: online only. "
                    "Hybrid and remote interpreted meetings use remote interpretation "
                    "(remote_teams on the Session sheet)",
                    choices=BODY_MODES,
                    width=10,
                ),
                Column(
                    "online_statement_minutes",
                    ("online_statement_minutes",),
                    "float",
                    "Hybrid meetings: the longest statement delivered online, in minutes "
                    "(information)",
                    width=12,
                ),
            ),
            "Bodies: the plenary, working groups, informal consultations: who holds meetings.",
        ),
        TableSheet(
            "Items",
            ("items",),
            (
                Column("id", ("id",), "id", "The item's number, e.g. 1, 2b", width=8),
                Column(
                    "parent",
                    ("parent",),
                    "id",
                    "For a sub-item: its item (listed above it)",
                    ref="item_ids",
                    width=8,
                ),
                Column(
                    "body",
                    ("body",),
                    "body",
                    "The body taking it (empty: plenary); two or more bodies separated by "
                    "commas for a joint meeting (both busy, both agendas served, one room)",
                    ref="body_ids",
                    width=12,
                ),
                *_titles("title", languages, "The item's title"),
                *_titles("annex_title", languages, "Shorter title for the organization of work"),
                Column(
                    "minutes",
                    ("minutes",),
                    "int",
                    "Estimated duration in minutes (or give meetings; a heading taken only "
                    "through its sub-items has neither)",
                    width=9,
                ),
                Column("meetings", ("meetings",), "int", "Duration in whole meetings", width=9),
                Column(
                    "share",
                    ("share",),
                    "bool",
                    "FALSE: may not share a meeting with other items (default TRUE)",
                    width=7,
                ),
                Column(
                    "run_on",
                    ("run_on",),
                    "bool",
                    "FALSE: may not run on into the next meeting (default TRUE)",
                    width=8,
                ),
                Column(
                    "speakers",
                    ("speakers",),
                    "int",
                    "Expected speakers (with minutes_per_speaker: they give the duration)",
                    width=9,
                ),
                Column(
                    "minutes_per_speaker",
                    ("minutes_per_speaker",),
                    "float",
                    "Speaking time of each speaker, in minutes: minutes = speakers x "
                    "minutes_per_speaker + allowance",
                    width=10,
                ),
                Column(
                    "allowance",
                    ("allowance",),
                    "int",
                    "Minutes added to the speakers' time (chair, introductions, replies)",
                    width=9,
                ),
                Column(
                    "agenda_item",
                    ("agenda_item",),
                    "bool",
                    "FALSE: not an agenda item (the President's address, a ceremony): shown "
                    "without an item number (default TRUE)",
                    width=8,
                ),
                Column(
                    "organizational",
                    ("organizational",),
                    "bool",
                    "TRUE: an organizational item, taken on the first day; FALSE: not one "
                    "(default: the item holding the first activity, and its sub-items)",
                    width=8,
                ),
                Column(
                    "documents",
                    ("documents",),
                    "ids",
                    "Document symbols, separated by commas",
                    width=30,
                ),
            ),
            "Items: the agenda, one row per item or sub-item, in agenda order.",
        ),
        TableSheet(
            "Meetings",
            ("meetings",),
            (
                Column("id", ("id",), "id", "Short name used elsewhere, e.g. wg-ic-10", width=16),
                Column(
                    "body",
                    ("body",),
                    "body",
                    "The parallel body meeting; two or more bodies separated by commas for a "
                    "joint meeting",
                    ref="body_ids",
                    width=12,
                ),
                *_titles("title", languages, "Title"),
                Column("meetings", ("meetings",), "int", "Number of whole meetings", width=9),
            ),
            "Meetings: the meetings of parallel bodies (working groups, consultations).",
        ),
        TableSheet(
            "Rules",
            (),
            (
                Column(
                    "activity",
                    (),
                    "id",
                    "The item or meetings these rules apply to",
                    ref="activity_ids",
                    width=16,
                ),
                *RULE_COLUMNS,
            ),
            _RULES_HELP,
        ),
        TableSheet(
            SPEAKERS,
            (),
            SPEAKER_CLASSES,
            "Speakers: a debate with several speaking times (5-minute national statements, "
            "7-minute group statements), one row per class of speakers of an item.",
        ),
        TableSheet(
            "Published",
            ("published",),
            (
                Column(
                    "activity",
                    ("activity",),
                    "id",
                    "An activity (item or meetings)",
                    ref="activity_ids",
                    width=16,
                ),
                Column("date", ("date",), "date", "The date it is held", width=12),
                Column(
                    "period", ("period",), "id", "The period it is held", ref="period_ids", width=9
                ),
                Column(
                    "room",
                    ("room",),
                    "id",
                    "The room (empty: the body's first room)",
                    ref="room_ids",
                    width=14,
                ),
                Column(
                    "start",
                    ("start",),
                    "time",
                    "The time the grid prints it starts, if it prints one",
                    width=8,
                ),
                Column(
                    "end",
                    ("end",),
                    "time",
                    "The time the grid prints it ends, if it prints one",
                    width=8,
                ),
            ),
            "Published: the published organization of work, if any: one row per activity and "
            "slot (leave empty if nothing is published yet).",
        ),
    )
    return {sheet.name: sheet for sheet in sheets}


def session_settings(languages: Sequence[str]) -> tuple[Column, ...]:
    """The rows of the `Session` sheet."""
    return (
        *(
            Column(
                f"body_{lang}",
                ("session", "body", lang),
                "text",
                f"The body holding the session, in {lang} (rows body_ar ... body_es may be added)",
            )
            for lang in languages
        ),
        Column("symbol", ("session", "symbol"), "text", "Document symbol prefix, e.g. CTOC/COP"),
        Column("number", ("session", "number"), "int", "Session number, e.g. 9"),
        Column("venue", ("session", "venue"), "text", "Where it meets, e.g. Vienna"),
        Column(
            "time_zone",
            ("session", "time_zone"),
            "text",
            "The venue's time zone, e.g. Europe/Vienna (empty: from a known UN venue)",
        ),
        Column(
            "language",
            ("session", "language"),
            "text",
            "The language the secretariat works in (ar, zh, en, fr, ru, es): the default --lang "
            "of every command on this session",
        ),
        Column(
            "languages",
            ("session", "languages"),
            "ids",
            "Languages of the session, separated by commas (ar, zh, en, fr, ru, es)",
        ),
        Column(
            "evening_meetings",
            ("session", "evening_meetings"),
            "bool",
            "TRUE: evening periods may be used",
        ),
        Column(
            "interpretation_budget",
            ("interpretation", "budget"),
            "int",
            "Meetings with interpretation granted for the session",
        ),
        Column(
            "interpretation_teams",
            ("interpretation", "teams"),
            "int",
            "Interpreted meetings that can run at the same time",
        ),
        Column(
            "parallel_cap",
            ("interpretation", "parallel_cap"),
            "int",
            "Meetings of any kind that may run at the same time (empty: no cap)",
        ),
        Column(
            "parallel_cap_bodies",
            ("interpretation", "parallel_cap_bodies"),
            "ids",
            "The bodies the parallel cap counts, comma-separated (empty: every body)",
        ),
        Column(
            "remote_teams",
            ("interpretation", "remote_teams"),
            "int",
            "Hybrid or remote interpreted meetings that can run at the same time (the remote "
            "interpretation platform's capacity; empty: no cap)",
        ),
        Column("time_limit", ("solver", "time_limit"), "float", "Seconds of search"),
        Column("workers", ("solver", "workers"), "int", "Solver threads (0: all cores)"),
        Column("seed", ("solver", "seed"), "int", "Random seed of the search"),
    )


def weights() -> tuple[Column, ...]:
    """The weight rows of the `Preferences` sheet: every field of `Preferences`."""
    return tuple(
        Column(name, ("preferences", name), "int", info.description or name)
        for name, info in Preferences.model_fields.items()
    )


def value_at(data: Any, path: Sequence[str | int]) -> Any:
    """The value at `path` in the session data; None where a part of the path is missing."""
    for key in path:
        if data is None:
            return None
        if isinstance(key, int):
            data = data[key]
        else:  # a room's name is a text or a text per language
            data = data.get(key) if isinstance(data, dict) else None
    return data


SESSION = "Session"
PREFERENCES = "Preferences"
SPEAKERS = "Speakers"
LISTS = "Lists"
#: Sheets of a session workbook, in order.
SHEETS: tuple[str, ...] = (
    SESSION,
    "Days",
    "Periods",
    "Rooms",
    "Bodies",
    "Items",
    "Meetings",
    "Rules",
    SPEAKERS,
    PREFERENCES,
    "Published",
)
REQUIRED_SHEETS = (SESSION, "Days", "Periods", "Rooms", "Bodies", "Items")
SETTING_HEADERS = ("field", "value", "explanation")
WEIGHT_HEADERS = ("preference", "weight", "explanation")
PREFERRED_FIRST_COLUMN = 5  # E: the preferred slots sit right of the weights


def covered_fields() -> set[str]:
    """The fields of the session format the workbook holds, as dotted paths (`items.title`),
    so a test can tell when the format gains a field the workbook has no place for."""
    tables = table_sheets(UN_LANGUAGES)
    found = {f"session.{name}" for name in DAY_FIELDS.values()} | {"session.holiday_names"}
    for name in ("Rooms", "Bodies", "Items", "Meetings", "Published"):
        spec = tables[name]
        found |= {".".join((*spec.target, c.path[0])) for c in spec.columns}
    period_fields = [c.path[0] for c in tables["Periods"].columns if c.header != DATES]
    found |= {f"session.periods.{name}" for name in period_fields}
    found |= {f"session.day_periods.periods.{name}" for name in period_fields}
    found.add(f"session.day_periods.{DATES}")
    found |= {f"items.speaker_classes.{c.path[0]}" for c in SPEAKER_CLASSES[1:]}
    for owner in ("items", "meetings"):
        found |= {f"{owner}.{c.path[0]}" for c in RULE_COLUMNS}
        found |= {f"{owner}.preferred.{c.path[0]}" for c in PREFERRED[1:]}
    for column in (*session_settings(UN_LANGUAGES), *weights()):
        found.add(".".join(column.path[:2]))
    return found
