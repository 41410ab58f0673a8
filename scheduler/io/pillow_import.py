"""openpyxl without Pillow until an image is used.

`openpyxl.drawing.image`, which every `import openpyxl` runs, imports Pillow's `PIL.Image`
at its top for the images a workbook may hold: 0.016 s of each `schedule solve`, whose
workbooks hold none. `install()` puts a finder in front of the import system that, when that
module is imported while Pillow is not, runs it with a stand-in for `PIL.Image` whose every
name (`Image`, `open`) imports Pillow and gives its own: openpyxl adds and reads images as
before, Pillow imported on the first one. When Pillow is already imported or not installed,
nothing changes (openpyxl then drops images, as it always does without Pillow). The finder
follows the import system's protocols as `scheduler.ortools_import`'s does.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence
    from importlib.abc import Loader

IMAGE = "openpyxl.drawing.image"


class _PillowImage(types.ModuleType):
    """What openpyxl sees as `PIL.Image`: each name is Pillow's own, imported on first use."""

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module("PIL.Image"), name)


class _WithoutPillow:
    """Runs openpyxl's image module with the stand-in as `PIL`, then takes it away."""

    def __init__(self, loader: Loader) -> None:
        self.loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        if "PIL" in sys.modules:
            self.loader.exec_module(module)
            return
        package = types.ModuleType("PIL", "Stands for Pillow in openpyxl until an image is used.")
        package.Image = _PillowImage("PIL.Image")  # type: ignore[attr-defined]
        sys.modules["PIL"] = package
        try:
            self.loader.exec_module(module)
        finally:
            if sys.modules.get("PIL") is package:
                del sys.modules["PIL"]


class _Finder:
    """Finds openpyxl's image module as the import system would, and gives it the loader
    above, when Pillow is installed but not imported."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != IMAGE or "PIL" in sys.modules or importlib.util.find_spec("PIL") is None:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or spec.loader is None:
            return None
        spec.loader = _WithoutPillow(spec.loader)  # type: ignore[assignment]
        return spec


_FINDER = _Finder()


def install() -> None:
    """From now on, openpyxl imported before Pillow does not import Pillow (idempotent)."""
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
