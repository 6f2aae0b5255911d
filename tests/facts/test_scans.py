"""A pattern is not scanned over a text that lacks the literals its every match contains: the
matches must be exactly those of scanning every text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from imr.facts.benefit import benefit_rules
from imr.facts.pipeline import default_pipeline
from imr.facts.usage import usage_rules
from imr.knowledge import Knowledge
from imr.text.required import may_match, required_literals
from imr.text.tokens import lower_same_length

BLIND = Path(__file__).resolve().parents[1] / "blind" / "dev.jsonl"


def _texts() -> list[str]:
    texts = []
    for line in BLIND.read_text(encoding="utf-8").splitlines():
        texts += [lower_same_length(r["text"]) for r in json.loads(line)["records"] if r.get("text")]
    return texts


@pytest.mark.parametrize(
    ("pattern", "required"),
    [
        (r"\bpositive\s+spurling\b", (("positive",), ("spurling",))),
        (r"\b(?:tear|rupture)\s+of", (("rupture", "tear"), ("of",))),
        (r"ab\bc", (("abc",),)),  # a zero-width assertion joins the literals either side
        (r"(?:foo)?bar", (("bar",),)),  # optional: not required
        (r"x{0,3}yz", (("yz",),)),
        (r"x{2,3}y", (("x",), ("y",))),
        (r"pos(?:itive)?\b", (("pos",),)),
        (r"\bfoo\w+|bar", (("bar", "foo"),)),
        (r"\bfoo|[a-z]+bar|\d", ()),  # one alternative needs no literal: nothing is required
        (r"(?=abc)\d", ()),  # what a look-around reads is not taken as required
        (r"(?i)abc", ()),  # case-insensitive: the text's own case may differ
        (r"x(?i:abc)", (("x",),)),
        (r"(?:pt|ptx|physical\s+therapy)", (("physical", "pt"),)),  # "ptx" holds "pt"
    ],
)
def test_the_required_literals(pattern: str, required: tuple[tuple[str, ...], ...]) -> None:
    found = required_literals(re.compile(pattern))
    assert sorted(found) == sorted(required)


def test_a_text_lacking_one_required_set_cannot_match() -> None:
    required = required_literals(re.compile(r"\b(?:tear|rupture)\s+of\s+the\s+acl"))
    assert may_match("complete rupture of the acl", required)
    assert not may_match("complete rupture of the pcl", required)
    assert may_match("anything at all", ())


def _patterns(knowledge: Knowledge) -> list[re.Pattern[str]]:
    components = dict(default_pipeline(knowledge).components)
    matchers = [
        components["targets"]._matcher,  # type: ignore[attr-defined]
        components["context"]._matcher,  # type: ignore[attr-defined]
        usage_rules(knowledge).matcher,
    ]
    patterns = [regex for matcher in matchers for regex, _ in matcher._patterns]
    return patterns + [regex for _, _, regex in benefit_rules(knowledge).patterns]


def test_no_text_a_pattern_is_skipped_on_holds_a_match(knowledge: Knowledge) -> None:
    texts = _texts()
    skipped = 0
    for regex in _patterns(knowledge):
        required = required_literals(regex)
        for text in texts:
            if not may_match(text, required):
                skipped += 1
                assert regex.search(text) is None, regex.pattern
    # most patterns match in few records: most scans are skipped
    assert skipped > len(texts) * len(_patterns(knowledge)) // 2
