"""Draft a determination for a whole case: the one entry point of the engine.

For each disputed item: read the request as written (a "modified" UR decision does not change what
is decided: the IMR decides the original request), find the guideline topic in force on the item's
governing date, check each criterion against the facts of the records, decide, and write the trace,
the documentation gaps and the rationale. Nothing here raises for bad input: what cannot be decided
gets ``decision: null`` and ``needs_review: true`` with the reason, and every problem is stated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import imr
from imr.engine.governing_date import BASIS_TODAY, case_date_problems, governing_date
from imr.engine.judge import Judgement, judge
from imr.engine.rationale import RationaleInput, rationale, ur_modified
from imr.engine.timing import StageClock, maybe
from imr.engine.trace import documentation_gaps, due_to, mark_decisive
from imr.errors import ImrError
from imr.facts import extract_facts
from imr.facts.roles import record_names
from imr.items import normalize_request
from imr.knowledge import Knowledge
from imr.knowledge.drug_list import status_on, status_sentence
from imr.models import (
    CaseFile,
    ClinicalFacts,
    CriterionResult,
    Decision,
    Determination,
    ItemDetermination,
    ItemKind,
    ItemRequest,
    NormalizedItem,
)
from imr.packets.quality import decisive_doubt
from imr.text.references import resolve


@dataclass(frozen=True, slots=True)
class CaseReading:
    """The facts of a case's records as the engine reads them, and what kept them from being read."""

    facts: ClinicalFacts | None
    problems: list[str]


def read_case(
    case: CaseFile,
    knowledge: Knowledge,
    *,
    as_of: dt.date | None = None,
    base_dir: Path | None = None,
    clock: StageClock | None = None,
) -> CaseReading:
    """The facts `draft` decides on, for a caller that needs them too (the case summary), so the
    records are read once and on the same reference date."""
    problems = case_date_problems(case)
    facts = _facts(case, knowledge, as_of=as_of, base_dir=base_dir, problems=problems, clock=clock)
    return CaseReading(facts, problems)


def draft(
    case: CaseFile,
    knowledge: Knowledge,
    *,
    as_of: dt.date | None = None,
    base_dir: Path | None = None,
    clock: StageClock | None = None,
    reading: CaseReading | None = None,
) -> Determination:
    """Draft a determination for every disputed item of `case`.

    `as_of` stands in for the governing date when the case gives no request or UR date;
    `base_dir` is where record paths are resolved; `clock`, when given, accumulates stage times;
    `reading`, when given, is `read_case` of the same case and arguments.
    """
    reading = reading or read_case(case, knowledge, as_of=as_of, base_dir=base_dir, clock=clock)
    facts, problems = reading.facts, list(reading.problems)
    items = [_item(case, item, facts, knowledge, as_of=as_of, clock=clock) for item in case.items]
    items = _follow_surgery(items, knowledge)
    return Determination(
        case_id=case.case_id,
        knowledge_base_version=knowledge.version,
        engine_version=imr.__version__,
        items=items,
        problems=problems,
        documents_reviewed=[record.id for record in case.records],
    )


def _facts(
    case: CaseFile,
    knowledge: Knowledge,
    *,
    as_of: dt.date | None,
    base_dir: Path | None,
    problems: list[str],
    clock: StageClock | None,
) -> ClinicalFacts | None:
    # Durations ("prescribed since December 2014") are measured to the case's governing date; with
    # none in the case, the extractor picks its own reference (the latest record date) over today.
    governing = governing_date(case, as_of=as_of, knowledge=knowledge)
    reference = governing.date if governing.basis != BASIS_TODAY else None
    try:
        with maybe(clock, "facts"):
            facts = extract_facts(case, knowledge, as_of=reference, base_dir=base_dir)
    except ImrError as exc:
        problems.append(f"the records cannot be read: {exc}")
        return None
    problems.extend(f"record {w.record}: {w.message}" for w in facts.warnings)
    problems.extend(f"records conflict on {c.topic}: {c.description}" for c in facts.contradictions)
    return facts


def _item(
    case: CaseFile,
    item: ItemRequest,
    facts: ClinicalFacts | None,
    knowledge: Knowledge,
    *,
    as_of: dt.date | None,
    clock: StageClock | None,
) -> ItemDetermination:
    when = governing_date(case, item, as_of=as_of, knowledge=knowledge)
    problems = list(when.problems)
    if ur_modified(item.ur_decision, item.ur_modified_to) and not item.ur_modified_to:
        problems.append(
            "the UR decision is 'modified' but ur_modified_to is missing; the request as written is decided"
        )
    base = ItemDetermination(
        request=item.request,
        decision=None,
        needs_review=True,
        governing_date=when.date,
        governing_date_basis=when.basis,
        ur_decision=item.ur_decision,
        problems=problems,
    )
    try:
        with maybe(clock, "normalize"):
            normalized = normalize_request(item.request, knowledge)
    except ImrError as exc:
        return _review(base, f"the request cannot be read: {exc}")
    base = base.model_copy(update={"normalized": normalized.to_public()})
    if not normalized.recognized:
        return _review(
            base, f"the request cannot be read: {normalized.unrecognized_reason or 'not recognized'}"
        )
    if facts is None:
        return _review(base, "the records could not be read, so no criterion can be checked")
    try:
        with maybe(clock, "resolve+judge"):
            judgement = judge(
                normalized, facts, when.date, knowledge, record_dates={r.id: r.date for r in case.records}
            )
    except ImrError as exc:
        return _review(base, str(exc))
    with maybe(clock, "rationale"):
        drafted = _from_judgement(base, case, item, judgement, knowledge, record_names(knowledge, facts))
    return _with_formulary(drafted, normalized, when.date, knowledge)


def _with_formulary(
    drafted: ItemDetermination, normalized: NormalizedItem, on: dt.date, knowledge: Knowledge
) -> ItemDetermination:
    """A drug's MTUS Drug Formulary status on the governing date, for the reviewer: said in the
    rationale when a source confirms it, noted (never called "unlisted") when none does."""
    formulary = knowledge.formulary
    if formulary is None or normalized.kind != ItemKind.DRUG:
        return drafted
    status = status_on(
        formulary, normalized.generics or ([normalized.generic] if normalized.generic else []), on
    )
    if status is None:
        return drafted
    sentence = status_sentence(formulary, status)
    update: dict[str, object] = {"formulary": sentence}
    if status.row is not None or status.drug_list.complete:
        update["rationale"] = f"{drafted.rationale} {sentence}".strip()
    return drafted.model_copy(update=update)


def _from_judgement(
    base: ItemDetermination,
    case: CaseFile,
    item: ItemRequest,
    judgement: Judgement,
    knowledge: Knowledge,
    names: dict[str, str],
) -> ItemDetermination:
    decision = None if judgement.needs_review else judgement.decision
    review_reason = (judgement.review_reason or "no decision could be drafted") if decision is None else None
    criteria = [
        c.model_copy(update={"finding": resolve(c.finding, names)})
        for c in mark_decisive(judgement.criteria, judgement.decisive)
    ]
    # a decision resting on text a scan read badly (or on a page it could not read) is not drafted
    doubt = decisive_doubt(case, criteria) if decision is not None else None
    if doubt is not None:
        decision, review_reason = (
            None,
            f"a deciding finding rests on text that was not read reliably: {doubt}",
        )
    phase_reason = resolve(judgement.phase_reason, names)
    review_reason = resolve(review_reason, names) if review_reason else None
    text = rationale(
        RationaleInput(
            request=item.request,
            decision=decision,
            guideline=judgement.guideline,
            criteria=criteria,
            due_to=due_to(knowledge.guidelines, judgement.reasons) if decision == Decision.UPHELD else (),
            review_reason=review_reason,
            ur_decision=item.ur_decision,
            ur_modified_to=item.ur_modified_to,
            phase=judgement.phase,
            phase_reason=phase_reason,
            search_sequence=knowledge.guidelines.index.search_sequence,
        )
    )
    gaps = [
        g.model_copy(update={"missing": resolve(g.missing, names), "effect": resolve(g.effect, names)})
        for g in documentation_gaps(criteria, judgement.documentation_gaps, decision)
    ]
    return base.model_copy(
        update={
            "decision": decision,
            "needs_review": decision is None,
            "review_reason": review_reason,
            "guideline": judgement.guideline,
            "criteria": criteria,
            "rationale": text,
            "documentation_gaps": gaps,
            "phase": judgement.phase,
            "reasons": judgement.reasons if decision is not None or judgement.decision is None else [],
            "phase_reason": phase_reason or None,
            "phase_evidence": judgement.phase_finding.evidence if judgement.phase_finding else [],
            "unconfirmed_basis": judgement.unconfirmed_basis,
        }
    )


SURGERY_DEPENDENCY = "case.surgery_necessary"


def _follow_surgery(items: list[ItemDetermination], knowledge: Knowledge) -> list[ItemDetermination]:
    """A service asked only for a surgery (index.yaml surgery_adjuncts: an inpatient stay, post-op
    therapy; any request marked post-op or pre-op, surgery_adjunct_modifiers) is not medically
    necessary when the surgery disputed with it is not: the trace says so first (its own criteria are
    kept, deciding nothing). With the surgery supported, undecided or not disputed, the item stays as
    drafted (for the physician)."""
    adjuncts = set(knowledge.guidelines.index.surgery_adjuncts)
    tying = {m.lower() for m in knowledge.guidelines.index.surgery_adjunct_modifiers}
    surgeries = [d for d in items if d.normalized.get("kind") == "surgery"]
    if not surgeries or any(d.decision != Decision.UPHELD for d in surgeries):
        return items
    surgery = surgeries[0]
    out: list[ItemDetermination] = []
    for determination in items:
        modifiers = {str(m).lower() for m in determination.normalized.get("modifiers", [])}
        tied = determination.normalized.get("service") in adjuncts or bool(modifiers & tying)
        if not tied or determination.normalized.get("kind") == "surgery":
            out.append(determination)
            continue
        own_guideline = determination.guideline is not None
        text = (
            f"The request for {determination.request} is made together with {surgery.request}, and it is "
            f"needed only for that operation. The request for {surgery.request} is not medically "
            f"necessary (see the decision on that item). As the procedure it serves is not medically "
            f"necessary, the request for {determination.request} is not medically necessary."
        )
        out.append(
            determination.model_copy(
                update={
                    "decision": Decision.UPHELD,
                    "needs_review": False,
                    "review_reason": None,
                    "guideline": surgery.guideline,
                    "rationale": text,
                    "criteria": [
                        CriterionResult(
                            id=SURGERY_DEPENDENCY,
                            kind="surgery_adjunct",
                            result="not_met",
                            finding=f"needed only for {surgery.request}, which is not medically necessary",
                            decisive=True,
                        ),
                        *(c.model_copy(update={"decisive": False}) for c in determination.criteria),
                    ],
                    "documentation_gaps": [],
                    "reasons": list(surgery.reasons[:1]) or ["not_a_candidate"],
                    # a phase is read under the item's own guideline (post-op therapy has one); a stay
                    # with none has no phase
                    **({} if own_guideline else {"phase": None, "phase_reason": None, "phase_evidence": []}),
                    "unconfirmed_basis": surgery.unconfirmed_basis,
                }
            )
        )
    return out


def _review(base: ItemDetermination, reason: str) -> ItemDetermination:
    text = rationale(
        RationaleInput(
            request=base.request,
            decision=None,
            guideline=None,
            criteria=(),
            review_reason=reason,
            ur_decision=base.ur_decision,
        )
    )
    return base.model_copy(update={"review_reason": reason, "rationale": text})
