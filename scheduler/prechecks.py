"""Cheap checks before the solver: impossibilities that counting alone proves.

Each check is a necessary condition of docs/RULES.md, so every finding proves that no
timetable exists, and says why with the numbers a planner can verify:
- fixed times on a holiday, between periods, in an evening without evening meetings, or (for a
  whole-meeting activity) not at the start of a period;
- order rules that contradict each other: an activity marked first that the agenda puts after
  another, one marked last that the agenda puts before another, two of either in one body;
- time windows: a deadline before a fixed or earliest start, and a body whose activities need
  more meeting time than the periods between their earliest start and their deadline give
  (agenda order and first/last carry fixed times and deadlines from one activity to the next);
- interpretation: more interpreted meetings needed than the budget; more interpreted bodies
  (or meetings of any kind) forced into one period than there are teams (or than the cap).

References to unknown ids, dates outside the session and malformed times never get this far:
reading the session file refuses them (exit 2), naming file, field and value.

Findings name the rule instances behind them by their keys `(rule, subject)`, the keys of
`models.instances` plus the calendar's own: `within-periods` with subject `days`, `evenings`
or `holiday@<date>`. `active` restricts the checks to some instances, so the explainer can show
the numbers behind a conflict with only the conflict's rules in force. This module knows
nothing of the solver.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from babel.dates import format_date

from scheduler.session import Activity, Session, Slot

Key = tuple[str, str]
Active = Callable[[Key], bool]

SESSION = "session"
DAYS: Key = ("within-periods", "days")
EVENINGS: Key = ("within-periods", "evenings")
BUDGET: Key = ("interpretation-budget", SESSION)
TEAMS: Key = ("interpretation-teams", SESSION)
CAP: Key = ("parallel-cap", SESSION)


def holiday_key(date: dt.date) -> Key:
    return ("within-periods", f"holiday@{date.isoformat()}")


def date_key(a: Activity) -> Key:
    """The key of an activity's `date` fix (as `models.instances.date_subject`)."""
    assert a.date is not None
    return ("fixed-start", f"{a.id}@{a.date.isoformat()}")


@dataclass(frozen=True)
class PrecheckFinding:
    """One proven impossibility, in English and French, with the rule instances behind it."""

    check: str  # fixed-time, order, window, capacity, budget, teams, parallel-cap
    rule: str  # the rule of scheduler.rules it is about
    text_en: str
    text_fr: str
    instances: tuple[Key, ...] = ()

    def text(self, lang: str = "en") -> str:
        return self.text_fr if lang == "fr" else self.text_en


def precheck(session: Session, active: Active | None = None) -> list[PrecheckFinding]:
    """Every impossibility the cheap checks prove; empty when none is found.

    `active(key)` says whether a rule instance is in force (default: all are).
    """
    on: Active = active or (lambda key: True)
    calendar = _Calendar(session, on)
    windows = _windows(session, calendar, on)
    found = [
        *_fixed_times(session, calendar, on),
        *_order_cycles(session, calendar, on),
        *_empty_windows(session, windows),
        *_capacity(session, calendar, windows),
        *_budget(session, calendar, on),
        *_simultaneous(session, calendar, windows, on),
    ]
    return _most_basic(found)


def _most_basic(found: list[PrecheckFinding]) -> list[PrecheckFinding]:
    """Keep a finding only when no other names fewer of its rules (the first of equals)."""
    kept: list[PrecheckFinding] = []
    for n, finding in enumerate(found):
        keys = set(finding.instances)
        if not any(
            set(other.instances) < keys or (set(other.instances) == keys and m < n)
            for m, other in enumerate(found)
        ):
            kept.append(finding)
    return kept


# --- the calendar under the instances in force --------------------------------------------


class _Calendar:
    """Which slots may hold meetings, given which calendar instances are in force."""

    def __init__(self, session: Session, on: Active) -> None:
        info = session.session
        self.session = session
        self.evenings_closed = not info.evening_meetings and on(EVENINGS)
        self.closed_holidays = {d for d in info.holidays if on(holiday_key(d))}
        self.bounded = on(DAYS)
        self.pre_session = set(info.pre_session_days)
        self.slots = [s for s in session.slots if not self.closure(s)]
        session_slots = [s for s in session.slots if not s.pre_session]
        self.first_start = session_slots[0].start
        self.last_end = max(s.end for s in session_slots)

    def closure(self, s: Slot) -> frozenset[Key]:
        """The instances that close a slot (empty: the slot is open)."""
        keys: set[Key] = set()
        if s.date in self.closed_holidays:
            keys.add(holiday_key(s.date))
        if s.period.evening and self.evenings_closed:
            keys.add(EVENINGS)
        return frozenset(keys)

    def closures(self, start: dt.datetime, end: dt.datetime) -> frozenset[Key]:
        """The instances closing some slot that meets [start, end]."""
        keys: set[Key] = set()
        for s in self.session.slots:
            if s.end > start and s.start < end:
                keys |= self.closure(s)
        return frozenset(keys)

    def fixed_day(self, a: Activity) -> dt.date | None:
        """The pre-session day the activity is fixed to, if any."""
        for day in (a.date, a.fixed_start and a.fixed_start.date()):
            if day in self.pre_session:
                return day
        return None

    def open_slots(self, activities: Iterable[Activity]) -> list[Slot]:
        """Open slots usable by some of `activities` (pre-session days: only when fixed there)."""
        days = {d for a in activities if (d := self.fixed_day(a)) is not None}
        return [s for s in self.slots if not s.pre_session or s.date in days]

    def periods_minutes(self) -> int:
        """The longest open period, in minutes."""
        return max(s.minutes for s in self.slots) if self.slots else 0


# --- time windows -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Bound:
    at: dt.datetime | None  # None: no bound
    why: frozenset[Key] = frozenset()

    def plus(self, key: Key) -> _Bound:
        return _Bound(self.at, self.why | {key})


def _later(old: _Bound, new: _Bound) -> _Bound:
    return new if new.at is not None and (old.at is None or new.at > old.at) else old


def _earlier(old: _Bound, new: _Bound) -> _Bound:
    return new if new.at is not None and (old.at is None or new.at < old.at) else old


@dataclass
class _Window:
    """When an activity may be held: no part before `lo`, first part by `ls`, all by `hi`."""

    lo: _Bound
    ls: _Bound
    hi: _Bound
    base: dt.datetime  # `lo` without any rule: the first day it may use
    notes: dict[str, str] = field(default_factory=dict)


def _windows(session: Session, cal: _Calendar, on: Active) -> dict[str, _Window]:
    result: dict[str, _Window] = {}
    for a in session.activities:
        pre = cal.fixed_day(a)
        base = dt.datetime.combine(pre, session.session.periods[0].start) if pre else None
        start = base or cal.first_start
        end = _Bound(cal.last_end, frozenset({DAYS})) if cal.bounded else _Bound(None)
        w = _Window(_Bound(start), end, end, start)
        if a.date is not None and on(date_key(a)):
            day = [s for s in session.slots if s.date == a.date]
            w.lo = _later(w.lo, _Bound(day[0].start, frozenset({date_key(a)})))
            w.hi = _earlier(w.hi, _Bound(day[-1].end, frozenset({date_key(a)})))
        if a.fixed_start is not None and on(("fixed-start", a.id)):
            fixed = _Bound(a.fixed_start, frozenset({("fixed-start", a.id)}))
            w.lo, w.ls = _later(w.lo, fixed), _earlier(w.ls, fixed)
        if a.earliest_start is not None and on(("earliest-start", a.id)):
            w.lo = _later(w.lo, _Bound(a.earliest_start, frozenset({("earliest-start", a.id)})))
        if a.latest_end is not None and on(("deadline", a.id)):
            w.hi = _earlier(w.hi, _Bound(a.latest_end, frozenset({("deadline", a.id)})))
        w.ls = _earlier(w.ls, w.hi)
        result[a.id] = w
    for _ in range(len(session.activities) + 1):
        if not _propagate(session, cal, result, on):
            break
    return result


def _propagate(session: Session, cal: _Calendar, w: dict[str, _Window], on: Active) -> bool:
    """One pass of agenda order and first/last over the windows; whether anything moved."""
    before = {k: (v.lo, v.ls, v.hi) for k, v in w.items()}
    for body in session.bodies:
        key: Key = ("agenda-order", body.id)
        activities = session.body_activities(body.id)
        if body.order != "agenda" or len(activities) < 2 or not on(key):
            continue
        for a, c in pairwise(activities):  # a ends before c starts
            w[c.id].lo = _later(w[c.id].lo, w[a.id].lo.plus(key))
            w[a.id].hi = _earlier(w[a.id].hi, w[c.id].ls.plus(key))
            w[a.id].ls = _earlier(w[a.id].ls, w[a.id].hi)
    on_session_days = [a for a in session.activities if cal.fixed_day(a) is None]
    for f in on_session_days:
        key = ("first-last", f.id)
        if not (f.first or f.last) or not on(key):
            continue
        for x in on_session_days:
            if x.id == f.id:
                continue
            if f.first:  # f starts no later than x
                w[x.id].lo = _later(w[x.id].lo, w[f.id].lo.plus(key))
                w[f.id].ls = _earlier(w[f.id].ls, w[x.id].ls.plus(key))
            else:  # x ends no later than f
                w[x.id].hi = _earlier(w[x.id].hi, w[f.id].hi.plus(key))
                w[x.id].ls = _earlier(w[x.id].ls, w[x.id].hi)
    return any(before[k] != (v.lo, v.ls, v.hi) for k, v in w.items())


# --- the checks ---------------------------------------------------------------------------


def _fixed_times(session: Session, cal: _Calendar, on: Active) -> Iterator[PrecheckFinding]:
    for a in session.activities:
        key: Key = ("fixed-start", a.id)
        if a.fixed_start is not None and on(key):
            moment = a.fixed_start
            slot = next(
                (s for s in session.slots if s.start <= moment < s.end),
                None,
            )
            en, fr = _who(session, a.id, "en"), _who(session, a.id, "fr")
            if slot is None:
                periods = ", ".join(
                    f"{p.start:%H:%M}-{p.end:%H:%M}" for p in session.session.periods
                )
                yield PrecheckFinding(
                    "fixed-time", "fixed-start",
                    f"{en} starts {_when(moment, 'en')}, outside every period ({periods})",
                    f"{fr} commence le {_when(moment, 'fr')}, hors de toute période ({periods})",
                    (key,),
                )  # fmt: skip
            elif closed := cal.closure(slot):
                yield _closed_finding(session, a, moment, slot, closed | {key})
            elif a.whole_meetings and moment != slot.start:
                yield PrecheckFinding(
                    "fixed-time", "fixed-start",
                    f"{en} fills whole meetings but starts {_when(moment, 'en')}, not at the "
                    f"start of a period ({slot.start:%H:%M})",
                    f"{fr} occupe des séances entières mais commence le {_when(moment, 'fr')}, "
                    f"pas au début d'une période ({slot.start:%H:%M})",
                    (key,),
                )  # fmt: skip
        if a.date is not None and on(date_key(a)) and a.date in cal.closed_holidays:
            en, fr = _who(session, a.id, "en"), _who(session, a.id, "fr")
            yield PrecheckFinding(
                "fixed-time", "fixed-start",
                f"{en} is held on {_day(a.date, 'en')}, a holiday",
                f"{fr} se tient le {_day(a.date, 'fr')}, jour férié",
                (date_key(a), holiday_key(a.date)),
            )  # fmt: skip


def _closed_finding(
    session: Session, a: Activity, moment: dt.datetime, slot: Slot, keys: frozenset[Key]
) -> PrecheckFinding:
    en, fr = _who(session, a.id, "en"), _who(session, a.id, "fr")
    if holiday_key(slot.date) in keys:
        why_en, why_fr = "a holiday", "jour férié"
    else:
        why_en, why_fr = "an evening, without evening meetings", "en soirée, sans séances du soir"
    return PrecheckFinding(
        "fixed-time", "fixed-start",
        f"{en} starts {_when(moment, 'en')}, {why_en}",
        f"{fr} commence le {_when(moment, 'fr')}, {why_fr}",
        tuple(sorted(keys)),
    )  # fmt: skip


def _order_cycles(session: Session, cal: _Calendar, on: Active) -> Iterator[PrecheckFinding]:
    """First/last marks that the agenda order contradicts (first and last bind session days)."""
    for body in session.bodies:
        activities = [a for a in session.body_activities(body.id) if cal.fixed_day(a) is None]
        order: Key = ("agenda-order", body.id)
        name_en, name_fr = body.name.get("en"), body.name.get("fr")
        for mark, word_en, word_fr in (("first", "first", "premier"), ("last", "last", "dernier")):
            marked = [a for a in activities if getattr(a, mark) and on(("first-last", a.id))]
            if len(marked) > 1:
                ids = [a.id for a in marked]
                yield PrecheckFinding(
                    "order", "first-last",
                    f"{name_en}: {_list(session, ids, 'en')} are all marked {word_en}; a body "
                    "takes one thing at a time",
                    f"{name_fr} : {_list(session, ids, 'fr')} sont tous marqués « {word_fr} » ; "
                    "un organe ne traite qu'une chose à la fois",
                    tuple(("first-last", i) for i in ids),
                )  # fmt: skip
            if body.order != "agenda" or len(activities) < 2 or not on(order):
                continue
            for a in marked:
                index = activities.index(a)
                if mark == "first" and index > 0:
                    other = activities[index - 1]
                elif mark == "last" and index + 1 < len(activities):
                    other = activities[index + 1]
                else:
                    continue
                where_en = "before" if mark == "first" else "after"
                where_fr = "avant" if mark == "first" else "après"
                yield PrecheckFinding(
                    "order", "first-last",
                    f"{_who(session, a.id, 'en')} is {word_en}, but the agenda of the {name_en} "
                    f"takes {_who(session, other.id, 'en')} {where_en} it",
                    f"{_who(session, a.id, 'fr')} passe en {word_fr}, mais l'ordre du jour "
                    f"({name_fr}) place {_who(session, other.id, 'fr')} {where_fr}",
                    (("first-last", a.id), order),
                )  # fmt: skip


def _empty_windows(session: Session, windows: dict[str, _Window]) -> Iterator[PrecheckFinding]:
    """Activities whose rules leave no time at all: e.g. a deadline before a fixed start."""
    for a in session.activities:
        w = windows[a.id]
        lo = w.lo
        assert lo.at is not None
        if w.hi.at is not None and lo.at >= w.hi.at:
            end, verb_en, verb_fr = w.hi, "end by", "se terminer"
        elif w.ls.at is not None and lo.at > w.ls.at:
            end, verb_en, verb_fr = w.ls, "start by", "commencer"
        else:
            continue
        assert end.at is not None
        en, fr = _who(session, a.id, "en"), _who(session, a.id, "fr")
        yield PrecheckFinding(
            "window", "deadline",
            f"{en} may not start before {_when(lo.at, 'en')} but must {verb_en} "
            f"{_when(end.at, 'en')}",
            f"{fr} ne peut commencer avant le {_when(lo.at, 'fr')} mais doit {verb_fr} au plus "
            f"tard le {_when(end.at, 'fr')}",
            tuple(sorted(lo.why | end.why)),
        )  # fmt: skip


def _empty(w: _Window) -> bool:
    lo, hi, ls = w.lo.at, w.hi.at, w.ls.at
    assert lo is not None
    return (hi is not None and lo >= hi) or (ls is not None and lo > ls)


@dataclass(frozen=True)
class _Supply:
    """The meeting time a body has between two moments."""

    start: dt.datetime
    end: dt.datetime
    slots: list[Slot]  # open slots meeting [start, end]
    full: list[Slot]  # those entirely inside
    minutes: int  # open minutes inside [start, end]

    @classmethod
    def of(cls, cal: _Calendar, activities: list[Activity], start: dt.datetime,
           end: dt.datetime) -> _Supply:  # fmt: skip
        slots = [s for s in cal.open_slots(activities) if s.end > start and s.start < end]
        full = [s for s in slots if s.start >= start and s.end <= end]
        minutes = sum(_minutes(max(s.start, start), min(s.end, end)) for s in slots)
        return cls(start, end, slots, full, minutes)

    def short_of(self, whole: int, minutes: int) -> bool:
        """Whether `whole` whole meetings and `minutes` more cannot fit."""
        if whole > len(self.full):
            return True
        taken = sum(sorted(s.minutes for s in self.full)[:whole])
        return minutes > self.minutes - taken

    def uniform(self) -> int | None:
        """The length of every slot, when all are whole and equal."""
        lengths = {s.minutes for s in self.slots}
        return lengths.pop() if len(lengths) == 1 and len(self.full) == len(self.slots) else None


def _capacity(
    session: Session, cal: _Calendar, windows: dict[str, _Window]
) -> Iterator[PrecheckFinding]:
    """Per body, the tightest window whose activities cannot fit in its periods."""
    for body in session.bodies:
        activities = [a for a in session.body_activities(body.id) if not _empty(windows[a.id])]
        starts = sorted({t for a in activities if (t := windows[a.id].lo.at) is not None})
        ends = sorted({t for a in activities if (t := windows[a.id].hi.at) is not None})
        best: tuple[tuple[int, int], PrecheckFinding] | None = None
        for start in starts:
            for end in ends:
                if start >= end:
                    continue
                inside = [a for a in activities if _within(windows[a.id], start, end)]
                if not inside:
                    continue
                whole = sum(a.meetings or 0 for a in inside if a.whole_meetings)
                minutes = sum(a.minutes or 0 for a in inside if not a.whole_meetings)
                supply = _Supply.of(cal, inside, start, end)
                if not supply.short_of(whole, minutes):
                    continue
                why = set(cal.closures(start, end))
                for a in inside:
                    w = windows[a.id]
                    if w.base < start:
                        why |= w.lo.why
                    why |= w.hi.why
                rank = (len(why), len(supply.slots))
                if best is None or rank < best[0]:
                    found = _capacity_finding(session, body.id, supply, whole, minutes, why)
                    best = (rank, found)
        if best is not None:
            yield best[1]


def _within(w: _Window, start: dt.datetime, end: dt.datetime) -> bool:
    return w.lo.at is not None and w.hi.at is not None and w.lo.at >= start and w.hi.at <= end


def _capacity_finding(
    session: Session, body: str, supply: _Supply, whole: int, minutes: int, why: set[Key]
) -> PrecheckFinding:
    name_en, name_fr = session.body(body).name.get("en"), session.body(body).name.get("fr")
    shown = supply.slots or []
    start = max(supply.start, shown[0].start) if shown else supply.start
    end = min(supply.end, shown[-1].end) if shown else supply.end
    span_en = f"from {_when(start, 'en')} to {_when(end, 'en')}"
    span_fr = f"du {_when(start, 'fr')} au {_when(end, 'fr')}"
    length = supply.uniform()
    if not minutes:
        n = len(supply.full)
        en = (f"{name_en} needs {_n(whole, 'meeting', 'meetings')} {span_en}; "
              f"{_n(n, 'whole period fits', 'whole periods fit')} in that time")  # fmt: skip
        fr = (f"{name_fr} : il faut {_n(whole, 'séance', 'séances')} {span_fr} ; "
              f"{_n(n, 'période entière y tient', 'périodes entières y tiennent')}")  # fmt: skip
    elif length is not None:
        needed = whole + math.ceil(minutes / length)
        detail_en = _needs_detail(whole, minutes, length, "en")
        detail_fr = _needs_detail(whole, minutes, length, "fr")
        en = f"{name_en} needs {needed} meetings{detail_en} {span_en}; {len(shown)} exist"
        fr = f"{name_fr} : il faut {needed} séances{detail_fr} {span_fr} ; il y en a {len(shown)}"
    else:
        need = minutes + sum(sorted(s.minutes for s in supply.full)[:whole])
        extra_en = f" ({whole} of them in whole meetings)" if whole else ""
        extra_fr = f" (dont {whole} séances entières)" if whole else ""
        en = (f"{name_en} needs {need} minutes of meetings{extra_en} {span_en}; "
              f"{supply.minutes} exist")  # fmt: skip
        fr = (f"{name_fr} : il faut {need} minutes de séance{extra_fr} {span_fr} ; il y en a "
              f"{supply.minutes}")  # fmt: skip
    return PrecheckFinding("capacity", "full-duration", en, fr, tuple(sorted(why)))


def _needs_detail(whole: int, minutes: int, length: int, lang: str) -> str:
    if not minutes:
        return ""
    if lang == "fr":
        text = f"{minutes} minutes, à {length} minutes par séance"
        return f" ({whole} séances entières et {text})" if whole else f" ({text})"
    text = f"{minutes} minutes at {length} minutes a meeting"
    return f" ({whole} whole meetings and {text})" if whole else f" ({text})"


def _budget(session: Session, cal: _Calendar, on: Active) -> Iterator[PrecheckFinding]:
    budget = session.interpretation.budget
    longest = cal.periods_minutes()
    if not on(BUDGET) or not longest:
        return
    needs: list[tuple[str, int]] = []
    for body in session.bodies:
        if body.interpreted:
            activities = session.body_activities(body.id)
            whole = sum(a.meetings or 0 for a in activities if a.whole_meetings)
            minutes = sum(a.minutes or 0 for a in activities if not a.whole_meetings)
            if whole or minutes:
                needs.append((body.id, whole + math.ceil(minutes / longest)))
    total = sum(n for _, n in needs)
    if total <= budget:
        return
    why: set[Key] = {BUDGET}
    every = max(p.minutes for p in session.session.periods)
    if cal.evenings_closed and every > longest:
        why.add(EVENINGS)
    parts = {
        lang: ", ".join(f"{session.body(b).name.get(lang)} {n}" for b, n in needs)
        for lang in ("en", "fr")
    }
    yield PrecheckFinding(
        "budget", "interpretation-budget",
        f"the interpreted bodies need at least {total} meetings ({parts['en']}; periods of at "
        f"most {longest} minutes); the budget is {budget}",
        f"les organes avec interprétation ont besoin d'au moins {total} séances ({parts['fr']} ; "
        f"périodes d'au plus {longest} minutes) ; le budget est de {budget}",
        tuple(sorted(why)),
    )  # fmt: skip


def _simultaneous(
    session: Session, cal: _Calendar, windows: dict[str, _Window], on: Active
) -> Iterator[PrecheckFinding]:
    """Periods in which more bodies are forced to meet than teams (or than the cap)."""
    forced = _forced_meetings(session, cal, windows)
    interp = session.interpretation
    interpreted = {b.id for b in session.bodies if b.interpreted}
    limits: list[tuple[Key, int, bool]] = [(TEAMS, interp.teams, True)]
    if interp.parallel_cap is not None:
        limits.append((CAP, interp.parallel_cap, False))
    for key, limit, only_interpreted in limits:
        if not on(key):
            continue
        for slot in session.slots:
            here = forced.get(slot.index, {})
            bodies = {
                b.id: here[b.id]
                for b in session.bodies
                if b.id in here and (b.id in interpreted or not only_interpreted)
            }
            if len(bodies) <= limit:
                continue
            why = {key}.union(*bodies.values())
            names = {lang: ", ".join(session.body(b).name.get(lang) for b in bodies)
                     for lang in ("en", "fr")}  # fmt: skip
            at_en = f"{_day(slot.date, 'en')} {slot.start:%H:%M}-{slot.end:%H:%M}"
            at_fr = f"{_day(slot.date, 'fr')}, {_clock(slot.start, 'fr')}-{_clock(slot.end, 'fr')}"
            if only_interpreted:
                en = (f"{at_en}: {len(bodies)} interpreted meetings must be held ({names['en']}); "
                      f"there are {limit} interpretation teams")  # fmt: skip
                fr = (f"{at_fr} : {len(bodies)} séances avec interprétation doivent se tenir "
                      f"({names['fr']}) ; il y a {limit} équipes d'interprètes")  # fmt: skip
                rule, check = "interpretation-teams", "teams"
            else:
                en = (f"{at_en}: {len(bodies)} meetings must be held ({names['en']}); at most "
                      f"{limit} may run at once")  # fmt: skip
                fr = (f"{at_fr} : {len(bodies)} séances doivent se tenir ({names['fr']}) ; au "
                      f"plus {limit} en même temps")  # fmt: skip
                rule, check = "parallel-cap", "parallel-cap"
            yield PrecheckFinding(check, rule, en, fr, tuple(sorted(why)))


def _forced_meetings(
    session: Session, cal: _Calendar, windows: dict[str, _Window]
) -> dict[int, dict[str, frozenset[Key]]]:
    """Slot index -> body -> the instances that force the body to meet in that slot."""
    forced: dict[int, dict[str, frozenset[Key]]] = {}

    def force(slot: Slot, body: str, why: frozenset[Key]) -> None:
        known = forced.setdefault(slot.index, {}).get(body)
        if known is None or len(why) < len(known):
            forced[slot.index][body] = why

    for a in session.activities:
        w = windows[a.id]
        if _empty(w) or w.lo.at is None:
            continue
        if w.ls.at is not None and w.ls.at == w.lo.at:  # a start fixed by its rules
            slot = next((s for s in cal.open_slots([a]) if s.start <= w.lo.at < s.end), None)
            if slot is not None:
                force(slot, a.body, w.lo.why | w.ls.why)
        if w.hi.at is None:
            continue
        supply = _Supply.of(cal, [a], w.lo.at, w.hi.at)
        needed = a.meetings if a.whole_meetings else (1 if len(supply.slots) == 1 else None)
        if needed is not None and needed == len(supply.full if a.whole_meetings else supply.slots):
            why = w.lo.why | w.hi.why | cal.closures(w.lo.at, w.hi.at)
            for slot in supply.full if a.whole_meetings else supply.slots:
                force(slot, a.body, why)
    for body in session.bodies:  # a body that needs every period it has
        activities = session.body_activities(body.id)
        if not activities or not cal.bounded:
            continue
        supply = _Supply.of(cal, activities, cal.first_start, cal.last_end)
        length = supply.uniform()
        if length is None or any(cal.fixed_day(a) for a in activities):
            continue
        whole = sum(a.meetings or 0 for a in activities if a.whole_meetings)
        minutes = sum(a.minutes or 0 for a in activities if not a.whole_meetings)
        if whole + math.ceil(minutes / length) == len(supply.slots):
            why = frozenset({DAYS}) | cal.closures(cal.first_start, cal.last_end)
            for slot in supply.slots:
                force(slot, body.id, why)
    return forced


# --- wording ------------------------------------------------------------------------------


def _n(count: int, one: str, many: str) -> str:
    """`1 meeting`, `2 meetings`."""
    return f"{count} {one if count == 1 else many}"


def _minutes(start: dt.datetime, end: dt.datetime) -> int:
    return max(0, int((end - start).total_seconds() // 60))


def _day(date: dt.date, lang: str) -> str:
    """`Thursday 18 October` / `jeudi 18 octobre`."""
    return format_date(date, "EEEE d MMMM", locale="fr" if lang == "fr" else "en")


def _clock(moment: dt.datetime, lang: str) -> str:
    if lang != "fr":
        return f"{moment:%H:%M}"
    return f"{moment.hour} heures" if moment.minute == 0 else f"{moment.hour} h {moment:%M}"


def _when(moment: dt.datetime, lang: str) -> str:
    """`Thursday 18 October 12:00` / `jeudi 18 octobre à 12 heures`."""
    if lang == "fr":
        return f"{_day(moment.date(), 'fr')} à {_clock(moment, 'fr')}"
    return f"{_day(moment.date(), 'en')} {_clock(moment, 'en')}"


def _who(session: Session, ref: str, lang: str) -> str:
    """An item or a body's meetings, as a planner names them."""
    activity = session.activity(ref)
    if activity.kind == "item":
        return f"le point {ref}" if lang == "fr" else f"item {ref}"
    return activity.label(lang)


def _list(session: Session, ids: list[str], lang: str) -> str:
    return ", ".join(_who(session, i, lang) for i in ids)
