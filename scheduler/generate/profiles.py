"""The kinds of session the generator knows, and the parameters one generation uses.

A profile fixes what does not vary between sessions of one secretariat (periods, interpretation
teams, the parallel cap, which bodies exist); the parameters (days, rooms, bodies, items) say
how big this one is. Unset parameters take the profile's defaults, drawn from the seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

ProfileName = Literal["treaty-cop", "commission", "climate"]

#: The profiles `generate_session` and `schedule generate --profile` accept.
PROFILES: tuple[ProfileName, ...] = ("treaty-cop", "commission", "climate")


@dataclass(frozen=True)
class PeriodSpec:
    id: str
    start: str  # "HH:MM"
    end: str
    evening: bool = False


STANDARD_PERIODS = (
    PeriodSpec("AM", "10:00", "13:00"),
    PeriodSpec("PM", "15:00", "18:00"),
    PeriodSpec("EV", "18:00", "21:00", evening=True),
)
CLIMATE_PERIODS = (
    PeriodSpec("AM", "10:00", "13:00"),
    PeriodSpec("PM", "15:00", "18:00"),
    PeriodSpec("EV", "19:00", "21:00", evening=True),
)


@dataclass(frozen=True)
class Profile:
    """What sessions of one kind share."""

    name: ProfileName
    body_en: str
    body_fr: str
    symbol: str
    venue: str
    periods: tuple[PeriodSpec, ...]
    evening_meetings: bool
    teams: int
    parallel_cap: int | None
    pre_session: bool  # informal consultations the working day before
    holiday_chance: float
    min_days: int
    min_rooms: int
    min_bodies: int
    #: The kinds of bodies the parallel cap counts (`parallel_cap_bodies`); None: every body.
    capped_kinds: tuple[str, ...] | None = None


PROFILE_SPECS: dict[ProfileName, Profile] = {
    "treaty-cop": Profile(
        name="treaty-cop",
        body_en="Conference of the Parties to the Convention",
        body_fr="Conférence des Parties à la Convention",
        symbol="CONV/COP",
        venue="Vienna",
        periods=STANDARD_PERIODS,
        evening_meetings=False,
        teams=2,
        parallel_cap=2,
        pre_session=True,
        holiday_chance=0.25,
        min_days=2,
        min_rooms=3,
        min_bodies=3,
    ),
    "commission": Profile(
        name="commission",
        body_en="Commission on Crime Prevention and Criminal Justice",
        body_fr="Commission pour la prévention du crime et la justice pénale",
        symbol="E/CN.15",
        venue="Vienna",
        periods=STANDARD_PERIODS,
        evening_meetings=False,
        teams=3,
        parallel_cap=4,
        pre_session=True,
        holiday_chance=0.3,
        min_days=3,
        min_rooms=4,
        min_bodies=4,
    ),
    "climate": Profile(
        name="climate",
        body_en="Subsidiary bodies of the Framework Convention on Climate Change",
        body_fr="Organes subsidiaires de la Convention-cadre sur les changements climatiques",
        symbol="FCCC/SB",
        venue="Bonn",
        periods=CLIMATE_PERIODS,
        evening_meetings=True,
        # "no more than two plenary or contact-group meetings at once": the cap counts the
        # negotiations only; informal consultations fill the other rooms (within rooms, teams)
        teams=2,
        parallel_cap=2,
        capped_kinds=("plenary", "working_group"),
        pre_session=False,
        holiday_chance=0.2,
        min_days=4,
        min_rooms=6,
        min_bodies=4,
    ),
}


@dataclass(frozen=True)
class Parameters:
    """How big one generated session is; all resolved (no None)."""

    profile: ProfileName
    days: int
    rooms: int
    bodies: int
    items: int
    seed: int
    tight: bool

    @classmethod
    def resolve(
        cls,
        profile: str,
        days: int | None,
        rooms: int | None,
        bodies: int | None,
        items: int | None,
        seed: int,
        tight: bool,
        rng: random.Random,
    ) -> Parameters:
        """Fill unset parameters with the profile's defaults; refuse values that cannot work."""
        if profile not in PROFILE_SPECS:
            raise ValueError(f"profile {profile!r} is unknown; choose one of {', '.join(PROFILES)}")
        spec = PROFILE_SPECS[profile]  # type: ignore[index]
        if spec.name == "treaty-cop":
            d_days, d_bodies = 5, 2 + rng.randint(1, 3)
            d_rooms, d_items = 3 + (d_bodies > 4), 18
        elif spec.name == "commission":
            d_days = rng.randint(5, 10)
            d_bodies = 3 + rng.randint(2, 4)
            d_rooms, d_items = d_bodies, 4 * d_days
        else:
            d_days, d_bodies, d_rooms, d_items = 10, 40, 30, 60
        params = cls(
            profile=spec.name,
            days=d_days if days is None else days,
            rooms=d_rooms if rooms is None else rooms,
            bodies=d_bodies if bodies is None else bodies,
            items=d_items if items is None else items,
            seed=seed,
            tight=tight,
        )
        for name, low in (
            ("days", spec.min_days),
            ("rooms", spec.min_rooms),
            ("bodies", spec.min_bodies),
            ("items", 3),
        ):
            if getattr(params, name) < low:
                raise ValueError(f"{name}: the {profile} profile needs at least {low}")
        if params.days > 60:
            raise ValueError("days: at most 60")
        return params
