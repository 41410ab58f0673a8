"""Every message of the catalogues renders in the six languages, with sample parameters."""

from __future__ import annotations

import string
from collections.abc import Mapping

import pytest

from scheduler.messages import LANGUAGES, Message, catalogue, render
from scheduler.messages.catalogue import _general

_FORMATTER = string.Formatter()


def _texts(template: object) -> list[str]:
    """Every text of a template: each plural form, forms chosen by a second count included."""
    if isinstance(template, Mapping):
        return [t for k, v in template.items() if k != "plural" for t in _texts(v)]
    return [str(template)]


def _fields(template: object) -> dict[str, str]:
    """The placeholders of a template (all plural forms), with their format specs."""
    found: dict[str, str] = {}
    for text in _texts(template):
        for _, name, spec, _ in _FORMATTER.parse(text):
            if name:
                found[name] = spec or found.get(name, "")
    return found


def _sample(name: str, spec: str, plural: str) -> object:
    if spec.endswith(("f", "g", "%")):
        return 1.5
    if spec.endswith("d") or name in {plural, "count", "n"}:
        return 3
    return f"<{name}>"


def _keys() -> list[str]:
    return sorted(set().union(*(catalogue(lang) for lang in LANGUAGES)))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_renders_without_leftover_placeholders(lang: str) -> None:
    for key in _keys():
        template = catalogue(lang).get(key, catalogue("en").get(key))
        plural = str(template.get("plural", "count")) if isinstance(template, Mapping) else ""
        params = {n: _sample(n, s, plural) for n, s in _fields(template).items() if n != "plural"}
        for count in (0, 1, 2, 3, 5, 11, 21, 100, 101):  # every CLDR plural form of the six
            if plural:
                params[plural] = count
            text = render(Message.of(key, **params), lang)
            assert text.strip(), (lang, key)
            assert "{" not in text and "}" not in text, (lang, key, text)


def test_the_general_catalogues_have_the_same_keys_in_the_six_languages() -> None:
    import yaml

    from scheduler.messages.catalogue import _flatten

    keys = {
        lang: {
            k for k, _ in _flatten(yaml.safe_load(_general().joinpath(f"{lang}.yaml").read_text()))
        }
        for lang in LANGUAGES
    }
    for lang in LANGUAGES:
        assert keys[lang] == keys["en"], (
            f"scheduler/data/messages/{lang}.yaml: missing {sorted(keys['en'] - keys[lang])}, "
            f"extra {sorted(keys[lang] - keys['en'])}"
        )


def test_every_rule_message_is_in_the_six_languages() -> None:
    english = catalogue("en")
    for lang in LANGUAGES:
        missing = sorted(k for k in english if k not in catalogue(lang))
        assert not missing, f"{lang} lacks {missing}"


@pytest.mark.parametrize(
    ("lang", "day"),
    [
        ("en", "Thu 18 Oct"),
        ("fr", "jeu. 18 oct."),
        ("es", "jue 18 de oct"),
        ("ru", "чт 18 окт."),
        ("zh", "10月18日周四"),
        ("ar", "الخميس 18 تشرين الأول/أكتوبر"),
    ],
)
def test_days_come_from_cldr_with_the_catalogue_pattern(lang: str, day: str) -> None:
    import datetime as dt

    from scheduler.messages.terms import Day

    assert Day(dt.date(2018, 10, 18)).say(lang) == day
