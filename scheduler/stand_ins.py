"""Importing a library's module with a stand-in for a module it imports at its top.

Some libraries import, at the top of a module every command runs, another library the project
never uses on that path: OR-Tools' `cp_model` imports pandas, openpyxl's image module Pillow,
pydantic's plugin loader `importlib.metadata` (`scheduler.ortools_import`,
`scheduler.io.pillow_import`, `scheduler.io.pydantic_plugins` say what each costs and what
its stand-in does). `install` puts a finder in front of the import system that, when the
module is imported while the dependency is not, finds it as the import system would and runs
its own loader with the stand-in in `sys.modules` under the dependency's name, then takes the
stand-in away; when the dependency is already imported, nothing changes. The finder and the
loader follow the import system's protocols without `importlib.abc`, whose import alone costs
more than the rest of `import scheduler`.
"""

from __future__ import annotations

import importlib.machinery
import sys
import types
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from importlib.abc import Loader


class _WithStandIn:
    """Runs a module's own loader with the stand-in as its dependency, then takes it away."""

    def __init__(self, loader: Loader, dependency: str, make: Callable[[], types.ModuleType]):
        self.loader = loader
        self.dependency = dependency
        self.make = make

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        if self.dependency in sys.modules:
            self.loader.exec_module(module)
            return
        stand_in = self.make()
        sys.modules[self.dependency] = stand_in
        try:
            self.loader.exec_module(module)
        finally:
            if sys.modules.get(self.dependency) is stand_in:
                del sys.modules[self.dependency]


class _Finder:
    """Finds one module as the import system would, and gives it the loader above."""

    def __init__(
        self,
        module: str,
        dependency: str,
        make: Callable[[], types.ModuleType],
        applies: Callable[[], bool],
    ) -> None:
        self.module = module
        self.dependency = dependency
        self.make = make
        self.applies = applies

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != self.module or self.dependency in sys.modules or not self.applies():
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or spec.loader is None:
            return None
        spec.loader = _WithStandIn(spec.loader, self.dependency, self.make)  # type: ignore[assignment]
        return spec


def _always() -> bool:
    return True


def install(
    module: str,
    dependency: str,
    make: Callable[[], types.ModuleType],
    applies: Callable[[], bool] = _always,
) -> None:
    """From now on, `module` imported before `dependency` runs with `make()` standing for it,
    when `applies()` (idempotent: one finder per module and dependency)."""
    for finder in sys.meta_path:
        if isinstance(finder, _Finder) and (finder.module, finder.dependency) == (
            module,
            dependency,
        ):
            return
    sys.meta_path.insert(0, _Finder(module, dependency, make, applies))
