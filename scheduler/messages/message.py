"""A message: a key of the message catalogues and the parameters it names.

The code carries messages, never rendered text. A finding, a rule instance or a line of an
explanation holds `Message("deadline.late", item=Act(...), end=At(...))`; the words come from
the catalogue of the language a person reads, once, at the edge (CLI, workbook, document,
picture). A parameter is a plain value (str, int), a `Term` (something the message names:
an item, a day, a moment, rendered in the reader's language) or another message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@runtime_checkable
class Term(Protocol):
    """Something a message names, rendered in the reader's language."""

    def say(self, lang: str) -> str: ...


Param = "str | int | Term | Message"


@dataclass(frozen=True)
class Message:
    """A catalogue key and its parameters; `text(lang)` renders it."""

    key: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, /, **params: object) -> Message:
        return cls(key, tuple(params.items()))

    @property
    def args(self) -> Mapping[str, object]:
        return dict(self.params)

    def text(self, lang: str = "en") -> str:
        from scheduler.messages.catalogue import render  # the catalogue imports this module

        return render(self, lang)

    def __str__(self) -> str:
        return self.text("en")
