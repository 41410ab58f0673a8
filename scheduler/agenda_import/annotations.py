"""What the annotations say: where each item's section is, its documents, and the facts.

The annotations repeat every item as a heading, then explain it. A heading is found by its
number or letter, in agenda order, and by the first words of the item's title, so a quoted
"2. ..." inside an article of the rules of procedure is not mistaken for item 2. Facts are read
sentence by sentence: the opening date and time, the working days, the meetings with
interpretation, stated deadlines, and meetings of other bodies announced in the future tense.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field

from scheduler.agenda_import.agenda import ITEM_LINE, SUB_ITEM_LINE, AgendaItem, sub_letter
from scheduler.agenda_import.cleaning import SYMBOL, Vocabulary, clean_phrase, join_lines
from scheduler.agenda_import.dates import (
    SPLIT_DAY,
    DateMention,
    find_dates,
    find_span,
    find_times,
    span_position,
)
from scheduler.agenda_import.words import (
    BODY_KEYWORDS,
    DEADLINE_MARKERS,
    DOCUMENTATION_HEADING,
    FUTURE_MEETING,
    INFORMAL_CONSULTATIONS,
    INTERPRETED_MEETINGS,
    OPENING,
    PARALLEL,
    WITHOUT_INTERPRETATION,
    WORKING_DAYS,
    chinese_number,
    fold,
    number,
    ordinal,
)

_SYMBOL = re.compile(SYMBOL)
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[«\"(]?[A-ZÀ-Ý])")
_RELATIVE_DAY_BEFORE = re.compile(
    r"(jour ouvrable précédant|working day (?:before|preceding|prior to))", re.IGNORECASE
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of the annotations and the item whose section holds it (None: before)."""

    text: str
    item: str | None


@dataclass(frozen=True)
class Deadline:
    """A deadline the document states: `when` is a date or a weekday (0 = Monday)."""

    date: dt.date | None
    weekday: int | None
    time: dt.time | None
    sentence: Sentence
    parallel_bodies: bool  # it names the bodies meeting in parallel with the plenary

    @property
    def text(self) -> str:
        return self.sentence.text


@dataclass
class Announcement:
    """A meeting of another body (or informal consultations) announced for the session."""

    name: str
    kind: str  # a body kind of the session file
    dates: list[dt.date]
    weekdays: list[int]
    sentence: Sentence
    meeting_number: int | None = None  # "the tenth meeting"
    day_before_session: bool = False  # "the working day before the first day"
    interpreted: bool | None = None


@dataclass
class Facts:
    """Everything the annotations state, before it is turned into a session file."""

    sections: dict[str, tuple[int, int]] = field(default_factory=dict)
    documents: dict[str, list[str]] = field(default_factory=dict)
    sentences: list[Sentence] = field(default_factory=list)
    body_name: str | None = None
    session_number: int | None = None
    venue: str | None = None
    span: tuple[dt.date, dt.date] | None = None
    opening_date: dt.date | None = None
    opening_time: dt.time | None = None
    working_days: int | None = None
    interpreted_meetings: int | None = None
    cover_symbol: str | None = None  # the document's symbol as the cover gives it
    cover_body: str | None = None  # the body's name as the cover gives it
    deadlines: list[Deadline] = field(default_factory=list)
    announcements: list[Announcement] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def year(self) -> int | None:
        if self.opening_date:
            return self.opening_date.year
        return self.span[0].year if self.span else None


# --- sections ---------------------------------------------------------------------------


def _heading_text(lines: list[str], i: int, item: AgendaItem) -> str | None:
    """The title part of line `i` if it heads `item`'s annotation, with the next line."""
    line = lines[i].strip()
    if item.letter is None:
        m = ITEM_LINE.match(line)
        if not m or int(m.group(1)) != item.number:
            return None
        rest = m.group(2)
    else:
        m = SUB_ITEM_LINE.match(line)
        if not m or sub_letter(m) != item.letter:
            return None
        rest = m["title"]
    following = next((x.strip() for x in lines[i + 1 : i + 4] if x.strip()), "")
    return f"{rest} {following}"


def find_sections(
    lines: list[str], start: int, end: int, items: list[AgendaItem]
) -> dict[str, tuple[int, int]]:
    """Line ranges of each item's annotation, found in agenda order."""
    heads: list[tuple[str, int]] = []
    cursor = start
    for item in items:
        words = fold(item.title).split()[:4]
        for i in range(cursor, end):
            text = _heading_text(lines, i, item)
            if text is not None and fold(text).split()[: len(words)] == words:
                heads.append((item.id, i))
                cursor = i + 1
                break
    sections: dict[str, tuple[int, int]] = {}
    for n, (item_id, line) in enumerate(heads):
        stop = heads[n + 1][1] if n + 1 < len(heads) else end
        sections[item_id] = (line, stop)
    return sections


def without_heading(chunk: list[str], item: AgendaItem) -> list[str]:
    """A section's lines after its heading (label and title, over one or more lines)."""
    target = fold(item.title).split()
    taken: list[str] = []
    for k, line in enumerate(chunk):
        if not line:
            continue
        if k == 0:
            m = SUB_ITEM_LINE.match(line) if item.letter else ITEM_LINE.match(line)
            line = (m["title"] if item.letter else m.group(2)) if m else line
            taken = fold(line).split()
            continue
        words = taken + fold(line).split()
        if words != target[: len(words)]:
            return chunk[k:]
        taken = words
    return []


def find_documents(lines: list[str], vocabulary: Vocabulary) -> list[str]:
    """Symbols listed under the section's "Documentation" heading, in order, once each."""
    heading = next((i for i, x in enumerate(lines) if DOCUMENTATION_HEADING.match(fold(x))), None)
    if heading is None:
        return []
    text = join_lines(lines[heading + 1 :], vocabulary)
    text = re.sub(r"/\s+(?=[A-Z0-9])", "/", text)
    found: list[str] = []
    for m in _SYMBOL.finditer(text):
        symbol = m.group().rstrip(".-")
        if re.search(r"\d", symbol) and symbol not in found:
            found.append(symbol)
    return found


def sentences_of(text: str, item: str | None) -> list[Sentence]:
    return [Sentence(s.strip(), item) for s in _SENTENCE_END.split(text) if s.strip()]


# --- facts -----------------------------------------------------------------------------


def _full_dates(mentions: list[DateMention]) -> list[DateMention]:
    return [m for m in mentions if m.date is not None]


def read_opening(facts: Facts, sentences: list[Sentence]) -> Sentence | None:
    """The session's opening: date, time, number, body name (and venue when stated)."""
    for sentence in sentences:
        opening = OPENING.search(sentence.text)
        if not opening:
            continue
        dates = _full_dates(find_dates(sentence.text, facts.year))
        if not dates:
            continue
        facts.opening_date = dates[0].date
        times = find_times(sentence.text)
        if times:
            facts.opening_time = times[0].time
        head = sentence.text[: opening.start()]
        m = re.search(
            r"(?P<ord>[\w-]+)\s+session\s+(?:de la|de l'|du|des|of the|of)\s*(?P<body>.+?)\s*$",
            head,
            re.IGNORECASE,
        )
        if m:
            facts.session_number = facts.session_number or session_ordinal(m["ord"])
            body = re.sub(r"^(la |le |l'|les |the )", "", m["body"].strip(), flags=re.I)
            facts.body_name = facts.body_name or body[:1].upper() + body[1:]
        place = re.search(r"\b(?:à|in)\s+([A-Z][\w-]+)", sentence.text)
        if place and not facts.venue:
            facts.venue = place.group(1)
        return sentence
    return None


#: "Distr.: General 19 August 2015": the date a document is issued, never a session date.
_ISSUED = re.compile(
    r"\bDistr\.?\s*:?\s*(?:general|générale?|general|limited|restricted|restreinte|limitada)?"
    r"\s*,?\s*\d{1,2}\s+(?:de\s+)?[^\W\d_]+(?:\s+de)?\s+\d{4}"
    r"(?:\s+(?:English|French|Spanish|Russian|Arabic|Chinese|Français|Anglais|Espagnol|Russe"
    r"|Arabe|Chinois|Español|Inglés|Francés|Ruso|Árabe|Chino)\b)?",
    re.IGNORECASE,
)
_ISSUED_LINE = re.compile(r"^\d{1,2}\s+(?:de\s+)?[^\W\d_]+(?:\s+de)?\s+\d{4}$")
# "Sixth session", "Quinzième session", "13 er período de sesiones", "19º período de sesiones",
# "Quatrième réunion", "Twenty-Seventh Meeting of the Parties", "Шестьдесят шестая сессия",
# "第五十四届会议"; the number is read by `session_ordinal`.
_SESSION = re.compile(
    r"(?:^|(?<=\s))(?P<ord>(?:[\w-]+\s)?[\w-]+?(?:\s?(?:er|º|°|o|a|ª))?)\*?\s+"
    r"(?:session|sesión|réunion|meeting|período de sesiones|periodo de sesiones|сессия)\b",
    re.IGNORECASE,
)
_ZH_SESSION = re.compile(r"第([零〇一二两三四五六七八九十百\d]+)届(?:常)?会")
_AR_SESSION = re.compile(r"(?:الدورة|الاجتماع)\s+(\S+)")
_RU_TENS = {"двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60,
            "семьдесят": 70, "восемьдесят": 80, "девяносто": 90}  # fmt: skip
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}  # fmt: skip
# "St. Petersburg, Russian Federation, 2-6 November", "Abidjan (Côte d'Ivoire), 11-13 mai",
# "نيويورك، 19-23": the place just before the dates.
_PLACE = re.compile(
    r"(?P<place>(?:[A-ZÀ-Ý][\w'’.-]*|el|de|la|du)(?:[ -](?:[A-ZÀ-Ý][\w'’.-]*|el|de|la|du)){0,3}"
    r"|[\u0600-\u06ff]+|[\u0400-\u04ff-]+)"
    r"(?:\s*\([^)]{2,40}\)|,\s*[A-ZÀ-Ý][\w ]{2,40}?)?\s*[,،]?\s*$"
)
_BODY_START = re.compile(
    r"\b(Conference of the|Commission on|Committee (?:on|of|for)|Governing Council|Meeting of"
    r"|Industrial Development Board|Trade and Development Board|Executive Board"
    r" the|Ad Hoc Committee|Working Group|Conférence des|Commission (?:des|de la|du)|Comité (?:des|"
    r"de la|du|de l)|Groupe de travail|Conferencia de|Comisión de|Consejo de|Órgano|Organo"
    r"|Конференция|Комиссия|Комитет|مؤتمر|لجنة)",
    re.IGNORECASE,
)
_BODY_END = re.compile(
    r"\s+(?:Distr\b|Original\b|Item\s+\d|Point\s+\d|Tema\s+\d|Punto\s+\d|Пункт\s+\d"
    r"|[A-Z]+/\S+|\d)|\s*\*"
)


def session_ordinal(words: str) -> int | None:
    """`Sixth`, `13 er`, `19º`, `Twenty-Seventh`, `Шестьдесят шестая` as a number."""
    words = words.strip().lower()
    value = ordinal(words) or ordinal(words.replace(" ", ""))
    if value:
        return value
    parts = re.split(r"[\s-]+", words)
    if len(parts) == 2:
        tens = _EN_TENS.get(parts[0]) or _RU_TENS.get(parts[0])
        if tens is None and parts[0][-1:] in ("o", "a") and ordinal(parts[0]):
            tens = ordinal(parts[0])  # Spanish: "sexagésimo primer"
        unit = ordinal(parts[1])
        if tens and unit and unit < 10:
            return tens + unit
    return None


def _read_session_number(text: str) -> tuple[int, int] | None:
    """The session's number and where its mention starts in `text`."""
    zh = _ZH_SESSION.search(text)
    if zh:
        value = chinese_number(zh.group(1))
        return (value, zh.start()) if value else None
    for ar in _AR_SESSION.finditer(text):
        value = ordinal(ar.group(1))
        if value:
            return value, ar.start()
    for m in _SESSION.finditer(text):
        words = m["ord"].split()
        for k in range(len(words)):
            value = session_ordinal(" ".join(words[k:]))
            if value:
                return value, m.start() + m.group().find(words[k])
    return None


def _body_name(text: str, session_at: int | None, venue: str | None) -> str | None:
    """The body named on the cover: the name closest before the session's number."""
    limit = session_at if session_at is not None else min(len(text), 600)
    starts = [m for m in _BODY_START.finditer(text) if m.start() < limit]
    if not starts and session_at is not None:  # "Twenty-Seventh Meeting of the Parties to ..."
        starts = [m for m in _BODY_START.finditer(text, session_at, session_at + 40)][:1]
        session_at = None
    found = [_name_from(text, m.start(), session_at, venue) for m in starts]
    names = [n for n in found if n]
    if not names:
        return None
    name = names[-1]
    if name.isupper():  # "COMMISSION ON THE STATUS OF WOMEN": the same name in mixed case
        name = next((n for n in names if fold(n) == fold(name) and not n.isupper()), name)
    if name.isupper():
        name = name[:1] + name[1:].lower()
    return name


def _name_from(text: str, at: int, session_at: int | None, venue: str | None) -> str | None:
    rest = text[at:]
    stops = [len(rest)]
    if session_at is not None and session_at > at:
        stops.append(session_at - at)
    end = _BODY_END.search(rest)
    if end:
        stops.append(end.start())
    if venue and venue in rest:
        stops.append(rest.index(venue))
    name = re.sub(r"\s+", " ", rest[: min(stops)]).strip(" ,.:،")
    return name if 8 <= len(name) <= 160 else None


def read_title_block(facts: Facts, lines: list[str]) -> None:
    """Symbol, body, session number, venue and dates from the cover (`Vienna, 15-19 ...`).

    The cover may come as lines or run together on one line ("United Nations CAC/COSP/2015/1
    Conference ... Sixth session St. Petersburg, Russian Federation, 2-6 November 2015");
    the issue date ("Distr.: General 19 August 2015") is left out first.
    """
    cover = [_ISSUED.sub(" ", line) for line in lines if not _ISSUED_LINE.match(line.strip())]
    for n, line in enumerate(cover):
        split = SPLIT_DAY.search(line)
        if split and find_span(line) is None:
            first, second = split.group(1), split.group(2)
            lost_dash = int(first) < int(second)
            joined = SPLIT_DAY.sub(r"\1–\2" if lost_dash else r"\1\2", line, count=1)
            facts.notes.append(
                f"cover: {split.group()!r} read as "
                + (f"the days {first}–{second} (a dash lost in extraction); if it is the day "
                   f"{first}{second}, correct session.days" if lost_dash else
                   f"the day {first}{second} (a number split by extraction); check session.days")
            )  # fmt: skip
            cover[n] = line = joined
        span = find_span(line)
        if span and facts.span is None:
            facts.span = span
            before = line[: span_position(line)].rstrip()
            place = _PLACE.search(before)
            if place and not facts.venue:
                facts.venue = place["place"].strip(" ،,")
    text = " ".join(cover)
    found = _read_session_number(text)
    if found:
        facts.session_number = found[0]
    symbol = _SYMBOL.search(text)
    if symbol and re.search(r"\d", symbol.group()):
        facts.cover_symbol = symbol.group().rstrip(".")
    facts.cover_body = _body_name(text, found[1] if found else None, facts.venue)


def read_counts(facts: Facts, text: str) -> None:
    """Working days and meetings with interpretation ("20 séances avec interprétation")."""
    for m in WORKING_DAYS.finditer(text):
        value = number(m.group(1))
        if value:
            facts.working_days = value
            break
    for m in INTERPRETED_MEETINGS.finditer(text):
        value = number(m.group(1))
        if value:
            facts.interpreted_meetings = value
            break


def read_deadlines(facts: Facts, sentences: list[Sentence]) -> None:
    """Deadlines stated with a date or a weekday, and a clock time when there is one."""
    for sentence in sentences:
        text = sentence.text
        for marker in DEADLINE_MARKERS.finditer(text):
            window = text[marker.end() : marker.end() + 90]
            dates = find_dates(window, facts.year)
            times = find_times(window)
            first = min([d.start for d in dates] + [t.start for t in times], default=99)
            if not dates or first > 12 or dates[0].start > 45:
                continue
            date = dates[0]
            near = [t for t in times if abs(t.start - date.end) < 30 or t.end <= date.start]
            mentions_body = any(
                re.search(rf"\b{k}\b", text, re.IGNORECASE) for k, kind in BODY_KEYWORDS
            )
            facts.deadlines.append(
                Deadline(
                    date=date.date,
                    weekday=date.weekday if date.date is None else None,
                    time=near[0].time if near else None,
                    sentence=sentence,
                    parallel_bodies=bool(PARALLEL.search(text)) and mentions_body,
                )
            )
            break


def _dates_in(text: str, year: int | None) -> tuple[list[dt.date], list[int]]:
    """All dates of a sentence, spans and "16 et 17 octobre" included, and bare weekdays."""
    dates: list[dt.date] = []
    span = find_span(text)
    if span:
        day = span[0]
        while day <= span[1]:
            dates.append(day)
            day += dt.timedelta(days=1)
    mentions = find_dates(text, year)
    for mention in mentions:
        if mention.date is None:
            continue
        dates.append(mention.date)
        before = text[max(0, mention.start - 30) : mention.start]
        for m in re.finditer(r"(\d{1,2})(?:er)?\s*(?:,|et|and)\s*$", before):
            with contextlib.suppress(ValueError):  # "31 and 1 June": no 31 June
                dates.append(mention.date.replace(day=int(m.group(1))))
    weekdays = [m.weekday for m in mentions if m.date is None and m.weekday is not None]
    return sorted(set(dates)), weekdays


def _name_at(text: str, start: int, stop: int) -> str:
    name = text[start:stop]
    name = re.split(r"[,;(]| - ", name)[0]
    name = WITHOUT_INTERPRETATION.sub("", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    return name[:1].upper() + name[1:]


def read_announcements(facts: Facts, sentences: list[Sentence], opening: Sentence | None) -> None:
    """Meetings of other bodies and informal consultations announced for the session."""
    keywords = sorted(BODY_KEYWORDS, key=lambda k: -len(k[0]))
    for sentence in sentences:
        text = sentence.text
        verb = FUTURE_MEETING.search(text)
        if not verb or sentence is opening:
            continue
        informal = INFORMAL_CONSULTATIONS.search(text)
        found = informal
        kind = "informal"
        if not informal:
            for keyword, keyword_kind in keywords:
                found = re.search(rf"\b{keyword}\b", text, re.IGNORECASE)
                if found:
                    kind = keyword_kind
                    break
        if not found:
            continue
        dates, weekdays = _dates_in(text, facts.year)
        relative = bool(_RELATIVE_DAY_BEFORE.search(text))
        if not dates and not weekdays and not relative:
            continue
        stop = verb.start() if verb.start() > found.end() else len(text)
        first_date = next((m.start for m in find_dates(text, facts.year) if m.start > found.end()),
                          len(text))  # fmt: skip
        name = _name_at(text, found.start(), min(stop, first_date))
        ordinal_match = re.search(
            r"([\w-]+)\s+(?:réunion|meeting|session)\s+(?:du|de la|des|of the|of)\s*$",
            text[: found.start()],
            re.IGNORECASE,
        )
        facts.announcements.append(
            Announcement(
                name=name,
                kind=kind,
                dates=dates,
                weekdays=weekdays,
                sentence=sentence,
                meeting_number=ordinal(ordinal_match.group(1)) if ordinal_match else None,
                day_before_session=relative and not dates,
                interpreted=False if WITHOUT_INTERPRETATION.search(text) else None,
            )
        )


def read_facts(
    lines: list[str],
    agenda_start: int,
    annotations: tuple[int, int],
    items: list[AgendaItem],
    vocabulary: Vocabulary,
    lang: str,
) -> Facts:
    """Read the title block and the annotations (lines `annotations[0]` to `[1]`)."""
    facts = Facts()
    read_title_block(facts, lines[:agenda_start] if agenda_start > 0 else lines[:40])
    start, end = annotations
    facts.sections = find_sections(lines, start, end, items)
    bounds = sorted(facts.sections.items(), key=lambda kv: kv[1][0])
    first = bounds[0][1][0] if bounds else end
    chunks: list[tuple[str | None, list[str]]] = [(None, lines[start:first])]
    by_id = {item.id: item for item in items}
    chunks += [(i, without_heading(lines[a:b], by_id[i])) for i, (a, b) in bounds]
    for item_id, chunk in chunks:
        if item_id is not None:
            facts.documents[item_id] = find_documents(chunk, vocabulary)
        paragraph = clean_phrase(join_lines(chunk, vocabulary), vocabulary, lang)
        facts.sentences.extend(sentences_of(paragraph, item_id))
    whole = " ".join(s.text for s in facts.sentences)
    opening = read_opening(facts, facts.sentences)
    read_counts(facts, whole)
    read_deadlines(facts, facts.sentences)
    read_announcements(facts, facts.sentences, opening)
    return facts
