"""The notebooks run from top to bottom, and their `assert` cells hold.

They are stored without outputs and executed here with the project's own Python kernel, in a
temporary folder (what they write goes there), with matplotlib drawing off-screen. A notebook
that silently stops giving its answers fails this test.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
KERNEL = "schedule-tests"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=nbformat.NO_CONVERT)


def test_the_four_notebooks_are_there():
    assert [p.stem for p in PATHS] == ["01-quickstart", "02-variants", "03-replan", "04-sweep"]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_notebooks_are_stored_without_outputs(path):
    notebook = _read(path)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_every_notebook_asserts_its_findings(path):
    code = "\n".join(c.source for c in _read(path).cells if c.cell_type == "code")
    assert code.count("assert ") >= 5


def _kernel(folder: Path) -> str:
    """A kernel spec running this very Python (the project's environment), found first."""
    spec = folder / "kernels" / KERNEL
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec.joinpath("kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "schedule tests", "language": "python"}),
        encoding="utf-8",
    )
    return KERNEL


@pytest.mark.slow
@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_notebook_runs(path, tmp_path, monkeypatch):
    from nbclient import NotebookClient

    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("SCHEDULE_NOTEBOOK_GRID", "small")  # 04-sweep: 6 variants, not 216
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    )
    work = tmp_path / "work"
    work.mkdir()
    notebook = _read(path)
    client = NotebookClient(
        notebook,
        timeout=120,
        startup_timeout=60,
        kernel_name=_kernel(tmp_path / "jupyter"),
        resources={"metadata": {"path": str(work)}},
    )
    client.execute()  # raises CellExecutionError, with the cell and its traceback, on failure
    assert not (NOTEBOOKS / "out").exists()  # what a notebook writes stays out of the repository


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_notebooks_use_the_public_api_and_write_to_a_temporary_folder(path):
    """Run in place, they once wrote `notebooks/out/`, which failed three tests afterwards;
    02 and 03 imported internals (`models.replan`, `scheduler.io.workbook`)."""
    code = "\n".join(c.source for c in _read(path).cells if c.cell_type == "code")
    modules = set(re.findall(r"^\s*from\s+([\w.]+)\s+import", code, re.MULTILINE))
    modules |= set(re.findall(r"^\s*import\s+([\w.]+)", code, re.MULTILINE))
    ours = {m for m in modules if m.split(".")[0] in ("scheduler", "models")}
    assert ours == {"scheduler"}, sorted(ours)
    if "OUT" in code:
        assert "tempfile.mkdtemp" in code and 'Path("out")' not in code
