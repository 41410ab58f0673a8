"""Plurals by CLDR's rules (through Babel) in the six languages, for every counted message.

A template that a count decides is a mapping of CLDR plural categories (and exact numbers,
`"=2"`). Once it names a category besides `other`, it names every category the language gives
the counts a session has: Russian `one`, `few`, `many` (1, 21, 101 / 2, 3 / 0, 5, 11); Arabic
`zero`, `one`, `two`, `few`, `many`, `other`. A mapping of exact numbers and `other` alone is a
choice of words for those numbers ("both" for two), the same for every other count.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

import pytest

from scheduler.messages import LANGUAGES, Message, catalogue, render
from scheduler.messages.catalogue import plural_category

#: Counts that reach every CLDR plural category of the six languages (for whole numbers).
COUNTS = (0, 1, 2, 3, 5, 11, 21, 101)
_CATEGORIES = {"zero", "one", "two", "few", "many", "other"}


def _forms(template: Mapping[str, object]) -> set[str]:
    return {str(k) for k in template if k != "plural"}


def _selections(template: object) -> list[Mapping[str, object]]:
    """A template's choices by a count: itself, and those of its forms (a second count)."""
    if not isinstance(template, Mapping):
        return []
    inner = [c for k, v in template.items() if k != "plural" for c in _selections(v)]
    return [template, *inner]


def _counted(lang: str) -> dict[str, Mapping[str, object]]:
    return {k: v for k, v in catalogue(lang).items() if isinstance(v, Mapping)}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_count_finds_a_declared_form(lang: str) -> None:
    missing: dict[str, list[str]] = {}
    for key, template in _counted(lang).items():
        for choice in _selections(template):
            forms = _forms(choice)
            if not (forms & _CATEGORIES) - {"other"}:
                continue  # exact numbers and `other`: the same words for every other count
            for count in COUNTS:
                category = plural_category(lang, count)
                if f"={count}" not in forms and category not in forms:
                    missing.setdefault(key, []).append(f"{count}: {category}")
    assert not missing, f"{lang}: forms missing for {missing}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_message_writes_a_plural_in_brackets(lang: str) -> None:
    """ "2 finding(s)" is what a program writes when it does not know the count: ours does."""
    bracketed = re.compile(r"\w\((s|es|e|x)\)")
    found = {
        key: text
        for key, template in catalogue(lang).items()
        for text in _texts(template)
        if bracketed.search(text)
    }
    assert not found, found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_counted_message_renders_with_every_count(lang: str) -> None:
    for key, template in _counted(lang).items():
        selectors = {str(c.get("plural", "count")) for c in _selections(template)}
        for count in COUNTS:
            params = _params(template, selectors, count)
            text = render(Message.of(key, **params), lang)
            assert text and "{" not in text, (lang, key, count, text)


def _texts(template: object) -> list[str]:
    if isinstance(template, Mapping):
        return [t for k, v in template.items() if k != "plural" for t in _texts(v)]
    return [str(template)]


def _params(template: object, selectors: set[str], count: int) -> dict[str, object]:
    names = {
        name
        for text in _texts(template)
        for _, name, _, _ in string.Formatter().parse(text)
        if name
    }
    samples: dict[str, object] = {n: 1.5 if n == "seconds" else f"<{n}>" for n in names}
    return samples | dict.fromkeys(selectors, count)


@pytest.mark.parametrize(
    ("key", "count", "lang", "text"),
    [
        ("parallel-cap.instance", 1, "en", "at most 1 meeting at once"),
        ("parallel-cap.instance", 21, "ru", "не более 21 заседания одновременно"),
        ("parallel-cap.instance", 5, "ru", "не более 5 заседаний одновременно"),
        ("count.meetings", 2, "ru", "2 заседания"),
        ("count.meetings", 11, "ru", "11 заседаний"),
        ("count.meetings", 101, "ru", "101 заседание"),
        ("count.periods", 2, "ar", "فترتان"),
        ("count.periods", 3, "ar", "3 فترات"),
        ("count.periods", 11, "ar", "11 فترة"),
        ("count.days", 1, "fr", "1 jour"),
        ("count.days", 0, "fr", "0 jours"),
        ("count.days", 1, "es", "1 día"),
    ],
)
def test_counted_words(key: str, count: int, lang: str, text: str) -> None:
    assert render(Message.of(key, count=count), lang) == text


def test_a_single_team_is_one_team() -> None:
    params = {"at": "AM", "held": "3 interpreted meetings", "bodies": "b", "n": 3, "forced": "f"}
    assert "there is 1 interpretation team;" in render(
        Message.of("precheck.teams", limit=1, **params), "en"
    )
    assert "there are 2 interpretation teams;" in render(
        Message.of("precheck.teams", limit=2, **params), "en"
    )
    assert "il y a 1 équipe d’interprètes ;" in render(
        Message.of("precheck.teams", limit=1, **params), "fr"
    )


def test_two_marked_first_are_both_marked_first() -> None:
    two = render(Message.of("precheck.all-first", name="Plenary", listed="a and b", count=2), "en")
    three = render(Message.of("precheck.all-first", name="P", listed="a, b and c", count=3), "en")
    assert two.startswith("Plenary: a and b are both marked first")
    assert three.startswith("P: a, b and c are all marked first")
    assert "tous deux" in render(
        Message.of("precheck.all-first", name="P", listed="x", count=2), "fr"
    )


def test_two_counts_in_one_sentence() -> None:
    def broken(count: int, rules: int, lang: str = "en") -> str:
        return render(
            Message.of("cli.check.broken", what="W", count=count, rules=rules, names="N"), lang
        )

    assert broken(1, 1) == "W: 1 finding, 1 rule broken: N"
    assert broken(3, 1) == "W: 3 findings, 1 rule broken: N"
    assert broken(3, 2) == "W: 3 findings, 2 rules broken: N"
    assert broken(2, 2, "fr") == "W : 2 constats, 2 règles enfreintes : N"


def test_a_single_rule_is_it_not_each() -> None:
    assert render(Message.of("explain.minimal", n=1), "en").startswith("It is needed")
    assert render(Message.of("explain.minimal", n=2), "en").startswith("Each is needed")
    assert render(Message.of("explain.all-drops", n=1), "en").startswith("Dropping it makes")
