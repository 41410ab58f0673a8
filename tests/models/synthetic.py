"""Synthetic sessions: random small ones that stress every rule, and one larger, realistic one.

`random_session_data(seed)` draws a small session where exact times matter (starts inside a
period, free-order bodies, first/last across bodies, deadlines at noon); many are infeasible,
which is the point: encodings must agree on feasibility and on the optimum.

`large_session_data(weeks)` is a session of one or more weeks with a long plenary agenda, two
committees, three working groups and informal consultations, in the spirit of COP9 but larger.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

PERIODS = [
    {"id": "AM", "start": "10:00", "end": "13:00"},
    {"id": "PM", "start": "15:00", "end": "18:00"},
    {"id": "EV", "start": "18:00", "end": "20:00", "evening": True},
]


def _dates(first: dt.date, n: int) -> list[dt.date]:
    days: list[dt.date] = []
    day = first
    while len(days) < n:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _at(date: dt.date, clock: str) -> str:
    return f"{date.isoformat()}T{clock}"


def random_session_data(seed: int) -> dict[str, Any]:
    """A small random session (2-3 days, 1-3 bodies, up to 7 activities)."""
    rng = random.Random(seed)
    days = _dates(dt.date(2031, 3, 3), rng.randint(2, 3))
    pre = [days[0] - dt.timedelta(days=3)] if rng.random() < 0.3 else []
    evening = rng.random() < 0.2
    rooms = [
        {"id": "hall", "interpretation": True},
        {"id": "b", "interpretation": True},
        {"id": "c", "interpretation": False},
    ]
    n_bodies = rng.randint(1, 3)
    bodies: list[dict[str, Any]] = [
        {
            "id": "plenary",
            "name": "Plenary",
            "rooms": ["hall"],
            "interpreted": True,
            "order": "agenda" if rng.random() < 0.8 else "free",
        }
    ]
    for k in range(1, n_bodies):
        bodies.append(
            {
                "id": f"wg{k}",
                "name": f"Group {k}",
                "rooms": rng.sample(["b", "c", "hall"] if rng.random() < 0.2 else ["b", "c"], 1),
                "interpreted": rng.random() < 0.5,
                "order": rng.choice(["agenda", "free"]),
            }
        )
        if rng.random() < 0.3 and "b" not in bodies[-1]["rooms"]:
            bodies[-1]["rooms"].append("b")
        if bodies[-1]["interpreted"] and not any(r in ("b", "hall") for r in bodies[-1]["rooms"]):
            bodies[-1]["rooms"].append("b")
    all_days = pre + days

    def moment(late: bool = False) -> str:
        date = rng.choice(all_days if pre and rng.random() < 0.2 else days)
        clocks = ["12:00", "13:00", "16:30", "18:00"] if late else ["10:00", "11:00", "15:00"]
        if rng.random() < 0.1:
            clocks = ["13:00", "14:00", "16:30"]  # between periods, or late in one: edge cases
        return _at(date, rng.choice(clocks))

    items: list[dict[str, Any]] = []
    meetings: list[dict[str, Any]] = []
    n_items = rng.randint(2, 6)
    for k in range(n_items):
        body = rng.choice(bodies)["id"] if rng.random() < 0.3 else "plenary"
        item: dict[str, Any] = {"id": f"i{k}", "title": f"Item {k}", "body": body}
        if rng.random() < 0.08:
            item["meetings"] = rng.randint(1, 2)
        else:
            item["minutes"] = rng.choice([20, 45, 60, 90, 150, 180, 200, 240])
            if rng.random() < 0.15:
                item["share"] = False
            if rng.random() < 0.1:
                item["run_on"] = False
                item["minutes"] = min(item["minutes"], 150)
        _constraints(rng, item, moment, days, pre)
        items.append(item)
    for k in range(1, n_bodies):
        if rng.random() < 0.7:
            entry: dict[str, Any] = {
                "id": f"m{k}",
                "title": f"Meeting {k}",
                "body": f"wg{k}",
                "meetings": rng.randint(1, 2),
            }
            _constraints(rng, entry, moment, days, pre)
            meetings.append(entry)
    ids = [i["id"] for i in items] + [m["id"] for m in meetings]
    for entry in items + meetings:
        if rng.random() < 0.2:
            others = [x for x in ids if x != entry["id"]] + [b["id"] for b in bodies]
            entry["not_in_parallel_with"] = [rng.choice(others)]
    if rng.random() < 0.5:
        items[0]["first"] = True
    if rng.random() < 0.5 and len(items) > 1:
        items[-1]["last"] = True
    for entry in items + meetings:  # keep the file valid: first and last exclude each other
        if entry.get("first") and entry.get("last"):
            del entry["last"]
    return {
        "session": {
            "body": "Random",
            "number": 1,
            "venue": "Nowhere",
            "days": [d.isoformat() for d in days],
            "pre_session_days": [d.isoformat() for d in pre],
            "periods": PERIODS if evening else PERIODS[:2],
            "evening_meetings": evening,
        },
        "interpretation": {
            "budget": rng.randint(4, 12),
            "teams": rng.randint(1, 2),
            **({"parallel_cap": rng.randint(1, 3)} if rng.random() < 0.5 else {}),
        },
        "rooms": rooms,
        "bodies": bodies,
        "items": items,
        "meetings": meetings,
        "preferences": {
            "carry_over": rng.choice([0, 10]),
            "carry_over_to_next_day": rng.choice([0, 20]),
            "interpreted_meeting": rng.choice([0, 1]),
            "preferred_period": rng.choice([0, 5]),
        },
    }


def _constraints(
    rng: random.Random,
    entry: dict[str, Any],
    moment: Callable[..., str],
    days: list[dt.date],
    pre: list[dt.date],
) -> None:
    """Sprinkle the time rules on an item or meeting entry."""
    roll = rng.random()
    if roll < 0.1:
        entry["fixed_start"] = moment()
    elif roll < 0.18:
        entry["date"] = rng.choice(pre + days).isoformat()
    if rng.random() < 0.15:
        entry["earliest_start"] = moment()
    if rng.random() < 0.15:
        entry["latest_end"] = moment(late=True)
    start, end = entry.get("earliest_start"), entry.get("latest_end")
    if start and end and end <= start:
        del entry["latest_end"]
    if rng.random() < 0.15:
        entry["preferred"] = [{"period": rng.choice(["AM", "PM"])}]


def large_session_data(weeks: int = 2) -> dict[str, Any]:
    """Per week: 25 plenary items, two committees (12 items), three working groups, informals."""
    rng = random.Random(2024)
    days = _dates(dt.date(2032, 5, 3), 5 * weeks)

    def day(fraction: float) -> dt.date:
        return days[int(len(days) * fraction)]

    pre = [days[0] - dt.timedelta(days=3)]
    rooms = [
        {"id": "plenary-hall", "interpretation": True},
        {"id": "room-a", "interpretation": True},
        {"id": "room-b", "interpretation": True},
        {"id": "room-c", "interpretation": False},
        {"id": "room-d", "interpretation": False},
    ]
    bodies: list[dict[str, Any]] = [
        {"id": "plenary", "name": "Plenary", "rooms": ["plenary-hall"], "interpreted": True},
        {"id": "cow", "name": "Committee of the Whole", "rooms": ["room-a", "room-b"],
         "interpreted": True},
        {"id": "c2", "name": "Second Committee", "rooms": ["room-a", "room-b"],
         "interpreted": True, "latest_end": _at(day(0.7), "18:00")},
        {"id": "wg-a", "name": "Working group A", "rooms": ["room-b", "room-c"],
         "interpreted": False, "order": "free"},
        {"id": "wg-b", "name": "Working group B", "rooms": ["room-c", "room-d"],
         "interpreted": False, "latest_end": _at(day(0.8), "12:00")},
        {"id": "wg-c", "name": "Working group C", "rooms": ["room-d"], "interpreted": False},
        {"id": "informals", "name": "Informal consultations", "rooms": ["room-c", "room-d"],
         "interpreted": False},
    ]  # fmt: skip
    items: list[dict[str, Any]] = [
        {"id": "1", "title": "Opening", "minutes": 60, "fixed_start": _at(days[0], "10:00"),
         "first": True},
    ]  # fmt: skip
    n = 25 * weeks
    for k in range(2, n):
        item: dict[str, Any] = {
            "id": str(k),
            "title": f"Item {k}",
            "minutes": rng.choice([20, 30, 45, 60, 90]),
        }
        if k % 17 == 0:
            item["run_on"] = False
            item["minutes"] = 90
        if k % 13 == 0:
            item["preferred"] = [{"period": "AM"}]
        if k == n // 2:
            item["fixed_start"] = _at(day(0.4), "10:00")
        items.append(item)
    items.append({"id": str(n), "title": "Adoption of the report", "minutes": 120, "last": True})
    for body, count in (("cow", 7 * weeks), ("c2", 5 * weeks), ("wg-b", 3 * weeks)):
        for k in range(count):
            items.append(
                {
                    "id": f"{body}-{k}",
                    "body": body,
                    "title": f"{body} item {k}",
                    "minutes": rng.choice([45, 60, 90, 120, 180, 240]),
                }
            )
    items[-3]["not_in_parallel_with"] = ["20"]
    meetings = [
        {"id": "wg-a-1", "body": "wg-a", "title": "Working group A", "meetings": 2 * weeks,
         "not_in_parallel_with": ["cow"]},
        {"id": "wg-c-1", "body": "wg-c", "title": "Working group C", "meetings": 3,
         "earliest_start": _at(day(0.4), "10:00")},
        {"id": "informals-1", "body": "informals", "title": "Informal consultations",
         "meetings": 2, "date": pre[0].isoformat()},
    ]  # fmt: skip
    return {
        "session": {
            "body": "Large synthetic conference",
            "number": 1,
            "venue": "Geneva",
            "days": [d.isoformat() for d in days],
            "pre_session_days": [d.isoformat() for d in pre],
            "periods": PERIODS[:2],
        },
        "interpretation": {"budget": 30 * weeks, "teams": 3, "parallel_cap": 4},
        "rooms": rooms,
        "bodies": bodies,
        "items": items,
        "meetings": meetings,
    }
