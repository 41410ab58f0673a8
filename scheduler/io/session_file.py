"""Load a session file (YAML) into a validated `Session`, with errors a planner can read."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from scheduler.errors import InputError, InputErrors
from scheduler.session import Session


def load_session(path: str | Path) -> Session:
    """Read and validate a session file; raise `InputError` naming file, field and value."""
    path = Path(path)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        from scheduler.io.session_workbook import load_session_workbook  # imports this module

        return load_session_workbook(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such file", file=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a session file", file=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot be read ({exc})", file=path) from None
    return parse_session(text, file=path)


def parse_session(text: str, file: str | Path = "<session>") -> Session:
    """Parse the YAML text of a session file."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"not valid YAML: {problem}", file=file, field=where) from None
    if not isinstance(data, dict):
        raise InputError(
            "a session file is a YAML mapping with keys session, rooms, bodies, items, ...",
            file=file,
        )
    return session_from_data(data, file=file)


def session_from_data(data: dict[str, Any], file: str | Path = "<session>") -> Session:
    """Validate already-parsed data (from YAML or a workbook) into a `Session`."""
    try:
        return Session.model_validate(data)
    except ValidationError as exc:
        raise InputErrors(_errors(exc, file)) from None


def _field(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.startswith("function-") or part in {"constrained-str", "str", "int"}:
            continue
        else:
            out += ("." if out else "") + part
    return out


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The pydantic model that the location `loc` (without its last part) points into."""
    model: Any = Session
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if hasattr(model, "model_fields") else None
        if field is None:
            return None
        annotation = field.annotation
        for candidate in (annotation, *getattr(annotation, "__args__", ())):
            inner = getattr(candidate, "__args__", (candidate,))
            found = next(
                (c for c in inner if isinstance(c, type) and issubclass(c, BaseModel)), None
            )
            if found is None and isinstance(candidate, type) and issubclass(candidate, BaseModel):
                found = candidate
            if found is not None:
                model = found
                break
        else:
            return None
    return model if isinstance(model, type) else None


def _errors(exc: ValidationError, file: str | Path) -> list[InputError]:
    errors: list[InputError] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        field = _field(loc)
        kind = err["type"]
        message = str(err["msg"])
        if kind == "value_error":
            message = message.removeprefix("Value error, ")
            # Cross-reference errors come as lines "field: value: problem".
            for line in message.splitlines():
                sub_field, _, rest = line.partition(": ")
                if rest and not field:
                    errors.append(InputError(rest, file=file, field=sub_field))
                else:
                    errors.append(InputError(line, file=file, field=field or None))
            continue
        if kind == "extra_forbidden":
            model = _model_at(loc[:-1])
            known = list(model.model_fields) if model else []
            close = difflib.get_close_matches(str(loc[-1]), known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            valid = f" (valid keys: {', '.join(known)})" if known and not close else ""
            errors.append(InputError(f"unknown key{hint}{valid}", file=file, field=field))
            continue
        if kind == "missing":
            errors.append(InputError("missing", file=file, field=field))
            continue
        errors.append(
            InputError(message, file=file, field=field, value=err.get("input"), has_value=True)
        )
    return errors
