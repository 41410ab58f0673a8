"""pydantic's plugin lookup without `importlib.metadata` when no package has a plugin.

The first pydantic model a command validates makes pydantic look for plugins
(`pydantic.plugin._loader`), which imports `importlib.metadata` at its top (with the `email`
package, `zipfile`, `csv` and more) and reads every installed distribution's entry points:
about 0.03 s of each `schedule solve`, to find none. `install()` puts a finder in front of
the import system that, when that module is imported while `importlib.metadata` is not,
runs it with a stand-in whose `entry_points` first reads the `entry_points.txt` of each
distribution on `sys.path` itself: when none names pydantic, there is no plugin and it
answers none; otherwise, and wherever distributions could be found in another way (a zip
or egg on the path, another finder of distributions), it asks `importlib.metadata`, as
pydantic does. A plugin is found exactly when it was before. Any other name of the stand-in
imports `importlib.metadata` and gives its own. The finder is `scheduler.stand_ins`'s.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import sys
import types
from typing import Any

from scheduler import stand_ins

LOADER = "pydantic.plugin._loader"
METADATA = "importlib.metadata"
GROUP = "pydantic"


def _may_have_plugins() -> bool:
    """False when no distribution `importlib.metadata` would find declares an entry point
    that mentions pydantic; True when one may (or when distributions may come from
    elsewhere than folders on `sys.path`)."""
    for finder in sys.meta_path:
        if finder is not importlib.machinery.PathFinder and hasattr(finder, "find_distributions"):
            return True
    for entry in sys.path:
        folder = entry or "."
        if not os.path.isdir(folder):
            if os.path.exists(folder):  # a zip file or an egg: let importlib.metadata read it
                return True
            continue
        if folder.lower().endswith(".egg"):
            return True
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if not name.lower().endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), "rb") as file:
                    if GROUP.encode() in file.read().lower():
                        return True
            except OSError:  # no entry points (or an egg-info file, not a folder)
                continue
    return False


class _Metadata(types.ModuleType):
    """What pydantic's plugin loader sees as `importlib.metadata`."""

    @staticmethod
    def entry_points(**selection: Any) -> Any:
        if selection == {"group": GROUP} and not _may_have_plugins():
            return ()
        return importlib.import_module(METADATA).entry_points(**selection)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # what the import system asks of a module
            raise AttributeError(name)
        if sys.modules.get(METADATA) is self:  # while the loader runs: the real one, at once
            del sys.modules[METADATA]
        return getattr(importlib.import_module(METADATA), name)


def _stand_in() -> _Metadata:
    return _Metadata(METADATA, "Stands for importlib.metadata in pydantic's plugins.")


def install() -> None:
    """From now on, pydantic looks for plugins as said above (idempotent)."""
    stand_ins.install(LOADER, METADATA, _stand_in)
