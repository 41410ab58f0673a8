"""Load a session file (YAML) into a validated `Session`, with errors a planner can read."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from scheduler import session as session_model
from scheduler import yaml_loading
from scheduler.errors import InputError, InputErrors
from scheduler.session import Session


def load_session(path: str | Path) -> Session:
    """Read and validate a session file; raise `InputError` naming file, field and value."""
    path = Path(path)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        from scheduler.io.session_workbook import load_session_workbook  # imports this module

        if is_timetable_workbook(path):
            raise InputError(
                "is a timetable workbook, not a session: give the session file (YAML) or "
                "session workbook it was solved from",
                file=path,
            )
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


#: The sheets of a timetable workbook (`schedule solve`'s output) that a session has none of.
TIMETABLE_SHEETS = frozenset({"Assignments", "Meetings"})


def is_timetable_workbook(path: Path) -> bool:
    """Whether `path` is a timetable workbook (it has the Assignments and Meetings sheets, and
    no Session sheet), told from its sheet names alone; False for any file that cannot tell."""
    import openpyxl

    from scheduler.io.zipguard import parse_office_file

    def sheet_names() -> set[str]:
        book = openpyxl.load_workbook(path, read_only=True)
        try:
            return set(book.sheetnames)
        finally:
            book.close()

    try:  # within the size limits of every workbook read
        names = parse_office_file(path, sheet_names)
    except Exception:  # not a workbook, or a refused one: the session reader says why
        return False
    return names >= TIMETABLE_SHEETS and "Session" not in names


#: Nesting deeper than this is no session file (and would exhaust the parser's recursion).
MAX_DEPTH = 50
#: Values in the file once its aliases are expanded. A session at every documented size limit
#: has a few hundred thousand; a YAML alias bomb has billions, and is refused before it is built.
MAX_NODES = 2_000_000


def parse_session(text: str, file: str | Path = "<session>") -> Session:
    """Parse the YAML text of a session file."""
    try:
        data = yaml_loading.read(lambda loader: _read(text, file, loader), _SessionLoader)
    except InputError as exc:
        raise (exc if exc.file else exc.in_file(file)) from None
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
    try:
        return session_from_data(data, file=file)
    except InputErrors as exc:
        raise InputErrors([_named_by_id(e, data) for e in exc.errors]) from None
    except InputError as exc:
        raise _named_by_id(exc, data) from None


#: A list entry's place (`items[12]`) or a name in a field's path, in the order written.
_PLACE = re.compile(r"\[(\d+)\]|(\w+)|(/)")
#: An id that can stand for its entry in a field's path (not one that is itself the error).
_SHOWN_ID = re.compile(r"[\w.+-]{1,40}")


def _named_by_id(error: InputError, data: dict[str, Any]) -> InputError:
    """The error with each list entry that has an id named by it: `items[id=2b].minutes`, not
    `items[12].minutes`, as a planner finds an item in the file by its id, not by counting.
    (A session workbook's errors keep their places: they are mapped to rows and cells.)"""
    if not error.field:
        return error
    node: Any = data
    out: list[str] = []
    end = 0
    for match in _PLACE.finditer(error.field):
        out.append(error.field[end : match.start()])
        end = match.end()
        index, name, slash = match.groups()
        if slash:
            node = data  # `items/meetings`: each name from the top
            out.append(slash)
        elif name is not None:
            node = node.get(name) if isinstance(node, dict) else None
            out.append(name)
        else:
            entry = node[int(index)] if isinstance(node, list) and int(index) < len(node) else None
            key = entry.get("id") if isinstance(entry, dict) else None
            shown = str(key) if isinstance(key, str | int) and not isinstance(key, bool) else ""
            out.append(f"[id={shown}]" if _SHOWN_ID.fullmatch(shown) else match.group())
            node = entry
    out.append(error.field[end:])
    field = "".join(out)
    if field == error.field:
        return error
    return InputError(
        error.problem, file=error.file, field=field, value=error.value, has_value=error.has_value
    )


def _read(text: str, file: str | Path, loader: type) -> Any:
    """The values of the file, by `loader`, once its size is checked."""
    _check_size(text, file, loader)
    return yaml.load(text, Loader=loader)


def _check_size(text: str, file: str | Path, loader: type = yaml.SafeLoader) -> None:
    """Refuse nesting and alias expansion beyond the limits, from the parser's events alone.

    The events come from an iterative parser, so a 1,000-deep file or an alias bomb costs a
    pass over the text, never the recursion or memory of building what it describes.
    """
    depth = 0
    nodes = 0
    open_sizes: list[int] = []
    open_anchors: list[str | None] = []
    expanded: dict[str, int] = {}  # anchor -> values under it, its own aliases expanded

    def count(n: int) -> None:
        nonlocal nodes
        nodes += n
        for k in range(len(open_sizes)):
            open_sizes[k] += n
        if nodes > MAX_NODES:
            raise InputError(
                f"has more than {MAX_NODES:,} values once its aliases (*name) are expanded; "
                "a session file needs far fewer",
                file=file,
            )

    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise InputError(
                    f"nested more than {MAX_DEPTH} levels deep; a session file needs a few",
                    file=file,
                    field=f"line {mark.line + 1}" if mark else None,
                )
            count(1)
            open_sizes.append(1)
            open_anchors.append(event.anchor)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            size, anchor = open_sizes.pop(), open_anchors.pop()
            if anchor is not None:
                expanded[anchor] = size
        elif isinstance(event, yaml.ScalarEvent):
            count(1)
            if event.anchor is not None:
                expanded[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            count(expanded.get(event.anchor or "", 1))


class _SessionLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a key given twice in one mapping (YAML keeps the last)."""


def _mapping_without_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Any:
    seen: dict[object, int] = {}
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue  # `<<: *defaults` then a key of its own is overriding, not a duplicate
        key = loader.construct_object(key_node)  # type: ignore[no-untyped-call]
        line = key_node.start_mark.line + 1
        try:
            first = seen.get(key)
        except TypeError:
            continue  # an unhashable key: YAML's constructor reports it
        if first is not None:
            raise InputError(
                f"is given twice in one mapping (lines {first} and {line}); keep one",
                field=f"line {line}",
                value=key,
            )
        seen[key] = line
    return loader.construct_mapping(node)


_SessionLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _mapping_without_duplicates,  # type: ignore[arg-type]
)


def session_from_data(data: dict[str, Any], file: str | Path = "<session>") -> Session:
    """Validate already-parsed data (from YAML or a workbook) into a `Session`."""
    _refuse_control_characters(data, file)
    try:
        return Session.model_validate(data)
    except ValidationError as exc:
        raise InputErrors(_errors(exc, file)) from None


#: Characters no workbook, Word document or calendar can hold (XML 1.0 refuses them): a text
#: that carries one is refused here, not when the last output is written.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _refuse_control_characters(data: Any, file: str | Path, where: str = "") -> None:
    if isinstance(data, str):
        if _CONTROL.search(data):
            raise InputError(
                "holds a control character (such as NUL or ESC); remove it",
                file=file,
                field=where or None,
                value=data,
            )
    elif isinstance(data, dict):
        for key, value in data.items():
            _refuse_control_characters(key, file, where)
            _refuse_control_characters(value, file, f"{where}.{key}" if where else str(key))
    elif isinstance(data, list | tuple):
        for index, value in enumerate(data):
            _refuse_control_characters(value, file, f"{where}[{index}]")


def _is_branch(part: int | str) -> bool:
    """A part of pydantic's location that names a type tried, not a key of the file: one of
    the choices of a union (`str`, `list[constrained-str]`, `Titles`) or a validator."""
    return (
        isinstance(part, str)
        and part != "[key]"
        and (
            part in {"constrained-str", "str", "int"}
            or part.startswith("function-")
            or "[" in part
            or part in _MODEL_NAMES
        )
    )


#: The models of the file, as pydantic names a union's choice of one (`Titles`).
_MODEL_NAMES = frozenset(
    name
    for name, value in vars(session_model).items()
    if isinstance(value, type) and issubclass(value, BaseModel)
)


def _field(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part == "[key]":  # a key of a mapping (a date of holiday_names) is the value
            out = out.rpartition(".")[0]
        elif _is_branch(part):
            continue
        else:
            out += ("." if out else "") + part
    return out


#: What a field that takes one of several forms accepts, said once when no form fits.
_FORMS = {
    "body": "give one body id (plenary), or for a joint meeting a list of two or more "
    "different bodies ([wg-a, wg-b])",
    "name": "give one text for every language, or one per language ({en: ..., fr: ...})",
}


def _one_per_field(errors: list[Any]) -> list[Any]:
    """pydantic's errors with a union's failed choices said once per field (a value fits none
    of the forms the field takes), in the order found."""
    result: list[Any] = []
    unions: dict[tuple[int | str, ...], dict[str, Any]] = {}
    for err in errors:
        loc = tuple(err["loc"])
        branch = next((k for k, part in enumerate(loc) if _is_branch(part)), None)
        if branch is None or err["type"] in {"value_error", "missing", "extra_forbidden"}:
            result.append(err)
            continue
        head = loc[:branch]
        if head in unions:
            continue
        name = next((part for part in reversed(head) if isinstance(part, str)), "")
        union = {
            "loc": head,
            "type": "union",
            "msg": _FORMS.get(name, str(err["msg"])),
            "input": err.get("input"),
        }
        unions[head] = union
        result.append(union)
    return result


def _sub_field(model: type[BaseModel] | None, head: str) -> bool:
    """Whether a message's `head: ...` names a field inside `model` (`holiday_names`,
    `day_periods[1].dates`): then it is the field the message is about."""
    match = re.fullmatch(r"([a-z_]+)(\[\d+\])?(\.[a-z_]+(\[\d+\])?)*", head)
    return bool(match and model is not None and match.group(1) in model.model_fields)


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


#: The format a date, a moment or a clock time is written in, by pydantic's kind of error.
_DAY = "YYYY-MM-DD (e.g. 2030-03-04)"
_MOMENT = "YYYY-MM-DD HH:MM (e.g. 2030-03-04 10:00)"
_DATE_FORMATS = {
    "date_parsing": _DAY,
    "date_from_datetime_parsing": _DAY,
    "date_from_datetime_inexact": _DAY,
    "date_type": _DAY,
    "datetime_parsing": _MOMENT,
    "datetime_from_date_parsing": _MOMENT,
    "datetime_type": _MOMENT,
    "time_parsing": "HH:MM (e.g. 09:30)",
    "time_type": "HH:MM (e.g. 09:30)",
}


def _errors(exc: ValidationError, file: str | Path) -> list[InputError]:
    errors: list[InputError] = []
    for err in _one_per_field(exc.errors(include_url=False)):
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
                elif rest and _sub_field(_model_at(loc), sub_field):
                    errors.append(InputError(rest, file=file, field=f"{field}.{sub_field}"))
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
        if kind in _DATE_FORMATS:
            message = f"{message}; write it {_DATE_FORMATS[kind]}"
        if kind in {"model_type", "dict_type"} and (model := _model_at(loc)) is not None:
            keys = ", ".join(model.model_fields)
            message = f"give a mapping with the keys {keys}"
        errors.append(
            InputError(message, file=file, field=field, value=err.get("input"), has_value=True)
        )
    return errors
