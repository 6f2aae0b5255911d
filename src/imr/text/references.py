"""Record references inside findings: a finding names a record by a token, and the draft resolves
it to the record's name in prose ("the progress report of 2/17/2015"), so evaluators need not know
how records are named and the JSON keeps the same words as the letter."""

from __future__ import annotations

import re
from collections.abc import Mapping

from imr.text.prose import join_and

_REF = re.compile(r"\[\[([^\[\]]+)\]\]")


def ref(record_id: str) -> str:
    """The token that stands for a record in a finding."""
    return f"[[{record_id}]]"


def resolve(text: str, names: Mapping[str, str]) -> str:
    """`text` with every record token replaced by the record's name (its id when unknown)."""
    return _REF.sub(lambda m: names.get(m.group(1), m.group(1)), text)


def join_names(records: list[str]) -> str:
    """Record tokens joined for prose: "A", "A and B", "A, B and C"."""
    return join_and([ref(r) for r in records])
