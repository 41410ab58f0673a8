"""The shipped JSON Schema matches the session model, and the shipped sessions satisfy it."""

from __future__ import annotations

import json

import jsonschema
import yaml

from scheduler.schema import session_json_schema_text, shipped_schema_text
from tests.conftest import COP9, TINY


def test_shipped_schema_is_current():
    assert shipped_schema_text() == session_json_schema_text(), (
        "regenerate with: schedule schema -o scheduler/data/session.schema.json"
    )


def test_shipped_sessions_satisfy_the_schema():
    schema = json.loads(shipped_schema_text())
    for path in (COP9, TINY):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        # JSON Schema sees YAML dates as strings: round-trip through JSON as an editor would.
        jsonschema.validate(json.loads(json.dumps(data, default=str)), schema)


def test_schema_refuses_an_unknown_key():
    schema = json.loads(shipped_schema_text())
    data = yaml.safe_load(TINY.read_text(encoding="utf-8"))
    data["items"][0]["minuts"] = 3
    errors = list(
        jsonschema.Draft202012Validator(schema).iter_errors(
            json.loads(json.dumps(data, default=str))
        )
    )
    assert any("minuts" in e.message for e in errors)
