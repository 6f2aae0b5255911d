"""Workflow steps on the service: confirm versus override, states, and what the audit log records."""

from __future__ import annotations

import pytest

from imr.errors import ConflictError, WorkflowError
from imr.facts.document import ClinicalDoc
from imr.knowledge import Knowledge
from imr.models import Decision, Fact
from imr.store.store import Store
from imr.workflow.signing import SignItem
from store.databases import ADMIN, PASSPHRASE
from workflow.helpers import CASE_ID, ENGINE, REVIEWER, assigned, one_decided_one_open, service


def test_confirm_takes_the_draft_and_override_needs_a_reason(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ENGINE, one_decided_one_open)
    svc = service(store)
    assigned(svc)
    svc.draft(REVIEWER, CASE_ID)

    with pytest.raises(WorkflowError, match="no draft decision to confirm"):
        svc.sign(REVIEWER, CASE_ID, 2, SignItem(passphrase=PASSPHRASE, action="confirm"))
    confirmed = svc.sign(REVIEWER, CASE_ID, 1, SignItem(passphrase=PASSPHRASE, action="confirm"))
    assert (confirmed.action, confirmed.decision) == ("confirm", "Overturned")
    assert svc.get_case(ADMIN, CASE_ID).state == "drafted"

    overridden = svc.sign(
        REVIEWER,
        CASE_ID,
        2,
        SignItem(
            passphrase=PASSPHRASE,
            action="override",
            decision=Decision.UPHELD,
            reason="not shown",
            rationale="Not supported.",
            guideline={"title": "ODG Pain chapter", "source": "ODG", "non_mtus": True},
        ),
    )
    assert (overridden.decision, overridden.override_reason) == ("Upheld", "not shown")
    assert svc.get_case(ADMIN, CASE_ID).state == "signed"

    with pytest.raises(ConflictError, match="already signed"):
        svc.sign(
            REVIEWER,
            CASE_ID,
            1,
            SignItem(
                passphrase=PASSPHRASE,
                action="override",
                decision=Decision.UPHELD,
                reason="changed my mind",
                rationale="r",
            ),
        )
    with pytest.raises(WorkflowError, match="cannot draft"):
        svc.draft(REVIEWER, CASE_ID)

    letter = svc.issue(REVIEWER, CASE_ID)
    content, view = svc.letter(ADMIN, CASE_ID)
    assert content.startswith(b"%PDF") and view.sha256 == letter.sha256
    signed = [e.details for e in svc.audit(ADMIN, CASE_ID) if e.action == "item.signed"]
    assert [(d["item"], d["action"], d["decision"], d["draft_decision"]) for d in signed] == [
        (1, "confirm", "Overturned", "Overturned"),
        (2, "override", "Upheld", None),
    ]


def test_an_override_needs_a_decision_a_real_reason_and_its_own_rationale() -> None:
    with pytest.raises(ValueError, match="reason"):
        SignItem(
            passphrase=PASSPHRASE, action="override", decision=Decision.UPHELD, reason="  ", rationale="r"
        )
    with pytest.raises(ValueError, match="rationale"):
        SignItem(passphrase=PASSPHRASE, action="override", decision=Decision.UPHELD, reason="why")
    with pytest.raises(ValueError, match="decision"):
        SignItem.model_validate({"action": "override", "reason": "x"})
    with pytest.raises(ValueError, match="decision"):
        SignItem.model_validate({"action": "confirm", "decision": "Upheld"})


def test_redrafting_keeps_every_draft(store: Store) -> None:
    svc = service(store)
    assigned(svc)
    assert svc.draft(REVIEWER, CASE_ID)[0].version == 1
    assert svc.draft(ADMIN, CASE_ID)[0].version == 2
    drafts = [e.details["draft_version"] for e in svc.audit(ADMIN, CASE_ID) if e.action == "case.drafted"]
    assert drafts == [1, 2]


def test_a_draft_reads_the_records_once_for_the_decision_and_the_summary(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    # Every reading of the records goes through the extractor's `facts_of`, once per record.
    extract = importlib.import_module("imr.facts.extract")
    reads: list[str] = []
    real = extract.facts_of

    def counted(doc: ClinicalDoc, knowledge: Knowledge) -> list[Fact]:
        reads.append(doc.record)
        return real(doc, knowledge)

    monkeypatch.setattr(extract, "facts_of", counted)
    svc = service(store)
    assigned(svc)
    draft, _ = svc.draft(REVIEWER, CASE_ID)
    assert reads and len(reads) == len(set(reads))
    assert draft.summary and draft.summary["paragraphs"]
