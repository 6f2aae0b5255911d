"""The invariant of issue 9 over every case the suite has (the blind set, the seed cases, the
examples): every decisive finding's evidence, and the phase's, is exact text of a clinical record
(never the UR decision, the IMR application or an attorney's letter), at least a whole clause."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from imr.engine import draft
from imr.facts.clauses import is_clause_span
from imr.facts.pipeline import default_pipeline
from imr.facts.roles import RecordRole, role_rules
from imr.knowledge import load_knowledge
from imr.models import CaseFile, Evidence

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE = load_knowledge()
SOURCES = [
    *sorted((ROOT / "tests" / "blind").glob("*.jsonl")),
    ROOT / "examples" / "seed-cases.jsonl",
]


def _cases() -> list[tuple[str, dict[str, object]]]:
    out: list[tuple[str, dict[str, object]]] = []
    for path in SOURCES:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                data = json.loads(line)
                data.pop("expected", None)
                out.append((f"{path.stem}:{data.get('case_id', n)}", data))
    for path in sorted((ROOT / "examples").glob("*.json")):
        out.append((path.stem, json.loads(path.read_text(encoding="utf-8"))))
    return out


CASES = _cases()


@cache
def _sentences(text: str) -> list[tuple[int, int]]:
    doc = default_pipeline(KNOWLEDGE)(text)
    return [(s.start, s.end) for s in doc.sentences]


def _check(case: CaseFile, evidence: Evidence, where: str) -> None:
    records = {r.id: r for r in case.records}
    record = records.get(evidence.record)
    assert record is not None and record.text is not None, f"{where}: unknown record {evidence.record}"
    role, _ = role_rules(KNOWLEDGE).role(record.kind, record.text)
    assert role != RecordRole.DISPUTE, f"{where}: evidence from {role} record {record.id}"
    assert record.text[evidence.start : evidence.end] == evidence.text, f"{where}: not the record's text"
    sentence = next((s for s in _sentences(record.text) if s[0] <= evidence.start < s[1]), None)
    assert sentence is not None, f"{where}: evidence outside every sentence"
    assert is_clause_span(record.text, sentence, (evidence.start, evidence.end)), (
        f"{where}: {evidence.text!r} is not a whole clause of {record.text[sentence[0] : sentence[1]]!r}"
    )


@pytest.mark.parametrize(("name", "data"), CASES, ids=[name for name, _ in CASES])
def test_decisive_evidence_is_a_clinical_clause(name: str, data: dict[str, object]) -> None:
    case = CaseFile.model_validate(data)
    determination = draft(case, KNOWLEDGE)
    for item in determination.items:
        for criterion in item.criteria:
            if criterion.decisive and criterion.result in ("met", "not_met"):
                for evidence in criterion.evidence:
                    _check(case, evidence, f"{name} {item.request} {criterion.id}")
        for evidence in item.phase_evidence:
            _check(case, evidence, f"{name} {item.request} phase")
