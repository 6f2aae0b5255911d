"""A crash in the middle of a step leaves the case as it was before the step, with no audit entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from imr.errors import NotFoundError
from imr.models import Decision
from imr.store.repository import Repository
from imr.store.store import Store
from imr.workflow.signing import SignItem
from imr.workflow.submission import CaseSubmission
from store.databases import ADMIN, INTAKE, PASSPHRASE
from store.samples import submission
from workflow.helpers import CASE_ID, ENGINE, REVIEWER, assigned, one_decided_one_open, service


class CrashError(Exception):
    pass


def crash_after(monkeypatch: pytest.MonkeyPatch, method: str, *, calls: int = 1) -> None:
    """Make Repository.<method> do its work, then crash on its `calls`-th call."""
    original: Callable[..., Any] = getattr(Repository, method)
    seen = {"n": 0}

    def crashing(self: Repository, *args: Any, **kwargs: Any) -> Any:
        result = original(self, *args, **kwargs)
        seen["n"] += 1
        if seen["n"] == calls:
            raise CrashError(f"crash after {method}")
        return result

    monkeypatch.setattr(Repository, method, crashing)


def test_crash_while_receiving_a_case(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    svc = service(store)
    crash_after(monkeypatch, "add_items")
    with pytest.raises(CrashError):
        svc.create_case(INTAKE, CaseSubmission.model_validate(submission(CASE_ID)))
    with pytest.raises(NotFoundError):
        svc.get_case(ADMIN, CASE_ID)
    with store.reading() as repo:
        assert repo.audit_log(CASE_ID) == []
    monkeypatch.undo()
    _, created = svc.create_case(INTAKE, CaseSubmission.model_validate(submission(CASE_ID)))
    assert created  # the retry is a clean first submission


def test_crash_while_storing_a_draft(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ENGINE, one_decided_one_open)
    svc = service(store)
    assigned(svc)
    crash_after(monkeypatch, "set_item_draft", calls=2)  # the first item's draft is written, then the crash
    with pytest.raises(CrashError):
        svc.draft(REVIEWER, CASE_ID)
    case = svc.get_case(ADMIN, CASE_ID)
    assert case.state == "assigned"
    assert [item.draft_decision for item in case.items] == [None, None]
    with store.reading() as repo:
        assert repo.latest_draft(repo.get_case(CASE_ID)) is None
    assert "case.drafted" not in [e.action for e in svc.audit(ADMIN, CASE_ID)]


def test_crash_while_signing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    svc = service(store)
    assigned(svc)
    svc.draft(REVIEWER, CASE_ID)
    crash_after(monkeypatch, "sign_item")
    with pytest.raises(CrashError):
        svc.sign(
            REVIEWER,
            CASE_ID,
            1,
            SignItem(
                passphrase=PASSPHRASE,
                action="override",
                decision=Decision.OVERTURNED,
                reason="r",
                rationale="t",
            ),
        )
    assert not svc.get_case(ADMIN, CASE_ID).items[0].signed
    assert "item.signed" not in [e.action for e in svc.audit(ADMIN, CASE_ID)]
    monkeypatch.undo()
    assert svc.sign(
        REVIEWER,
        CASE_ID,
        1,
        SignItem(
            passphrase=PASSPHRASE, action="override", decision=Decision.OVERTURNED, reason="r", rationale="t"
        ),
    ).signed


def test_crash_while_issuing_the_letter(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    svc = service(store)
    assigned(svc)
    svc.draft(REVIEWER, CASE_ID)
    for n in (1, 2):
        svc.sign(
            REVIEWER,
            CASE_ID,
            n,
            SignItem(
                passphrase=PASSPHRASE,
                action="override",
                decision=Decision.OVERTURNED,
                reason="r",
                rationale="t",
            ),
        )
    crash_after(monkeypatch, "add_letter")
    with pytest.raises(CrashError):
        svc.issue(REVIEWER, CASE_ID)
    case = svc.get_case(ADMIN, CASE_ID)
    assert (case.state, case.letters) == ("signed", [])
    assert "letter.issued" not in [e.action for e in svc.audit(ADMIN, CASE_ID)]
