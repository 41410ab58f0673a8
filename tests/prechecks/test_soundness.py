"""The counts are sound: on random small sessions with every rule they count, each finding is
confirmed by the solver, with the whole session and with only the instances it names.

A finding with only its instances in force is what the explainer takes as proof of a
conflict, so a finding naming too few instances would mislead it: every other instance is
dropped from the data (as a planner would edit the file; the days too, with a week more, when
the finding does not name them) and the ordinary solver must still find no timetable.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection
from typing import Any

from scheduler.errors import InputError
from scheduler.prechecks import DAYS, EVENINGS, PrecheckFinding, holiday_key, precheck
from scheduler.prechecks.calendar import Calendar
from scheduler.prechecks.interpretation import interpreted_needs
from scheduler.prechecks.parts import host_needs
from scheduler.result import SolveStatus
from scheduler.rules import rule_instances
from scheduler.session import Session
from tests.conftest import make_session, tiny_data
from tests.explain.dropping import decide, drop_rules, next_weekdays
from tests.models.synthetic import random_session_data

#: The checks of `scheduler.prechecks.totals`.
COUNTS = {"teams-total", "cap-total", "max-days", "per-day", "apart", "alongside"}


def _stressed(seed: int) -> dict[str, Any]:
    """A random session with the rules the counts are about: the bodies' maxima, a relation."""
    data = random_session_data(seed)
    rng = random.Random(1000 + seed)
    for body in data["bodies"]:
        if rng.random() < 0.3:
            body["max_days"] = rng.randint(1, 2)
        if rng.random() < 0.3:
            body["max_meetings_per_day"] = 1
    entries = [*data["items"], *data["meetings"]]
    whole = [m["id"] for m in data["meetings"]]
    for entry in entries:
        if whole and rng.random() < 0.25:
            other = rng.choice(whole)
            if other != entry["id"] and other not in entry.get("not_in_parallel_with", []):
                entry["in_parallel_with"] = [other]
    if rng.random() < 0.5:
        data["interpretation"]["teams"] = 1
    return data


def _without_the_others(data: dict[str, Any], session: Session, f: PrecheckFinding) -> Any:
    named = set(f.instances)
    info = session.session
    calendar = [DAYS, *([] if info.evening_meetings else [EVENINGS])]
    calendar += [holiday_key(d) for d in info.holidays]
    keys = [k for k in [*calendar, *(i.key for i in rule_instances(session))] if k not in named]
    week = next_weekdays(max(info.days), 5)
    return make_session(drop_rules(data, keys, week))


def _confirmed(
    make: Callable[[int], dict[str, Any]], checks: Collection[str] | None = None
) -> dict[str, int]:
    """On 120 random sessions from `make`, every finding (of `checks`, or of any check) is
    confirmed by the solver with the whole session and with only its instances; how many
    findings each check gave."""
    fired: dict[str, int] = {}
    for seed in range(120):
        data = make(seed)
        try:
            session = make_session(data)
        except InputError:
            continue
        found = [f for f in precheck(session) if checks is None or f.check in checks]
        if not found:
            continue
        assert decide(session).status is SolveStatus.INFEASIBLE, (seed, found[0].text())
        for f in found:
            fired[f.check] = fired.get(f.check, 0) + 1
            alone = _without_the_others(data, session, f)
            assert decide(alone).status is SolveStatus.INFEASIBLE, (seed, f.text(), f.instances)
    return fired


def test_every_count_is_confirmed_with_only_its_instances() -> None:
    fired = _confirmed(_stressed, COUNTS)
    assert set(fired) == COUNTS, fired  # each count is put to the test
    assert sum(fired.values()) > 30, fired


#: The checks of `scheduler.prechecks.starts` and `scheduler.prechecks.rooms`.
CROWDED = {"starts", "rooms-total"}


def _crowded(seed: int) -> dict[str, Any]:
    """A random session whose bodies share rooms and whose activities are pinned to moments:
    a body's activities fixed at one moment, or one marked first against a fixed start."""
    data = random_session_data(seed)
    rng = random.Random(2000 + seed)
    if rng.random() < 0.6:
        for body in data["bodies"]:
            body["rooms"] = ["hall"]
    first_day = data["session"]["days"][0]
    by_body: dict[str, list[dict[str, Any]]] = {}
    for entry in [*data["items"], *data["meetings"]]:
        by_body.setdefault(entry.get("body", "plenary"), []).append(entry)
    for entries in by_body.values():
        if len(entries) < 2 or rng.random() < 0.4:
            continue
        a, b = rng.sample(entries, 2)
        at = f"{first_day}T{rng.choice(['10:00', '10:00', '11:00', '15:00'])}"
        for entry in (a, b):
            entry.pop("date", None)
            entry.pop("earliest_start", None)
            entry.pop("latest_end", None)
        a["fixed_start"] = at
        if rng.random() < 0.5 and "items" in data and a in data["items"] and b in data["items"]:
            for entry in data["items"]:
                entry.pop("first", None)
            b.pop("last", None)
            b["first"] = True  # first against a fixed start: pinned when at the first moment
        else:
            b["fixed_start"] = at
    return data


def test_every_finding_on_crowded_sessions_is_confirmed_with_only_its_instances() -> None:
    """Every check's findings, not only the starts' and the rooms': pinned starts also end
    windows (`windows.fixed_end`), which the capacity and order checks then use."""
    fired = _confirmed(_crowded)
    assert set(fired) >= CROWDED, fired  # each new check is put to the test
    assert min(fired[c] for c in CROWDED) >= 10, fired


def _budget_one_below_the_parts(data: dict[str, Any], session: Session) -> dict[str, Any]:
    """`data` with its budget one below the part-by-part count, where that count says more
    than the plain one (so that only the part-by-part count can fire)."""
    cal = Calendar(session, lambda key: True)
    plain = sum(n for _, n in interpreted_needs(session, cal))
    parts = sum(n.total for n in host_needs(session, cal))
    if parts > plain:
        data["interpretation"]["budget"] = parts - 1
    return data


def _budgeted(seed: int) -> dict[str, Any]:
    """A random session whose plenary's agenda is cut (an item fixed at a period's start on
    the second day, another a whole meeting), with the budget one meeting short of the parts'
    count where that count is above the plain one: the budget counted part by part decides."""
    data = random_session_data(seed)
    rng = random.Random(3000 + seed)
    plenary = [i for i in data["items"] if i.get("body", "plenary") == "plenary"]
    minute = [i for i in plenary if "minutes" in i]
    if len(minute) >= 3:
        middle = minute[len(minute) // 2]
        for field in ("date", "dates", "earliest_start", "latest_end", "first", "last"):
            middle.pop(field, None)
        day = data["session"]["days"][rng.randint(1, len(data["session"]["days"]) - 1)]
        middle["fixed_start"] = f"{day}T{rng.choice(['10:00', '15:00'])}"
    if len(minute) >= 2 and rng.random() < 0.5:
        whole = minute[0] if len(minute) == 2 else minute[1]
        whole.pop("minutes", None)
        whole.pop("share", None)
        whole.pop("run_on", None)
        whole["meetings"] = 1
    try:
        session = make_session(data)
    except InputError:
        return data
    return _budget_one_below_the_parts(data, session)


def test_the_budget_counted_part_by_part_is_confirmed_with_only_its_instances() -> None:
    fired = _confirmed(_budgeted, {"budget-parts"})
    # 20 or more before windows followed durations along the agenda: since then a fixed start
    # in the middle of the agenda often leaves an earlier item no time at all, a finding
    # with fewer instances than the budget's (18 of the 120 sessions left to the budget)
    assert fired.get("budget-parts", 0) >= 15, fired


def _chained(seed: int) -> dict[str, Any]:
    """A random session whose activities follow one another across bodies ("starts once x
    has ended" or "once x has begun", on an activity before it in the file), some with a
    deadline that the chain must respect."""
    data = random_session_data(seed)
    rng = random.Random(4000 + seed)
    entries = [*data["items"], *data["meetings"]]
    days = data["session"]["days"]
    for n, entry in enumerate(entries[1:], start=1):
        if rng.random() < 0.5:
            entry["after_end_of"] = [entries[rng.randrange(n)]["id"]]
        elif rng.random() < 0.3:
            entry["after_start_of"] = [entries[rng.randrange(n)]["id"]]
        if rng.random() < 0.3:
            for field in ("fixed_start", "latest_end", "date", "dates", "first", "last"):
                entry.pop(field, None)
            day = rng.choice(days)
            entry["latest_end"] = f"{day}T{rng.choice(['13:00', '16:00', '18:00'])}"
    return data


def _through_a_chain(f: PrecheckFinding) -> bool:
    return any(k[0] == "sequence" for k in f.instances)


def test_windows_carried_along_chains_are_confirmed_with_only_their_instances() -> None:
    """Every finding, on sessions whose windows travel along `after_end_of`; many of them
    through such a chain."""
    fired = _confirmed(_chained)
    chained = 0
    for seed in range(120):
        try:
            session = make_session(_chained(seed))
        except InputError:
            continue
        chained += sum(1 for f in precheck(session) if _through_a_chain(f))
    assert chained >= 15, (chained, fired)


def _cut_by_a_deadline(seed: int) -> dict[str, Any]:
    """A random session whose plenary takes its agenda in order, one of its items due early in
    a period of a later day: what comes before that item can take only the start of that
    period, so the agenda's minutes before and after it need meetings of their own (the
    budget counted part by part, with a cut: `parts.Cut`); the budget one meeting short of
    that count where it is above the plain one."""
    data = random_session_data(seed)
    rng = random.Random(5000 + seed)
    plenary = [i for i in data["items"] if i.get("body", "plenary") == "plenary" and "minutes" in i]
    data["bodies"][0]["order"] = "agenda"
    if len(plenary) >= 2:
        cut = plenary[rng.randrange(1, len(plenary))]
        for item in plenary:
            for field in ("fixed_start", "date", "dates", "earliest_start", "latest_end"):
                item.pop(field, None)
            item.pop("first", None)
            item.pop("last", None)
        day = data["session"]["days"][rng.randrange(1, len(data["session"]["days"]))]
        cut["latest_end"] = f"{day}T{rng.choice(['11:00', '11:30', '16:00', '16:30'])}"
        cut["earliest_start"] = f"{day}T10:00"
    try:
        session = make_session(data)
    except InputError:
        return data
    return _budget_one_below_the_parts(data, session)


def test_the_budget_counted_with_an_agenda_cut_is_confirmed_with_only_its_instances() -> None:
    fired = _confirmed(_cut_by_a_deadline, {"budget-parts"})
    cut = 0
    for seed in range(120):
        try:
            session = make_session(_cut_by_a_deadline(seed))
        except InputError:
            continue
        cut += sum(" if they share one with " in f.text() or "no meeting can hold both" in f.text()
                   for f in precheck(session) if f.check == "budget-parts")  # fmt: skip
    assert cut >= 5, (cut, fired)  # 7 of the 120 sessions


def _after_the_group(seed: int) -> dict[str, Any]:
    """The tiny session with random durations, its working group starting once a plenary item
    has ended and another plenary item marked last (so ending after the group): the last
    item's meeting comes after the group's, which comes after the other item's (the budget
    counted with an agenda cut that cannot share its meeting, `chains.ends_later`); the budget
    one meeting short of that count where it is above the plain one."""
    data = tiny_data()
    rng = random.Random(7000 + seed)
    data["session"]["days"] = ["2030-03-04", "2030-03-05", "2030-03-06"][: rng.randint(2, 3)]
    items = data["items"]
    for item in items:
        item["minutes"] = rng.choice([20, 30, 60, 90, 120, 150, 210])
        item.pop("last", None)
    if rng.random() < 0.5:
        items[0].pop("fixed_start")
        items[0].pop("first")
    group = data["meetings"][0]
    group["meetings"] = rng.randint(1, 2)
    group["after_end_of"] = [rng.choice(items[:-1])["id"]]
    if rng.random() < 0.5:
        group["not_in_parallel_with"] = []
    items[rng.randrange(1, len(items))]["last"] = True
    if rng.random() < 0.3:
        data["meetings"].append({"id": "wg-2", "body": "wg", "title": "Second", "meetings": 1})
    session = make_session(data)
    return _budget_one_below_the_parts(data, session)


def test_a_cut_kept_apart_by_another_body_s_chain_is_confirmed_with_only_its_instances() -> None:
    _confirmed(_after_the_group)
    later = 0
    for seed in range(120):
        session = make_session(_after_the_group(seed))
        later += sum("ends after that meeting" in f.text() for f in precheck(session))
    assert later >= 5, later  # 8 of the 120 sessions


def _due_by_deadlines(seed: int) -> dict[str, Any]:
    """A random session with one or two teams, every body interpreted and one more body,
    whose activities are often due by the end of a period (or noon) of a day before the
    last: several hosts due by one deadline, against the teams times the periods before it
    (`by_deadline`)."""
    data = random_session_data(seed)
    rng = random.Random(6000 + seed)
    data["interpretation"]["teams"] = rng.choice([1, 1, 2])
    data["interpretation"]["budget"] = 40
    data["bodies"].append({"id": "cg", "name": "Contact group", "rooms": ["b"]})
    data.setdefault("meetings", []).append(
        {"id": "cg-1", "body": "cg", "title": "Contact group", "meetings": rng.randint(1, 3)}
    )
    for body in data["bodies"]:
        body["interpreted"] = True
        if "b" not in body["rooms"] and "hall" not in body["rooms"]:
            body["rooms"].append("b")
    days = data["session"]["days"]
    due = rng.choice(days[:-1])
    for entry in [*data["items"], *data["meetings"]]:
        if rng.random() < 0.6:
            for field in ("fixed_start", "earliest_start", "latest_end", "date", "dates", "last"):
                entry.pop(field, None)
            day = due if rng.random() < 0.8 else rng.choice(days[:-1])
            entry["latest_end"] = f"{day}T{rng.choice(['12:00', '13:00', '18:00', '18:00'])}"
    return data


def test_teams_against_deadlines_are_confirmed_with_only_their_instances() -> None:
    fired = _confirmed(_due_by_deadlines, {"teams-deadline"})
    assert fired.get("teams-deadline", 0) >= 10, fired


def _beside(seed: int) -> dict[str, Any]:
    """A random session where one activity meets only while another body meets (both
    interpreted, or not), under one or two teams and, at times, a cap of one or two."""
    data = random_session_data(seed)
    rng = random.Random(7000 + seed)
    data["interpretation"]["teams"] = rng.choice([1, 1, 2])
    data["interpretation"]["budget"] = 40
    if rng.random() < 0.4:
        data["interpretation"]["parallel_cap"] = rng.choice([1, 2])
    bodies = [b["id"] for b in data["bodies"]]
    if len(bodies) < 2:
        return data
    for body in data["bodies"]:
        body["interpreted"] = rng.random() < 0.8
    mine, theirs = rng.sample(bodies, 2)
    entries = [e for e in [*data["items"], *data.get("meetings", [])]
               if e.get("body", "plenary") == mine]  # fmt: skip
    if entries:
        rng.choice(entries)["in_parallel_with"] = [theirs]
    return data


def test_meetings_held_beside_another_s_are_confirmed_with_only_their_instances() -> None:
    fired = _confirmed(_beside, {"beside-teams", "beside-cap"})
    assert fired.get("beside-teams", 0) >= 10 and fired.get("beside-cap", 0) >= 3, fired
