"""The impossible variants of COP9 shipped in `instances/variants/`: what the explanation names.

For each variant the explanation must name exactly the expected rules, show the numbers, and
be minimal: checked here without the explainer's code, by editing the session data to drop
each named rule and solving with the ordinary solver (a valid timetable must exist), and by
solving the variant itself (no timetable).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from models.explain import Explanation, explain
from scheduler.result import SolveStatus
from scheduler.session import Session
from scheduler.validation import validate
from tests.conftest import make_session
from tests.explain.dropping import DETERMINISTIC, decide, drop_rules

VARIANTS = Path(__file__).resolve().parents[2] / "instances" / "variants"
DAYS = ("within-periods", "days")
EVENINGS = ("within-periods", "evenings")

#: file -> (the rules the explanation names, a phrase of its numbers, English and French texts)
EXPECTED: dict[str, tuple[set[tuple[str, str]], str, str, str]] = {
    "cop9-four-days.yaml": (
        {DAYS, EVENINGS},
        "Plenary needs 10 meetings (1800 minutes at 180 minutes a meeting) from Monday 15 "
        "October 10:00 to Thursday 18 October 18:00; 8 exist",
        "4 working days, Monday 15 October to Thursday 18 October",
        "4 jours ouvrables, du lundi 15 octobre au jeudi 18 octobre",
    ),
    "cop9-nine-interpreted-meetings.yaml": (
        {("interpretation-budget", "session")},
        "the interpreted bodies need at least 12 meetings",
        "at most 9 interpreted meetings",
        "au plus 9 séances avec interprétation",
    ),
    "cop9-working-group-six-meetings.yaml": (
        {EVENINGS, ("earliest-start", "wg-ic-10"), ("deadline", "wg-ic-10")},
        "Working Group on International Cooperation needs 6 meetings from Tuesday 16 October "
        "10:00 to Thursday 18 October 12:00; 4 whole periods fit in that time",
        "Working Group on International Cooperation: ends by Thursday 18 October 12:00",
        "Groupe de travail sur la coopération internationale : se termine au plus tard le jeudi "
        "18 octobre à 12 heures",
    ),
    "cop9-working-group-thursday-afternoon.yaml": (
        {("fixed-start", "wg-ic-10"), ("deadline", "wg-ic-10")},
        "Working Group on International Cooperation may not start before Thursday 18 October "
        "15:00 but must end by Thursday 18 October 12:00",
        "Working Group on International Cooperation: starts Thursday 18 October 15:00",
        "Groupe de travail sur la coopération internationale : commence le jeudi 18 octobre à "
        "15 heures",
    ),
    "cop9-three-bodies-two-teams.yaml": (
        {
            DAYS,
            EVENINGS,
            ("held-on-date", "wg-ic-10"),
            ("fixed-start", "wg-tip-meeting"),
            ("interpretation-teams", "session"),
        },
        "Tuesday 16 October 10:00–13:00: 3 interpreted meetings must be held (Plenary, Working "
        "Group on International Cooperation, Working Group on Trafficking in Persons); there are "
        "2 interpretation teams",
        "at most 2 interpreted meetings at once",
        "au plus 2 séances avec interprétation en même temps",
    ),
}

pytestmark = pytest.mark.slow  # an explanation and a few solves of COP9 per variant


def _data(name: str) -> dict[str, Any]:
    data = yaml.safe_load((VARIANTS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def variant(request: pytest.FixtureRequest) -> tuple[str, Session, Explanation]:
    name = request.param
    session = make_session(_data(name))
    return name, session, explain(session, deterministic_time=DETERMINISTIC, workers=1, seed=0)


def test_every_shipped_variant_is_covered():
    assert sorted(p.name for p in VARIANTS.glob("*.yaml")) == sorted(EXPECTED)


def test_the_variant_itself_has_no_timetable(variant):
    _, session, _ = variant
    assert decide(session).status is SolveStatus.INFEASIBLE


def test_explanation_names_the_conflicting_rules(variant):
    name, _, found = variant
    keys, numbers, text_en, text_fr = EXPECTED[name]
    assert found.status == "infeasible"
    assert {i.key for i in found.conflict} == keys
    assert found.minimal
    assert found.every_drop_works
    english, french = found.text("en"), found.text("fr")
    assert numbers in english
    assert text_en in english
    assert text_fr in french
    every_drop = "Dropping it" if len(keys) == 1 else "Dropping any one of them"
    assert f"{every_drop} makes a timetable possible" in english


def test_dropping_each_named_rule_gives_a_valid_timetable(variant):
    """Minimality, checked by editing the file: without any one named rule, a timetable."""
    name, session, found = variant
    data = _data(name)
    for relaxation in found.relaxations:
        assert relaxation.timetable is not None, relaxation.text()
        extra = sorted({row.date for row in relaxation.timetable} - _dates(session))
        relaxed = make_session(drop_rules(data, [relaxation.instance.key], extra))
        # The explainer's own timetable keeps every other rule of the session...
        assert validate(relaxed, relaxation.timetable).ok, relaxation.instance.key
        # ...and the ordinary solver agrees that the edited session has one.
        result = decide(relaxed)
        assert result.timetable is not None, relaxation.instance.key
        assert validate(relaxed, result.timetable).ok


def _dates(session: Session) -> set[dt.date]:
    info = session.session
    return {*info.days, *info.pre_session_days, *info.holidays}
