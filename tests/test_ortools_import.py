"""OR-Tools' CP-SAT module without pandas: nothing imported that is not used, nothing broken.

Each case runs in a fresh interpreter, where pandas has not been imported yet.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import ROOT


def run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_cp_model_is_imported_without_pandas_and_solves():
    out = run(
        """
        import sys
        import scheduler
        from ortools.sat.python import cp_model
        model = cp_model.CpModel()
        x = model.new_int_var(0, 9, "x")
        model.add(x >= 4)
        model.minimize(x)
        solver = cp_model.CpSolver()
        assert solver.solve(model) == cp_model.OPTIMAL
        print(solver.value(x), "pandas" in sys.modules)
        """
    )
    assert out == "4 False"


def test_cp_model_pandas_api_works_once_pandas_is_imported():
    out = run(
        """
        import scheduler
        from ortools.sat.python import cp_model
        import pandas as pd
        model = cp_model.CpModel()
        index = pd.Index(["a", "b", "c"], name="item")
        x = model.new_int_var_series("x", index, lower_bounds=0, upper_bounds=5)
        assert isinstance(x, pd.Series) and isinstance(x, cp_model.pd.Series)
        assert isinstance(index, cp_model.pd.Index) and not isinstance(3, cp_model.pd.Index)
        model.add(sum(x) >= 7)
        model.minimize(sum(x))
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        assert solver.solve(model) == cp_model.OPTIMAL
        values = solver.values(x)
        print(type(values).__module__.split(".")[0], list(values.index), int(values.sum()))
        """
    )
    assert out == "pandas ['a', 'b', 'c'] 7"


def test_pandas_imported_first_is_left_as_it_is():
    out = run(
        """
        import pandas
        import scheduler
        from ortools.sat.python import cp_model
        print(cp_model.pd is pandas)
        """
    )
    assert out == "True"
