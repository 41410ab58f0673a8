"""The neutral benchmark family: agenda chains packed into meetings, written from its description.

An instance has `periods` periods of 3 hours (12 units of 15 minutes), two a day, `rooms`
rooms (the first half with interpretation booths) and bodies that each take two or three
agenda chains in their meetings:

- a body holds at most one meeting per period, in one of its rooms; an interpreted body only
  in booth rooms;
- a short item lasts 1-12 units and lies in one meeting; short items of any of the body's
  chains share its meetings (at most 12 units per meeting), in chain order;
- a long item lasts 2-3 whole periods, held in consecutive periods in one room, alone;
- each item starts once its chain predecessor has ended (in the same meeting, for two short
  items);
- fixed items start a given period's meeting; windows give an earliest and a latest period;
  some rooms are closed in some periods; pairs of items at density 0.02 never meet in one
  period;
- interpreted meetings: at most the reference count + 5 % (the budget), at most `teams` at once;
- objective: meetings x (periods + 1) + the 0-based position of the last period with a meeting.

`generate` is seeded and deterministic; its reference timetable (laid first fit while
generating) keeps every rule, so every instance is feasible. `session_yaml` writes the same
instance as a session file of this project (what it cannot say exactly would be in
`APPROXIMATIONS`: nothing now); `check` and `objective` judge a timetable by the family's own rules.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

import yaml

UNITS = 12  # units of 15 minutes in a 3-hour period
UNIT_MINUTES = 15
PERIODS = (("AM", "10:00", "13:00"), ("PM", "15:00", "18:00"))
FIRST_DAY = dt.date(2031, 3, 3)  # a Monday
PAIR_DENSITY = 0.02
BUDGET_SLACK = 0.05

#: What the session file says differently from the family, and why the answers still compare.
#: Empty: room closures are `rooms[].closed`, a long item is `meetings: n, same_room: true`
#: (consecutive periods of one room, alone), the chains are `after_end_of` in a body of
#: `order: free` (items of several chains share a meeting in any order), a fixed item is
#: `fixed_start` at its period's start (the family's fixed item opens its meeting: other chains'
#: items may follow it there, as in the family), so the objectives are the same.
APPROXIMATIONS: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    id: str
    body: str
    chain: int
    after: str | None  # chain predecessor
    units: int = 0  # short item: units of 15 minutes
    periods: int = 0  # long item: whole periods
    fixed: int | None = None  # starts this period's meeting
    earliest: int | None = None  # first period it may use
    latest: int | None = None  # last period it may use

    @property
    def long(self) -> bool:
        return self.periods > 0

    @property
    def span(self) -> int:
        return self.periods or 1


@dataclass(frozen=True)
class Body:
    id: str
    interpreted: bool
    rooms: tuple[str, ...]


@dataclass
class Solution:
    """Start period of every item and the room of every meeting (body, period)."""

    start: dict[str, int] = field(default_factory=dict)
    room: dict[tuple[str, int], str] = field(default_factory=dict)
    held: dict[str, list[int]] = field(default_factory=dict)  # periods it is held in, if known


@dataclass(frozen=True)
class Instance:
    name: str
    periods: int
    rooms: tuple[tuple[str, bool], ...]  # id, booths
    bodies: tuple[Body, ...]
    items: tuple[Item, ...]
    closed: frozenset[tuple[str, int]]  # (room, period)
    pairs: tuple[tuple[str, str], ...]  # never in one period
    budget: int
    teams: int
    reference: Solution

    def item(self, item_id: str) -> Item:
        return self._by_id[item_id]

    @property
    def _by_id(self) -> dict[str, Item]:
        return {i.id: i for i in self.items}

    def body(self, body_id: str) -> Body:
        return next(b for b in self.bodies if b.id == body_id)


def generate(items: int, periods: int, rooms: int, seed: int = 0) -> Instance:
    """A feasible instance of the family, the same for the same arguments."""
    rng = random.Random(f"neutral/{items}/{periods}/{rooms}/{seed}")
    for _ in range(50):
        instance = _attempt(rng, items, periods, rooms, seed)
        if instance is not None:
            return instance
    raise ValueError(f"no reference timetable for {items} items in {periods} periods")


def _attempt(rng: random.Random, n: int, periods: int, n_rooms: int, seed: int) -> Instance | None:
    booths = max(1, math.ceil(n_rooms / 2))
    rooms = tuple((f"r{k + 1}", k < booths) for k in range(n_rooms))
    n_bodies = max(2, round(n / 16))
    bodies = []
    for k in range(n_bodies):
        interpreted = k % 2 == 0
        pool = [r for r, booth in rooms if booth or not interpreted]
        size = min(len(pool), rng.randint(2, 3))
        bodies.append(Body(f"b{k + 1}", interpreted, tuple(sorted(rng.sample(pool, size)))))
    teams = max(1, math.ceil(sum(b.interpreted for b in bodies) / 2))
    # chains: each body 2-3, the items dealt in turn
    chains: list[list[dict[str, object]]] = []
    chain_body: list[str] = []
    for b in bodies:
        for _ in range(rng.randint(2, 3)):
            chains.append([])
            chain_body.append(b.id)
    for k in range(n):
        chain = k % len(chains) if k < len(chains) else rng.randrange(len(chains))
        long = rng.random() < 0.08
        chains[chain].append(
            {"periods": rng.randint(2, 3)} if long else {"units": rng.randint(1, UNITS)}
        )
    closed = {(r, p) for r, _ in rooms for p in range(periods // 2) if rng.random() < 0.05}
    laid = _lay(rng, bodies, chains, chain_body, rooms, closed, periods, teams)
    if laid is None:
        return None
    start, room, first_in_meeting = laid
    # ids in chain order, body by body
    ids: dict[tuple[int, int], str] = {}
    count = 0
    for c, specs in enumerate(chains):
        for k in range(len(specs)):
            count += 1
            ids[(c, k)] = f"i{count:03d}"
    reference = Solution(
        start={ids[key]: p for key, p in start.items()},
        room=dict(room),
    )
    built: list[Item] = []
    for c, specs in enumerate(chains):
        for k, spec in enumerate(specs):
            p = start[(c, k)]
            span = int(spec.get("periods", 0)) or 1  # type: ignore[call-overload]
            after = ids[(c, k - 1)] if k else None
            fixed = None
            if "units" in spec and (c, k) in first_in_meeting and rng.random() < 0.1:
                fixed = p  # it opens its meeting: its predecessor ended earlier
            earliest = latest = None
            if fixed is None and rng.random() < 0.15:
                earliest = max(0, p - rng.randint(0, 6))
            if fixed is None and rng.random() < 0.15:
                latest = min(periods - 1, p + span - 1 + rng.randint(0, 6))
            built.append(
                Item(
                    id=ids[(c, k)],
                    body=chain_body[c],
                    chain=c,
                    after=after,
                    units=int(spec.get("units", 0)),  # type: ignore[call-overload]
                    periods=int(spec.get("periods", 0)),  # type: ignore[call-overload]
                    fixed=fixed,
                    earliest=earliest,
                    latest=latest,
                )
            )
    pairs = _pairs(rng, built, reference)
    booth_bodies = {b.id for b in bodies if b.interpreted}
    reference_count = sum(1 for b, _ in reference.room if b in booth_bodies)
    budget = math.ceil(reference_count * (1 + BUDGET_SLACK))
    return Instance(
        name=f"neutral-{n}x{periods}x{n_rooms}" + (f"-s{seed}" if seed else ""),
        periods=periods,
        rooms=rooms,
        bodies=tuple(bodies),
        items=tuple(built),
        closed=frozenset(closed),
        pairs=pairs,
        budget=budget,
        teams=teams,
        reference=reference,
    )


def _lay(
    rng: random.Random,
    bodies: list[Body],
    chains: list[list[dict[str, object]]],
    chain_body: list[str],
    rooms: tuple[tuple[str, bool], ...],
    closed: set[tuple[str, int]],
    periods: int,
    teams: int,
) -> tuple[dict[tuple[int, int], int], dict[tuple[str, int], str], set[tuple[int, int]]] | None:
    """A reference timetable, first fit period by period; None when it does not fit."""
    start: dict[tuple[int, int], int] = {}
    room: dict[tuple[str, int], str] = {}
    first: set[tuple[int, int]] = set()
    taken: set[tuple[str, int]] = set(closed)
    interpreted = [0] * periods
    nxt = [0] * len(chains)
    busy = {b.id: 0 for b in bodies}  # first period free of a long item
    need = {b.id: 0.0 for b in bodies}
    for c, chain in enumerate(chains):
        for spec in chain:
            need[chain_body[c]] += int(spec.get("periods", 0)) or int(spec["units"]) / 9  # type: ignore[call-overload]
    for p in range(periods):
        order = list(bodies)
        rng.shuffle(order)
        for b in order:
            mine = [c for c, cb in enumerate(chain_body) if cb == b.id and nxt[c] < len(chains[c])]
            if not mine or busy[b.id] > p:
                continue
            if rng.random() > min(1.0, need[b.id] / (0.55 * periods) + 0.15):
                continue
            heads = [(c, chains[c][nxt[c]]) for c in mine]
            longs = [c for c, spec in heads if "periods" in spec]
            if longs and (rng.random() < 0.5 or all("periods" in s for _, s in heads)):
                c = rng.choice(longs)
                k = int(chains[c][nxt[c]]["periods"])  # type: ignore[call-overload]
                window = range(p, p + k)
                if p + k > periods or (
                    b.interpreted and any(interpreted[t] >= teams for t in window)
                ):
                    continue
                free = [r for r in b.rooms if all((r, t) not in taken for t in window)]
                if not free:
                    continue
                r = rng.choice(free)
                for t in window:
                    taken.add((r, t))
                    room[(b.id, t)] = r
                    interpreted[t] += b.interpreted
                start[(c, nxt[c])] = p
                nxt[c] += 1
                busy[b.id] = p + k
                continue
            if b.interpreted and interpreted[p] >= teams:
                continue
            free = [r for r in b.rooms if (r, p) not in taken]
            if not free:
                continue
            left, placed = UNITS, 0
            while True:
                fits = [
                    c
                    for c in mine
                    if nxt[c] < len(chains[c])
                    and "units" in chains[c][nxt[c]]
                    and int(chains[c][nxt[c]]["units"]) <= left  # type: ignore[call-overload]
                ]
                if not fits:
                    break
                c = rng.choice(fits)
                if not placed:
                    first.add((c, nxt[c]))
                left -= int(chains[c][nxt[c]]["units"])  # type: ignore[call-overload]
                start[(c, nxt[c])] = p
                nxt[c] += 1
                placed += 1
            if placed:
                r = rng.choice(free)
                taken.add((r, p))
                room[(b.id, p)] = r
                interpreted[p] += b.interpreted
    if any(nxt[c] < len(chains[c]) for c in range(len(chains))):
        return None
    return start, room, first


def _pairs(rng: random.Random, items: list[Item], ref: Solution) -> tuple[tuple[str, str], ...]:
    """Pairs at `PAIR_DENSITY` of all pairs, among those the reference holds apart."""
    wanted = round(PAIR_DENSITY * len(items) * (len(items) - 1) / 2)

    def periods(i: Item) -> set[int]:
        return set(range(ref.start[i.id], ref.start[i.id] + i.span))

    chosen: set[tuple[str, str]] = set()
    for _ in range(wanted * 50):
        if len(chosen) >= wanted:
            break
        a, b = sorted(rng.sample(items, 2), key=lambda i: i.id)
        if not periods(a) & periods(b):
            chosen.add((a.id, b.id))
    return tuple(sorted(chosen))


# --- judging a timetable by the family's rules ---------------------------------------------


def meetings(instance: Instance, solution: Solution) -> set[tuple[str, int]]:
    """(body, period) of every meeting: the periods its items occupy."""
    held = set()
    for i in instance.items:
        for t in range(solution.start[i.id], solution.start[i.id] + i.span):
            held.add((i.body, t))
    return held


def objective(instance: Instance, solution: Solution) -> int:
    """Meetings x (periods + 1) + the position of the last period with a meeting."""
    held = meetings(instance, solution)
    return len(held) * (instance.periods + 1) + max((p for _, p in held), default=0)


def check(instance: Instance, solution: Solution) -> list[str]:
    """Every broken rule of the family, as a sentence; [] for a valid timetable."""
    problems: list[str] = []
    held = meetings(instance, solution)
    load: dict[tuple[str, int], int] = {}
    longs: dict[tuple[str, int], list[str]] = {}
    for i in instance.items:
        s = solution.start.get(i.id)
        if s is None or not 0 <= s <= instance.periods - i.span:
            problems.append(f"{i.id}: no start within the session")
            continue
        for t in range(s, s + i.span):
            if i.long:
                longs.setdefault((i.body, t), []).append(i.id)
            else:
                load[(i.body, t)] = load.get((i.body, t), 0) + i.units
        if i.fixed is not None and s != i.fixed:
            problems.append(f"{i.id}: fixed in period {i.fixed}, starts in {s}")
        if i.earliest is not None and s < i.earliest:
            problems.append(f"{i.id}: starts before period {i.earliest}")
        if i.latest is not None and s + i.span - 1 > i.latest:
            problems.append(f"{i.id}: ends after period {i.latest}")
        if i.after is not None:
            a = instance.item(i.after)
            end = solution.start.get(a.id, 0) + a.span - 1
            # two short items may share a meeting, unless the later one is fixed to open it
            if s < end or (s == end and (a.long or i.long or i.fixed == s)):
                problems.append(f"{i.id}: starts before {a.id} ends")
        taken = solution.held.get(i.id)
        if taken is not None and taken != list(range(s, s + i.span)):
            problems.append(f"{i.id}: held in periods {taken}, not {i.span} consecutive ones")
        if i.long:
            rooms = {solution.room.get((i.body, t)) for t in range(s, s + i.span)}
            if len(rooms) > 1:
                problems.append(f"{i.id}: changes room ({', '.join(sorted(map(str, rooms)))})")
    for key, ids in longs.items():
        if len(ids) > 1 or load.get(key, 0):
            problems.append(f"{key[0]} period {key[1]}: a long item shares its meeting")
    for key, units in load.items():
        if units > UNITS:
            problems.append(f"{key[0]} period {key[1]}: {units} units in one meeting")
    used: dict[tuple[str, int], str] = {}
    for b, p in held:
        r = solution.room.get((b, p))
        body = instance.body(b)
        if r is None or r not in body.rooms:
            problems.append(f"{b} period {p}: room {r} is not one of its rooms")
            continue
        if (r, p) in instance.closed:
            problems.append(f"{b} period {p}: room {r} is closed")
        if (r, p) in used:
            problems.append(f"period {p}: {used[(r, p)]} and {b} both in {r}")
        used[(r, p)] = b
    interpreted = {b.id for b in instance.bodies if b.interpreted}
    count = [0] * instance.periods
    for b, p in held:
        count[p] += b in interpreted
    if sum(count) > instance.budget:
        problems.append(f"{sum(count)} interpreted meetings, budget {instance.budget}")
    problems += [
        f"period {p}: {n} interpreted meetings" for p, n in enumerate(count) if n > instance.teams
    ]
    for one, two in instance.pairs:
        pa = set(range(solution.start[one], solution.start[one] + instance.item(one).span))
        pb = set(range(solution.start[two], solution.start[two] + instance.item(two).span))
        if pa & pb:
            problems.append(f"{one} and {two} meet in one period")
    return problems


# --- the same instance as a session file ----------------------------------------------------


def days(instance: Instance) -> list[dt.date]:
    """The working days: weekdays from `FIRST_DAY`, two periods each."""
    out: list[dt.date] = []
    day = FIRST_DAY
    while len(out) * len(PERIODS) < instance.periods:
        if day.weekday() < 5:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def slot(instance: Instance, p: int) -> tuple[dt.date, str, dt.datetime, dt.datetime]:
    """Date, period id, start and end of period `p`."""
    day = days(instance)[p // len(PERIODS)]
    pid, begin, end = PERIODS[p % len(PERIODS)]
    at = dt.datetime.combine
    return day, pid, at(day, dt.time.fromisoformat(begin)), at(day, dt.time.fromisoformat(end))


def session_yaml(instance: Instance) -> str:
    """The instance as a session file of this project (see `APPROXIMATIONS`)."""
    if instance.periods % len(PERIODS):
        raise ValueError("the session file holds whole days: give an even number of periods")

    def moment(t: dt.datetime) -> str:
        return t.strftime("%Y-%m-%dT%H:%M")

    pairs: dict[str, list[str]] = {}
    for a, b in instance.pairs:
        pairs.setdefault(a, []).append(b)
    items = []
    for i in instance.items:
        entry: dict[str, object] = {"id": i.id, "title": f"Item {i.id}", "body": i.body}
        if i.long:
            entry |= {"meetings": i.periods, "same_room": True}
        else:
            entry |= {"minutes": i.units * UNIT_MINUTES, "run_on": False}
        if i.after:
            entry["after_end_of"] = [i.after]
        if i.fixed is not None:
            entry["fixed_start"] = moment(slot(instance, i.fixed)[2])
        if i.earliest is not None:
            entry["earliest_start"] = moment(slot(instance, i.earliest)[2])
        if i.latest is not None:
            entry["latest_end"] = moment(slot(instance, i.latest)[3])
        if i.id in pairs:
            entry["not_in_parallel_with"] = pairs[i.id]
        items.append(entry)
    bodies: list[dict[str, object]] = [
        {
            "id": b.id,
            "name": {"en": f"Body {b.id}"},
            "rooms": list(b.rooms),
            "interpreted": b.interpreted,
            "order": "free",
        }
        for b in instance.bodies
    ]
    closed: dict[str, list[str]] = {}
    for r, p in sorted(instance.closed, key=lambda rp: (rp[1], rp[0])):
        day, pid, _, _ = slot(instance, p)
        closed.setdefault(r, []).append(f"{day.isoformat()} {pid}")
    rooms: list[dict[str, object]] = [
        {"id": r, "interpretation": booth, **({"closed": closed[r]} if r in closed else {})}
        for r, booth in instance.rooms
    ]
    no_weight = [
        "carry_over",
        "carry_over_to_next_day",
        "interpreted_meeting",
        "preferred_period",
        "compact_body",
        "beside_opening_closing",
        "organizational_late",
    ]
    document = {
        "session": {
            "body": {"en": f"Neutral benchmark {instance.name}"},
            "number": 1,
            "venue": "Geneva",
            "languages": ["en"],
            "days": [d.isoformat() for d in days(instance)],
            "periods": [{"id": pid, "start": s, "end": e} for pid, s, e in PERIODS],
        },
        "interpretation": {"budget": instance.budget, "teams": instance.teams},
        "rooms": rooms,
        "bodies": bodies,
        "items": items,
        "preferences": {
            **dict.fromkeys(no_weight, 0),
            "meeting": instance.periods + 1,
            "session_end": 1,
        },
    }
    header = (
        f"# Neutral benchmark family, {instance.name}: made by benchmarks/neutral.py "
        f"(generate({len(instance.items)}, {instance.periods}, {len(instance.rooms)}))\n"
    )
    return header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def from_timetable(instance: Instance, rows: object) -> Solution:
    """A family solution from the project's timetable rows (`Assignment`s)."""
    position = {}
    for p in range(instance.periods):
        day, pid, _, _ = slot(instance, p)
        position[(day, pid)] = p
    solution = Solution()
    for row in rows:  # type: ignore[attr-defined]
        p = position[(row.date, row.period)]
        solution.start[row.activity] = min(solution.start.get(row.activity, p), p)
        solution.room[(row.body, p)] = row.room
        solution.held[row.activity] = sorted({*solution.held.get(row.activity, []), p})
    return solution
