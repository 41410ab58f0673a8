"""The JSON Schema of session files, for editor completion and validation."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from scheduler.session import Session

SCHEMA_FILE = "session.schema.json"


def session_json_schema() -> dict[str, Any]:
    """The JSON Schema generated from the session model."""
    schema = Session.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Session file of the schedule tool"
    return schema


def session_json_schema_text() -> str:
    return json.dumps(session_json_schema(), indent=2, ensure_ascii=False) + "\n"


def shipped_schema_text() -> str:
    """The schema file shipped in the package (kept equal to the model by a test)."""
    return (files("scheduler") / "data" / SCHEMA_FILE).read_text(encoding="utf-8")
