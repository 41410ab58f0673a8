"""YAML read by PyYAML's C parser (libyaml) where it is built, with the Python parser's errors.

The Python parser is about ten times slower than the C one: reading COP9's session file twice
(its size check, then the values) and the 40 files of the message catalogues took more of
`schedule solve` than the solve. Both parsers give the same events and nodes for a text; what
the nodes become is decided by the loader's constructors and resolvers, which are PyYAML's
Python ones in both, and are copied from the loader given (`fast`). Where the C parser refuses
a text, the Python loader reads it again (`read`), so that a file is refused, or not, with
the words, line and column it always was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import yaml

T = TypeVar("T")

#: PyYAML's C parser, when PyYAML was built with libyaml.
_C_LOADER: type | None = getattr(yaml, "CSafeLoader", None)
_FAST: dict[type, type] = {}
#: What a loader class carries of its own: constructors (values) and resolvers (tags).
_TABLES = (
    "yaml_constructors",
    "yaml_multi_constructors",
    "yaml_implicit_resolvers",
    "yaml_path_resolvers",
)


def fast(loader: type[yaml.SafeLoader]) -> type:
    """`loader` with the C parser under it (its constructors and resolvers); `loader` itself
    where PyYAML has no C parser."""
    if _C_LOADER is None:
        return loader
    if loader not in _FAST:
        tables = {name: getattr(loader, name) for name in _TABLES}
        _FAST[loader] = type(f"C{loader.__name__}", (_C_LOADER,), tables)
    return _FAST[loader]


def read(parse: Callable[[type], T], loader: type[yaml.SafeLoader] = yaml.SafeLoader) -> T:
    """`parse(fast(loader))`; if the C parser refuses the text, `parse(loader)`, whose answer
    or error is the Python parser's own."""
    try:
        return parse(fast(loader))
    except yaml.YAMLError:
        if fast(loader) is loader:
            raise
        return parse(loader)


def safe_load(text: str) -> Any:
    """`yaml.safe_load(text)`, by the C parser."""
    return read(lambda loader: yaml.load(text, Loader=loader))
