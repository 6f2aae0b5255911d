from __future__ import annotations

from imr.guidelines.schema import SCHEMA_FILE, schema_text
from imr.knowledge import default_root


def test_the_exported_topic_schema_is_up_to_date() -> None:
    stored = (default_root() / "schema" / SCHEMA_FILE).read_text(encoding="utf-8")
    assert stored == schema_text(), "run `imr guidelines schema --write`"
