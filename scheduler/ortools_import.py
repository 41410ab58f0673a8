"""OR-Tools' CP-SAT module, imported without pandas until pandas is used.

`ortools.sat.python.cp_model` imports pandas at its top for an optional API (variables and
values as `pd.Series` over a `pd.Index`) that this project never calls: pandas is then more
than half of the module's import time (0.33 s -> 0.14 s of CPU on this project's machine), and
so of every `schedule solve` and every sweep worker's start-up. `install()` puts a finder in
front of the import system that, when `cp_model` is imported while pandas is not, runs it with
a stand-in for pandas: its module-level uses (`pd.Index`, `pd.Series` in type hints) get
classes that stand for pandas' own. Such a class checks `isinstance` against the real class
once pandas is imported (before that no object can be one) and, when called, imports pandas
and builds the real thing, so `cp_model`'s pandas API keeps working; any other name of the
stand-in imports pandas and gives its attribute. When pandas is already imported, or when
`cp_model` is, nothing changes. The finder is `scheduler.stand_ins`'s.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

from scheduler import stand_ins

CP_MODEL = "ortools.sat.python.cp_model"
#: The names of pandas that `cp_model` uses at import time (in its type hints).
STAND_INS = ("Index", "Series")


class _PandasClass(type):
    """A class standing for pandas' class of the same name, imported on first real use."""

    def __instancecheck__(cls, instance: Any) -> bool:
        pandas = sys.modules.get("pandas")
        if pandas is None or isinstance(pandas, _Pandas):
            return False  # pandas not imported: nothing is one of its objects
        return isinstance(instance, getattr(pandas, cls.__name__))

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module("pandas"), cls.__name__)(*args, **kwargs)


class _Pandas(types.ModuleType):
    """The stand-in `cp_model` sees as `pd`: its other names come from pandas itself."""

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get("pandas") is self:  # while `cp_model` runs: the real one, at once
            del sys.modules["pandas"]
        return getattr(importlib.import_module("pandas"), name)


def _stand_in() -> _Pandas:
    module = _Pandas("pandas", "Stands for pandas in OR-Tools' cp_model until pandas is used.")
    for name in STAND_INS:
        setattr(module, name, _PandasClass(name, (), {"__module__": "pandas"}))
    return module


def install() -> None:
    """From now on, `cp_model` imported before pandas does not import pandas (idempotent)."""
    stand_ins.install(CP_MODEL, "pandas", _stand_in)
