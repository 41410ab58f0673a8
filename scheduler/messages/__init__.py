"""Words at the edges: messages carry a key and parameters; catalogues hold six languages."""

from scheduler.messages.catalogue import LANGUAGES, catalogue, has, render, template, word
from scheduler.messages.message import Message, Term

__all__ = ["LANGUAGES", "Message", "Term", "catalogue", "has", "render", "template", "word"]
