"""openpyxl without Pillow until an image is used.

`openpyxl.drawing.image`, which every `import openpyxl` runs, imports Pillow's `PIL.Image`
at its top for the images a workbook may hold: 0.016 s of each `schedule solve`, whose
workbooks hold none. `install()` puts a finder in front of the import system that, when that
module is imported while Pillow is not, runs it with a stand-in for `PIL.Image` whose every
name (`Image`, `open`) imports Pillow and gives its own: openpyxl adds and reads images as
before, Pillow imported on the first one. When Pillow is already imported or not installed,
nothing changes (openpyxl then drops images, as it always does without Pillow). The finder
is `scheduler.stand_ins`'s.
"""

from __future__ import annotations

import importlib
import importlib.util
import types
from typing import Any

from scheduler import stand_ins

IMAGE = "openpyxl.drawing.image"


class _PillowImage(types.ModuleType):
    """What openpyxl sees as `PIL.Image`: each name is Pillow's own, imported on first use."""

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module("PIL.Image"), name)


def _stand_in() -> types.ModuleType:
    package = types.ModuleType("PIL", "Stands for Pillow in openpyxl until an image is used.")
    package.Image = _PillowImage("PIL.Image")  # type: ignore[attr-defined]
    return package


def _pillow_installed() -> bool:
    return importlib.util.find_spec("PIL") is not None


def install() -> None:
    """From now on, openpyxl imported before Pillow does not import Pillow (idempotent)."""
    stand_ins.install(IMAGE, "PIL", _stand_in, _pillow_installed)
