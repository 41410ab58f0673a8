"""The import graph has layers, and every import goes down (or sideways within a layer).

    domain -> checks -> model -> application
         \\-> io and plots -----/

- domain: the session, its timetable and results, the rule catalogue, messages and labels;
- checks: the independent validator and the pre-checks, which never ask the model;
- model: the CP-SAT formulation (`models`), which reads the domain and asks the checks
  (pre-checks start an explanation, pinned-row conflicts a re-plan);
- io and plots: files, pictures, generated and imported sessions; they never touch the model;
- application: the CLI, the pipeline and the analyst's API (`scheduler.explore`), on top.

Every import counts, at the top of a module or inside a function, under `TYPE_CHECKING` or
through `importlib.import_module("...")`, so a cycle cannot be dodged by importing late.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOMAIN, CHECKS, MODEL, FILES, APPLICATION = "domain", "checks", "model", "io and plots", "app"

#: Module (a package or a module, longest prefix wins) -> its layer.
LAYER_OF: dict[str, str] = {
    "scheduler.session": DOMAIN,
    "scheduler.timetable": DOMAIN,
    "scheduler.result": DOMAIN,
    "scheduler.diff": DOMAIN,
    "scheduler.published": DOMAIN,
    "scheduler.rules": DOMAIN,
    "scheduler.messages": DOMAIN,
    "scheduler.labels": DOMAIN,
    "scheduler.errors": DOMAIN,
    "scheduler.schema": DOMAIN,
    "scheduler.bundled": DOMAIN,
    "scheduler.yaml_loading": DOMAIN,  # the catalogues, the labels and session files read YAML
    "scheduler.stand_ins": DOMAIN,  # imports with a stand-in: no module of ours
    "scheduler.validation": CHECKS,
    "scheduler.prechecks": CHECKS,
    "scheduler.model_size": CHECKS,
    "models": MODEL,
    "scheduler.io": FILES,
    "scheduler.plots": FILES,
    "scheduler.generate": FILES,
    "scheduler.agenda_import": FILES,
    "scheduler.cli": APPLICATION,
    "scheduler.explore": APPLICATION,
    "scheduler.pipeline": APPLICATION,
    "scheduler.__main__": APPLICATION,
    "scheduler.ortools_import": APPLICATION,  # installed by the package on import
    "scheduler": APPLICATION,  # the package itself (the analyst's facade), not its modules
}

#: Layer -> the layers its modules may import.
MAY_IMPORT: dict[str, frozenset[str]] = {
    DOMAIN: frozenset({DOMAIN}),
    CHECKS: frozenset({DOMAIN, CHECKS}),
    MODEL: frozenset({DOMAIN, CHECKS, MODEL}),
    FILES: frozenset({DOMAIN, CHECKS, FILES}),
    APPLICATION: frozenset({DOMAIN, CHECKS, MODEL, FILES, APPLICATION}),
}


def layer(module: str) -> str | None:
    """The layer of a module of ours (longest matching prefix), None for anything else.

    `scheduler` alone is the facade; a module under it that no entry names has no layer.
    """
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        prefix = ".".join(parts[:n])
        if prefix == "scheduler" and n < len(parts):
            return None
        if prefix in LAYER_OF:
            return LAYER_OF[prefix]
    return None


def imported(source: str) -> list[tuple[int, str]]:
    """(line, module) of every absolute import in `source`, `importlib` lookups included."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:  # a module of the package, or a name in it
                name = f"{node.module}.{alias.name}"
                found.append((node.lineno, name if layer(name) is not None else node.module))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def upward_imports(name: str, source: str) -> list[str]:
    """One line per import of `source` (module `name`) that goes up a layer."""
    own = layer(name)
    if own is None:
        return [f"{name} belongs to no layer: add it to LAYER_OF in tests/test_layers.py"]
    wrong = []
    for line, target in imported(source):
        theirs = layer(target)
        if theirs is not None and theirs not in MAY_IMPORT[own]:
            allowed = ", ".join(sorted(MAY_IMPORT[own]))
            wrong.append(
                f"{name}:{line} ({own}) imports {target} ({theirs}); {own} may import: {allowed}"
            )
    return wrong


def _sources() -> list[Path]:
    return sorted([*(ROOT / "scheduler").rglob("*.py"), *(ROOT / "models").rglob("*.py")])


def test_every_import_goes_down_a_layer() -> None:
    wrong = [
        line
        for path in _sources()
        for line in upward_imports(module_name(path), path.read_text(encoding="utf-8"))
    ]
    assert not wrong, "imports going up a layer:\n" + "\n".join(wrong)


@pytest.mark.parametrize(
    ("name", "source", "offending"),
    [
        (
            "models.model",
            "from scheduler.io.timetable_workbook import write_workbook",
            "scheduler.io",
        ),
        ("models.explain", "def f():\n    import scheduler.explore\n", "scheduler.explore"),
        ("models.replan", "from scheduler.cli import app", "scheduler.cli"),
        ("models.extract", "from scheduler.plots import plot_timetable", "scheduler.plots"),
        ("scheduler.validation.pins", "from models.replan import pins", "models.replan"),
        ("scheduler.prechecks.checks", "import models", "models"),
        ("scheduler.session", "from models import solve", "models"),
        ("scheduler.timetable", "importlib.import_module('models.explain')", "models.explain"),
        ("scheduler.io.timetable_workbook.writer", "from models import SessionModel", "models"),
        ("scheduler.rules.instances", "from scheduler import solve", "scheduler"),
    ],
)
def test_an_upward_import_is_named(name: str, source: str, offending: str) -> None:
    (message,) = upward_imports(name, source)
    assert message.startswith(f"{name}:") and f"imports {offending}" in message


def test_downward_imports_pass() -> None:
    assert upward_imports("models.model", "from scheduler.session import Session") == []
    assert upward_imports("scheduler.cli.solve", "import models.replan") == []
    assert upward_imports("scheduler.validation.pins", "from scheduler.rules import X") == []


def test_a_module_outside_every_layer_is_named() -> None:
    (message,) = upward_imports("scheduler.newthing", "")
    assert "belongs to no layer" in message
