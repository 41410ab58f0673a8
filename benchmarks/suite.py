"""The fixed benchmark suite: COP9, generated sessions 2x, 5x and 20x its size, a climate session;
and, run only when named (`--cases`), the large sessions of the scale targets: commissions 40x
and 85x COP9, a climate session of 15 days x 60 rooms and a two-week one with 500+ meetings.

Size is counted as activities x usable session slots (the placement choices the solver
makes); COP9 has 20 x 10 = 200. The generated files live in `instances/generated/` and are
made by `generate_session` with the parameters below (the same as `schedule generate`).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scheduler.bundled import bundled_session_path
from scheduler.session import Session

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "instances" / "generated"
#: The large cases are written here when missing (identical from their parameters), outside the
#: repository: the tests that read every session under `instances/` would spend minutes on them.
LARGE = Path(tempfile.gettempdir()) / "schedule-benchmarks"
COP9_FILE = bundled_session_path()  # the COP9 session is package data


@dataclass(frozen=True)
class Case:
    name: str
    description: str
    path: Path
    generator: dict[str, Any] = field(default_factory=dict)  # generate_session arguments
    large: bool = False  # run only when named: minutes per solve


CASES: tuple[Case, ...] = (
    Case("cop9", "COP9 (CTOC, Vienna 2018), the reference session", COP9_FILE),
    Case(
        "cop-2x",
        "treaty-cop, 5 days, plenary + 2 working groups, 32 agenda items",
        GENERATED / "cop-2x.yaml",
        {"profile": "treaty-cop", "days": 5, "rooms": 4, "bodies": 4, "items": 32, "seed": 1},
    ),
    Case(
        "cop-5x",
        "treaty-cop, two weeks, plenary + 3 working groups, 40 agenda items",
        GENERATED / "cop-5x.yaml",
        {"profile": "treaty-cop", "days": 10, "rooms": 4, "bodies": 5, "items": 40, "seed": 1},
    ),
    Case(
        "cop-20x",
        "commission, two weeks, plenary + Committee of the Whole + 8 working groups",
        GENERATED / "cop-20x.yaml",
        {"profile": "commission", "days": 10, "rooms": 12, "bodies": 12, "items": 170, "seed": 1},
    ),
    Case(
        "climate",
        "climate, 10 days x 3 periods x 30 rooms, 2 subsidiary bodies, 38 groups",
        GENERATED / "climate.yaml",
        {"profile": "climate", "days": 10, "rooms": 30, "bodies": 40, "items": 60, "seed": 1},
    ),
    Case(
        "cop-40x",
        "commission, three weeks (15 days), plenary + Committee of the Whole + 10 working groups",
        LARGE / "cop-40x.yaml",
        {"profile": "commission", "days": 15, "rooms": 12, "bodies": 12, "items": 250, "seed": 1},
        large=True,
    ),
    Case(
        "cop-85x",
        "commission, 15 days, plenary + Committee of the Whole + 14 working groups",
        LARGE / "cop-85x.yaml",
        {"profile": "commission", "days": 15, "rooms": 16, "bodies": 16, "items": 400, "seed": 1},
        large=True,
    ),
    Case(
        "climate-15x60",
        "climate, 15 days x 3 periods x 60 rooms, negotiations under the cap of two",
        LARGE / "climate-15x60.yaml",
        {"profile": "climate", "days": 15, "rooms": 60, "bodies": 60, "items": 90, "seed": 1},
        large=True,
    ),
    Case(
        "climate-2w",
        "climate, two weeks x 60 rooms: 500+ meetings, negotiations under the cap of two",
        LARGE / "climate-2w.yaml",
        {"profile": "climate", "days": 10, "rooms": 60, "bodies": 60, "items": 90, "seed": 1},
        large=True,
    ),
)

CASE_NAMES: tuple[str, ...] = tuple(c.name for c in CASES)
#: What `run.py` runs unless `--cases` names others.
DEFAULT_CASES: tuple[str, ...] = tuple(c.name for c in CASES if not c.large)


def case(name: str) -> Case:
    return next(c for c in CASES if c.name == name)


def session_slots(session: Session) -> int:
    """Usable slots of the session days (pre-session days only serve fixed consultations)."""
    return sum(1 for s in session.usable_slots if not s.pre_session)


def placements(session: Session) -> int:
    """Activities x usable session slots: the size of the placement problem."""
    return len(session.activities) * session_slots(session)
