"""One sentence, one rule, one assertion for every shipped context rule (as medspaCy's tests do)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from imr.facts import Pipeline
from imr.knowledge import load_knowledge
from imr.knowledge.nlp import ContextRule
from imr.models.facts import ModifierCategory

# Rules whose cue is a pattern, or whose literal is not the text: an example sentence and its target.
EXAMPLES: dict[str, tuple[str, str]] = {
    "none": ("Numbness: none.", "numbness"),
    "substances: not detected": ("Opiates, illicit drugs: NOT DETECTED.", "illicit drugs"),
    # cues limited to treatments or outcomes
    "declined": ("She declined acupuncture.", "acupuncture"),
    "declines": ("She declines acupuncture.", "acupuncture"),
    "refused": ("She refused acupuncture.", "acupuncture"),
    "refuses": ("She refuses acupuncture.", "acupuncture"),
    "unable to report": ("He is unable to report improved sleep.", "improved sleep"),
    "unable to identify": ("He is unable to identify improved sleep.", "improved sleep"),
    "cannot identify": ("He cannot identify improved sleep.", "improved sleep"),
    "could not identify": ("He could not identify improved sleep.", "improved sleep"),
    "cannot name": ("He cannot name improved sleep.", "improved sleep"),
    "could not name": ("He could not name improved sleep.", "improved sleep"),
    "did not sufficiently present": (
        "The records did not sufficiently present findings of numbness.",
        "numbness",
    ),
    "does not indicate": ("The documentation does not indicate numbness.", "numbness"),
    "none of the … were noted": ("None of the numbness episodes described were noted.", "numbness"),
    "was not noted": ("Numbness was not noted.", "numbness"),
    "treatment to date has included": ("Treatment to date has included acupuncture.", "acupuncture"),
    "medication history has included": ("Medication history has included acupuncture.", "acupuncture"),
    "family member": ("His mother reports numbness.", "numbness"),
    "mother has": ("Mother has numbness.", "numbness"),
    "h/o": ("H/O numbness.", "numbness"),
    "non": ("Back pain, non-radiating.", "radiating"),
    # an operation advised, offered or awaited is not one done
    "recommended": ("Surgery recommended.", "surgery"),
    "recommend": ("Recommend surgery.", "surgery"),
    "recommends": ("He recommends surgery.", "surgery"),
    "discussed": ("Surgery was discussed.", "surgery"),
    "offered": ("She was offered surgery.", "surgery"),
    "considering": ("He is considering surgery.", "surgery"),
    "candidate for": ("She is a candidate for surgery.", "surgery"),
    "awaiting": ("He is awaiting surgery.", "surgery"),
    "defer to": ("Defer to ortho re surgery.", "surgery"),
    "was not run": ("Acupuncture was not done.", "acupuncture"),
    "r/o after": ("Dx: numbness r/o.", "numbness"),
    "question mark before": ("Dx: ?numbness.", "numbness"),
    "question mark after": ("Dx: numbness?", "numbness"),
    "which a coworker said": ("Asks for acupuncture, which a coworker said helped her.", "acupuncture"),
    "a coworker who had": ("A coworker who had acupuncture says it helps.", "acupuncture"),
}
CONTEXT_RULES = load_knowledge().nlp.context_rules
MODIFYING = [r for r in CONTEXT_RULES if r.direction in ("forward", "backward", "bidirectional")]
TERMINATING = [r for r in CONTEXT_RULES if r.direction == "terminate"]
PSEUDO = [r for r in CONTEXT_RULES if r.direction == "pseudo"]
TERMINATE_EXAMPLES = {
    ";": "no numbness; acupuncture",
    ", <region>": "no numbness, lumbar acupuncture",
    "and she": "no numbness and she had acupuncture",
}


def _sentence(rule: ContextRule) -> tuple[str, str]:
    if rule.literal in EXAMPLES:
        return EXAMPLES[rule.literal]
    if rule.direction == "backward":
        return f"Numbness {rule.literal}.", "numbness"
    return f"{rule.literal} numbness.", "numbness"


@pytest.mark.parametrize("rule", MODIFYING, ids=lambda r: r.id)
def test_cue_sets_its_category(
    rule: ContextRule, one_rule_pipeline: Callable[[list[ContextRule]], Pipeline]
) -> None:
    sentence, target = _sentence(rule)
    doc = one_rule_pipeline([rule])(sentence)
    mention = next(m for m in doc.mentions if doc.text[m.span.start : m.span.end].lower() == target)
    assert [m.category.value for m in mention.modifiers] == [rule.category]


@pytest.mark.parametrize("rule", TERMINATING, ids=lambda r: r.id)
def test_terminator_ends_scope(
    rule: ContextRule, one_rule_pipeline: Callable[[list[ContextRule]], Pipeline]
) -> None:
    stopped = (rule.terminates or ("negated",))[0]
    opener = next(r for r in CONTEXT_RULES if r.category == stopped and r.direction == "forward")
    sentence = TERMINATE_EXAMPLES.get(rule.literal, f"{opener.literal} numbness {rule.literal} acupuncture")
    if rule.literal in TERMINATE_EXAMPLES:
        opener = next(r for r in CONTEXT_RULES if r.literal == "no")
    doc = one_rule_pipeline([opener, rule])(sentence)
    acupuncture = next(m for m in doc.mentions if m.concept == "treatment.acupuncture")
    assert acupuncture.modifiers == []


@pytest.mark.parametrize("rule", PSEUDO, ids=lambda r: r.id)
def test_pseudo_cue_blocks_the_cue_inside_it(
    rule: ContextRule, one_rule_pipeline: Callable[[list[ContextRule]], Pipeline]
) -> None:
    words = rule.literal.split()
    inner = [
        r
        for r in MODIFYING
        if r.pattern is None and " ".join(words).find(r.literal) >= 0 and r.literal != rule.literal
    ]
    assert inner, f"pseudo rule {rule.literal!r} contains no cue, so it does nothing"
    doc = one_rule_pipeline([rule, *inner])(f"{rule.literal} numbness.")
    assert doc.mentions[0].modifiers == []


def test_no_rules_no_modifiers(one_rule_pipeline: Callable[[list[ContextRule]], Pipeline]) -> None:
    doc = one_rule_pipeline([])("No numbness.")
    assert doc.mentions[0].modifiers == []


def test_cue_outside_max_scope_does_not_modify(
    one_rule_pipeline: Callable[[list[ContextRule]], Pipeline],
) -> None:
    rule = ContextRule.from_dict({"literal": "no", "category": "negated", "max_scope": 2})
    doc = one_rule_pipeline([rule])("No pain in the neck or numbness.")
    assert doc.mentions[0].modifiers == []


def test_cue_does_not_cross_sentences(one_rule_pipeline: Callable[[list[ContextRule]], Pipeline]) -> None:
    rule = ContextRule.from_dict({"literal": "no", "category": "negated"})
    doc = one_rule_pipeline([rule])("No fever. Numbness in both feet.")
    assert doc.mentions[0].modifiers == []


def test_allowed_types_limit_a_cue(one_rule_pipeline: Callable[[list[ContextRule]], Pipeline]) -> None:
    rule = ContextRule.from_dict({"literal": "no", "category": "negated", "allowed_types": ["treatment."]})
    doc = one_rule_pipeline([rule])("No numbness.")
    assert doc.mentions[0].modifiers == []


def test_modifier_records_cue_and_rule(one_rule_pipeline: Callable[[list[ContextRule]], Pipeline]) -> None:
    rule = ContextRule.from_dict({"literal": "denies", "category": "negated"})
    modifier = one_rule_pipeline([rule])("She denies numbness.").mentions[0].modifiers[0]
    assert (modifier.cue, modifier.start, modifier.end, modifier.rule) == ("denies", 4, 10, "negated:denies")


def test_modifier_category_is_the_enum(one_rule_pipeline: Callable[[list[ContextRule]], Pipeline]) -> None:
    rule = ContextRule.from_dict({"literal": "if", "category": "hypothetical"})
    mention = one_rule_pipeline([rule])("If numbness persists.").mentions[0]
    assert mention.modifiers[0].category is ModifierCategory.HYPOTHETICAL


def test_a_reason_stated_as_a_fact_in_the_plan_is_affirmed_a_finding_is_the_reason_asked() -> None:
    from imr.facts import extract_text
    from imr.knowledge import load_knowledge

    text = (
        "Neck pain 6/10.\nPLAN: CBC, CMP (renal and hepatic function) - monitoring on long-term NSAID. "
        "Refer to pain management - treatment options beyond my scope. MRI to evaluate for muscle spasm."
    )
    facts = extract_text(text, load_knowledge())
    by_concept = {f.concept: f for f in facts}
    assert by_concept["finding.drug_monitoring"].affirmed
    assert by_concept["finding.diagnostic_uncertainty"].affirmed
    assert not by_concept["finding.muscle_spasm"].affirmed


def test_what_a_loss_of_independent_function_looks_like() -> None:
    from imr.facts import extract_text
    from imr.knowledge import load_knowledge

    for text in (
        "Needs help from wife with socks and shoes.",
        "Spends most of day in recliner.",
        "Needs wife's help putting on socks and shoes.",
        "Needs help getting in and out of the shower.",
    ):
        facts = extract_text(text, load_knowledge())
        assert any(f.concept == "finding.functional_loss" and f.affirmed for f in facts), text


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # a rule-out written after the diagnosis, at the end of the entry
        ("Assessment: 1. Cervical strain. 2. C6 radiculopathy r/o.", "finding.radiculopathy"),
        ("Dx: lumbar radiculitis - rule out (old entry).", "finding.radicular_pain"),
        # a diagnosis marked with a question mark
        ("Impression: ?radiculopathy, cervical sprain.", "finding.radiculopathy"),
        ("Impression: radiculopathy?, cervical sprain.", "finding.radiculopathy"),
    ],
)
def test_a_diagnosis_still_to_be_ruled_out_is_no_finding(text: str, concept: str) -> None:
    from imr.facts import extract_text

    facts = [f for f in extract_text(text, load_knowledge()) if f.concept == concept]
    assert facts, text
    assert not any(f.affirmed for f in facts), text


def test_a_rule_out_after_a_complaint_doubts_what_follows_it_only() -> None:
    from imr.facts import extract_text

    facts = extract_text("Neck pain radiating to R hand, r/o radiculopathy.", load_knowledge())
    assert any(f.concept == "finding.radicular_pain" and f.affirmed for f in facts)
    assert not any(f.concept == "finding.radiculopathy" and f.affirmed for f in facts)
