"""One record after extraction: its case-file entry, its annotated document and its facts."""

from __future__ import annotations

from dataclasses import dataclass, field

from imr.facts.document import ClinicalDoc
from imr.models.case import Record
from imr.models.facts import Fact


@dataclass(slots=True)
class ReadRecord:
    record: Record
    doc: ClinicalDoc
    facts: list[Fact] = field(default_factory=list)
