"""YAML by the C parser: the same values as the Python parser, and the Python parser's errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scheduler import yaml_loading
from scheduler.errors import InputError
from scheduler.io import session_file
from scheduler.io.session_file import parse_session
from tests.conftest import ROOT

#: Every YAML file of the package (catalogues, labels, bundled sessions) and of the instances.
FILES = sorted(
    [*(ROOT / "scheduler").rglob("*.yaml"), *(ROOT / "instances").rglob("*.yaml")],
    key=str,
)


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
def test_the_c_parser_is_used_where_pyyaml_has_it():
    fast = yaml_loading.fast(yaml.SafeLoader)
    assert issubclass(fast, yaml.CSafeLoader)
    assert yaml_loading.fast(yaml.SafeLoader) is fast  # one class per loader


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_file_reads_the_same_with_either_parser(path: Path):
    text = path.read_text(encoding="utf-8")
    loader = session_file._SessionLoader
    assert session_file._read(text, path, yaml_loading.fast(loader)) == session_file._read(
        text, path, loader
    )


def test_a_refused_text_is_refused_in_the_python_parsers_words():
    with pytest.raises(yaml.YAMLError) as refused:
        yaml_loading.safe_load("a: b: c")
    assert refused.value.problem == "mapping values are not allowed here"  # type: ignore[attr-defined]
    with pytest.raises(InputError, match="mapping values are not allowed here") as in_file:
        parse_session("session: a: b", file="s.yaml")
    assert in_file.value.field == "line 1, column 11"


def test_the_loaders_own_constructors_come_with_it():
    """The session loader refuses a key given twice, with the C parser under it too."""
    fast = yaml_loading.fast(session_file._SessionLoader)
    with pytest.raises(InputError, match="given twice in one mapping"):
        yaml.load("a: 1\nb: 2\na: 3\n", Loader=fast)
