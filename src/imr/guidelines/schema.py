"""The exported JSON Schema of a topic file (kept in knowledge/schema/, checked by a test)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from imr.guidelines.model import TopicFile
from imr.knowledge import default_root

SCHEMA_FILE = "topic.schema.json"


def topic_schema() -> dict[str, Any]:
    schema = TopicFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "imr guideline topic"
    return schema


def schema_text() -> str:
    return json.dumps(topic_schema(), indent=2, sort_keys=True) + "\n"


def write_schema(root: Path | None = None) -> Path:
    """Write the schema into <knowledge>/schema/ and return its path."""
    target = (root or default_root()) / "schema" / SCHEMA_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(schema_text(), encoding="utf-8")
    return target
