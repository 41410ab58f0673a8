"""`generate_session`: a realistic session file, with the timetable that proves it feasible."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import yaml

from scheduler.generate.builders import build_plan
from scheduler.generate.derive import derive_rules
from scheduler.generate.plan import SessionPlan
from scheduler.generate.profiles import PROFILE_SPECS, Parameters
from scheduler.generate.render import session_data, witness_timetable
from scheduler.io.session_file import session_from_data
from scheduler.session import Session
from scheduler.timetable import Timetable


@dataclass(frozen=True)
class SessionSize:
    """How big a generated session is, in the terms the benchmarks report."""

    activities: int
    meetings: int  # meetings held in the witness
    interpreted_meetings: int
    slots: int  # session slots meetings may use
    rooms: int
    bodies: int

    @property
    def placements(self) -> int:
        """Activities x usable session slots: the size of the placement problem."""
        return self.activities * self.slots


@dataclass(frozen=True)
class GeneratedSession:
    """A generated session (`data`, as a session file holds it) and its `witness` timetable."""

    parameters: Parameters
    data: dict[str, Any]
    witness: Timetable
    size: SessionSize

    @cached_property
    def session(self) -> Session:
        """The data, validated as any session file is."""
        return session_from_data(self.data, file=f"<generated {self.parameters.profile}>")

    def command(self, output: str = "session.yaml") -> str:
        """The command line that generates this session again."""
        p = self.parameters
        tight = " --tight" if p.tight else ""
        return (
            f"schedule generate --profile {p.profile} --days {p.days} --rooms {p.rooms} "
            f"--bodies {p.bodies} --items {p.items} --seed {p.seed}{tight} -o {output}"
        )

    def to_yaml(self, output: str = "session.yaml") -> str:
        """A readable session file with a header saying how it was made."""
        p, s = self.parameters, self.size
        header = (
            f"# Generated session: profile {p.profile}, seed {p.seed}, {p.days} days, "
            f"{p.rooms} rooms, {p.bodies} bodies, {p.items} agenda items"
            f"{', tight' if p.tight else ''}.\n"
            f"# Made again, identical, by: {self.command(output)}\n"
            "# Feasible by construction: a timetable keeping every hard rule was laid while\n"
            "# generating it, and every deadline, fixed time and budget below holds for it.\n"
            f"# {s.activities} activities; the witness holds {s.meetings} meetings "
            f"({s.interpreted_meetings} interpreted) in {s.slots} slots.\n"
        )
        body = yaml.dump(self.data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
        return header + "\n" + body


class _Dumper(yaml.SafeDumper):
    """Block style, except short mappings and lists of plain values on one line (`{id: AM}`)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True  # the same date twice is written twice, never as `&id001`


def _short(values: list[Any]) -> bool:
    plain = all(not isinstance(v, dict | list) for v in values)
    return plain and sum(len(str(v)) + 2 for v in values) <= 88


def _represent_dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    flow = _short([*data, *data.values()])
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=flow)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    plain = all(not isinstance(v, dict | list) for v in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=plain)


_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(list, _represent_list)


def generate_session(
    profile: str,
    days: int | None = None,
    rooms: int | None = None,
    bodies: int | None = None,
    items: int | None = None,
    seed: int = 0,
    tight: bool = False,
) -> GeneratedSession:
    """A realistic session of `profile`, feasible by construction, the same for the same seed.

    Unset sizes take the profile's defaults. `tight` leaves almost no slack (deadlines at the
    witness's last meeting, a budget equal to its interpreted meetings, fuller rooms): hard
    to solve, still feasible. Raises ValueError when the sizes cannot make a valid session.
    """
    rng = random.Random(seed)
    params = Parameters.resolve(profile, days, rooms, bodies, items, seed, tight, rng)
    spec = PROFILE_SPECS[params.profile]
    plan = build_plan(params, spec, rng)
    derive_rules(plan, params, spec, rng)
    return GeneratedSession(
        parameters=params,
        data=session_data(plan, params, spec),
        witness=witness_timetable(plan),
        size=_size(plan),
    )


def _size(plan: SessionPlan) -> SessionSize:
    return SessionSize(
        activities=len(plan.activities),
        meetings=plan.meetings_held(),
        interpreted_meetings=plan.interpreted_meetings(),
        slots=len(plan.calendar.session_slots()),
        rooms=len(plan.rooms),
        bodies=len(plan.bodies),
    )
