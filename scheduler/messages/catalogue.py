"""The message catalogues: per key, a template in each of the six UN languages.

Two kinds of file make one catalogue:
- `scheduler/data/messages/<lang>.yaml`: the general wording of one language (terms, the
  explanation's sentences, the command line, the workbook), nested keys joined by dots;
- `scheduler/rules/wording/<rule>.yaml`: everything one rule says, in all six languages, so a
  rule's words have one home beside its catalogue entry (key `<rule>.<name>`, one mapping
  `lang -> template` per name).

A template is a `str.format` pattern over the message's parameters. Where a count decides the
wording, the template is a mapping of CLDR plural categories (`one`, `two`, `few`, `many`,
`other`, `zero`) chosen by the parameter named in `plural` (default `count`) with Babel's
plural rules for the language; an exact number (`"=0"`) comes before the categories, as in ICU
MessageFormat. A form may itself be such a mapping, chosen by another count: a sentence with
two counts ("1 finding, 2 rules broken"). A key missing in a language falls back to English;
the catalogue test names every such gap.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from babel import Locale

from scheduler.messages.message import Message, Term
from scheduler.yaml_loading import safe_load

#: The six official languages of the United Nations, in UN order.
LANGUAGES: tuple[str, ...] = ("ar", "zh", "en", "fr", "ru", "es")
FALLBACK = "en"

Template = str | dict[str, "Template"]


def _flatten(data: Mapping[str, object], prefix: str = "") -> Iterator[tuple[str, object]]:
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and not _is_leaf(value):
            yield from _flatten(value, f"{name}.")
        else:
            yield name, value


_PLURAL_FORMS = {"zero", "one", "two", "few", "many", "other", "plural"}


def _is_leaf(value: Mapping[str, object]) -> bool:
    """A plural template: a mapping of CLDR categories (with `other`), not a nested group."""
    return "other" in value and all(k in _PLURAL_FORMS or _is_exact(k) for k in value)


def _is_exact(form: object) -> bool:
    """An exact-number form of a plural template: `=0`, `=1`."""
    return isinstance(form, str) and form.startswith("=") and form[1:].isdigit()


def _general() -> Traversable:
    return files("scheduler").joinpath("data", "messages")


def _per_rule() -> Traversable:
    return files("scheduler").joinpath("rules", "wording")


@cache
def catalogue(lang: str) -> dict[str, Template]:
    """Every template of one language: the general file and the rules' own wording."""
    found: dict[str, Template] = {}
    general = _general().joinpath(f"{lang}.yaml")
    if general.is_file():
        data = safe_load(general.read_text(encoding="utf-8")) or {}
        found.update((k, v) for k, v in _flatten(data))  # type: ignore[misc]
    for entry in sorted(_per_rule().iterdir(), key=lambda t: t.name):
        if not entry.name.endswith(".yaml"):
            continue
        rule = entry.name.removesuffix(".yaml")
        data = safe_load(entry.read_text(encoding="utf-8")) or {}
        for name, by_lang in data.items():
            if isinstance(by_lang, Mapping) and lang in by_lang:
                found[f"{rule}.{name}"] = by_lang[lang]
    return found


def has(key: str, lang: str) -> bool:
    """Whether `lang`'s own catalogue has `key` (no fallback)."""
    return key in catalogue(lang)


def template(key: str, lang: str) -> Template:
    """The template of `key` in `lang`, else in English; a missing key is a bug."""
    table = catalogue(lang if lang in LANGUAGES else FALLBACK)
    if key in table:
        return table[key]
    fallback = catalogue(FALLBACK)
    if key in fallback:
        return fallback[key]
    raise KeyError(f"message {key!r} is in no catalogue")


def plural_category(lang: str, count: int) -> str:
    """CLDR plural category of `count` in `lang` (`one`, `few`, `other`...)."""
    return Locale.parse(lang if lang in LANGUAGES else FALLBACK).plural_form(abs(count))


def word(key: str, lang: str, **params: object) -> str:
    """Render one key directly (for the edges: headings, labels)."""
    return render(Message.of(key, **params), lang)


def render(message: Message, lang: str) -> str:
    """The message in `lang`: its template filled with its parameters rendered in `lang`."""
    args = {name: _say(value, lang) for name, value in message.params}
    return _form(template(message.key, lang), message.args, lang).format(**args)


def _form(chosen: Template, params: Mapping[str, object], lang: str) -> str:
    """The words a template's counts choose: exact numbers first, then CLDR categories, each
    form possibly chosen again by another count."""
    while isinstance(chosen, Mapping):
        counted = params.get(str(chosen.get("plural", "count")))
        if isinstance(counted, int) and f"={counted}" in chosen:
            chosen = chosen[f"={counted}"]
        else:
            category = plural_category(lang, counted) if isinstance(counted, int) else "other"
            chosen = chosen.get(category, chosen["other"])
    return chosen


def _say(value: object, lang: str) -> object:
    if isinstance(value, Message):
        return render(value, lang)
    if isinstance(value, Term):
        return value.say(lang)
    return value
