"""`schedule convert`: a session between its two forms, YAML file and session workbook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from scheduler.cli.app import app
from scheduler.cli.common import console, ensure_writable, planner_errors
from scheduler.cli.options import ConvertSource, ConvertTarget
from scheduler.errors import InputError
from scheduler.session import Session

YAML_SUFFIXES = {".yaml", ".yml"}
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}


@app.command("convert")
def convert_command(source: ConvertSource, target: ConvertTarget) -> None:
    """Convert a session file to a session workbook, or back (comments of a YAML file are not
    carried over)."""
    from scheduler.io.session_file import load_session

    with planner_errors():
        kind = _kind(target, "TARGET")
        _kind(source, "SOURCE")
        ensure_writable(target, "TARGET", inputs={"SOURCE": source})
        session = load_session(source)
        write_session(target, session, kind, source_name=source.name)
    console.print(str(target), markup=False)


def write_session(
    path: Path, session: Session, kind: str | None = None, source_name: str | None = None
) -> None:
    """Write `session` as YAML or as a workbook, by `kind` ("yaml"/"workbook") or suffix."""
    from scheduler.io.atomic import write_text_atomically
    from scheduler.io.session_workbook import write_session_workbook

    if (kind or _kind(path, "TARGET")) == "workbook":
        write_session_workbook(path, session)
        return
    try:
        write_text_atomically(path, session_yaml_text(session, source_name))
    except OSError as exc:
        raise InputError(f"cannot be written ({exc.strerror or exc})", file=path) from None


def session_yaml_text(session: Session, source_name: str | None = None) -> str:
    """The session as a YAML session file; values equal to their defaults are left out."""
    data = _plain(session.model_dump(mode="python", exclude_defaults=True))
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    if source_name is None:
        return text
    return f"# Session file written by `schedule convert` from {source_name}.\n{text}"


class _Flow(dict[str, Any]):
    """A short mapping of plain values, written on one line: `{id: AM, start: '10:00'}`."""


class _FlowList(list[Any]):
    """A list of plain values, written on one line: `[2018-10-15, 2018-10-16]`."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True)
)
_Dumper.add_representer(
    _FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)
_FLOW_WIDTH = 90  # characters: longer mappings are written one key per line


def _plain(value: Any) -> Any:
    """Times as `HH:MM` and date-times as `YYYY-MM-DDTHH:MM`, as session files write them;
    short mappings and lists of plain values on one line, as in the shipped sessions."""
    if isinstance(value, dict):
        plain = {k: _plain(v) for k, v in value.items()}
        flat = all(not isinstance(v, dict | list) for v in plain.values())
        return _Flow(plain) if flat and len(str(plain)) <= _FLOW_WIDTH else plain
    if isinstance(value, list):
        items = [_plain(v) for v in value]
        flat = all(not isinstance(v, dict | list) for v in items)
        return _FlowList(items) if flat else items
    if isinstance(value, dt.datetime):
        spec = "minutes" if value.second == 0 and value.microsecond == 0 else "auto"
        return value.isoformat(timespec=spec)
    if isinstance(value, dt.time):
        spec = "minutes" if value.second == 0 and value.microsecond == 0 else "auto"
        return value.isoformat(timespec=spec)
    return value


def _kind(path: Path, argument: str) -> str:
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        return "yaml"
    if suffix in WORKBOOK_SUFFIXES:
        return "workbook"
    raise InputError(
        "unknown kind of file; name it .yaml (session file) or .xlsx (session workbook)",
        file=path,
        field=argument,
    )
