"""Every message key the code names is in the catalogues of the six languages.

Keys written out in the code (`Message.of("explain.relax.gives")`, `word("cli.check.ok")`), the
findings of each check (`found.add("late")` under `Findings("deadline", ...)` is
`deadline.late`) and the pre-checks' (`finding(..., "budget", ...)` is `precheck.budget`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from scheduler.messages import LANGUAGES, catalogue

ROOT = Path(__file__).resolve().parents[2]


def _sources() -> Iterator[Path]:
    for folder in ("scheduler", "models"):
        yield from sorted((ROOT / folder).rglob("*.py"))


def _text(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _name(call: ast.Call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


#: The sections of the general catalogues: a string constant of the code that starts so is a key.
SECTIONS = ("terms.", "count.", "validation.", "precheck.", "explain.", "cli.")


def _keys_in(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):  # keys chosen in an expression: `"explain.a" if x else "explain.b"`
        text = _text(node) if isinstance(node, ast.Constant) else None
        if text and text.startswith(SECTIONS) and not text.endswith(".") and " " not in text:
            yield text
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        rule = None
        for node in ast.walk(function):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            first, name = _text(node.args[0]), _name(node)
            if name == "Findings" and first:
                rule = first
            elif name == "add" and first and rule and path.parent.name == "validation":
                yield f"{rule}.{first}"
            elif name in ("of", "word") and first and "." in first:
                yield first
            elif name == "said" and first and path.parent.name == "prechecks":
                yield f"precheck.{first}"
            elif name == "say" and first and path.name == "explain_text.py":
                yield f"explain.{first}"
            elif name == "finding" and path.parent.name == "prechecks" and len(node.args) > 2:
                key = _text(node.args[2])
                if key:
                    yield f"precheck.{key}"
            elif name == "_conflict" and first and len(node.args) > 1 and _text(node.args[1]):
                yield f"{first}.{_text(node.args[1])}"


KEYS = sorted({(str(p.relative_to(ROOT)), k) for p in _sources() for k in _keys_in(p)})


def test_the_scan_finds_the_keys_of_findings_pre_checks_and_explanations() -> None:
    keys = {k for _, k in KEYS}
    assert {"deadline.late", "precheck.budget", "explain.head", "validation.pinned"} <= keys
    assert len(keys) > 100


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_the_code_names_is_in_the_catalogue(lang: str) -> None:
    missing = [f"{path}: {key}" for path, key in KEYS if key not in catalogue(lang)]
    assert not missing, f"not in the {lang} catalogue:\n" + "\n".join(missing)
