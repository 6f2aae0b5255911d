"""The review service: each workflow step checks who may do it and in which state, then stores its
result in one transaction together with its audit entry, so a failure leaves the case as it was."""

from __future__ import annotations

import datetime as dt
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from imr.analytics.rates import DecidedItem, Turnaround
from imr.assignment import assess_reviewers, assign_reviewer
from imr.engine import draft as engine_draft
from imr.engine import read_case
from imr.errors import (
    AssignmentError,
    AuthorizationError,
    ConflictError,
    ImrError,
    InputError,
    NotFoundError,
    WorkflowError,
)
from imr.intake.deadlines import compute_deadlines, deadline_status
from imr.intake.eligibility import check_eligibility
from imr.items import normalize_request
from imr.knowledge import Knowledge
from imr.letters import LetterContext, render_pdf, render_worksheet_pdf
from imr.letters.summary import write_summary
from imr.models import CaseFile, Determination, Reviewer
from imr.models.application import CandidateAssessment, Deadlines, ImrApplication, OpenCaseKey, PriorReview
from imr.store import passphrases
from imr.store.access import CaseKey
from imr.store.principal import Principal
from imr.store.repository import Repository, SignedText, item_view
from imr.store.store import Store
from imr.store.tables import CaseRow
from imr.store.tokens import authenticate, hash_token, issue_token, revoke_token
from imr.store.views import (
    CLOSED_STATES,
    AuditEntry,
    CaseListEntry,
    CaseView,
    DraftView,
    ItemView,
    LetterView,
)
from imr.workflow.access import Action, authorize
from imr.workflow.analytics import decided_items, turnaround
from imr.workflow.identifiers import check_case_id
from imr.workflow.letter import PDF, LetterPreview, letter_context, preview, signed_determination
from imr.workflow.signing import SignItem
from imr.workflow.states import require_step
from imr.workflow.submission import (
    CaseSubmission,
    complete_application,
    content_hash,
    file_key,
    new_items,
    new_records,
    rebuild_case,
    record_files,
    stored_case_json,
)
from imr.workflow.view_cache import CachedView, Stamp, ViewCache

ANONYMOUS: dict[str, Any] = {"role": "anonymous", "principal": "(anonymous)"}


@dataclass(frozen=True)
class TokenRead:
    """A read made with a token in one go: whom the token stands for (None: unknown or revoked),
    then the answer (JSON) or the refusal to raise once the caller is known."""

    principal: Principal | None
    body: bytes = b""
    refusal: ImrError | None = None


class ReviewService:
    """The workflow on top of a `Store`, drafting with `knowledge`. `today` is injectable so deadlines
    can be tested."""

    def __init__(
        self, store: Store, knowledge: Knowledge, *, today: Callable[[], dt.date] = dt.date.today
    ) -> None:
        self.store = store
        self.knowledge = knowledge
        self.today = today
        self.views = ViewCache()

    # --- intake -------------------------------------------------------------------------------

    def create_case(
        self,
        actor: Principal,
        submission: CaseSubmission,
        *,
        files: Mapping[str, bytes] | None = None,
        idempotency_key: str | None = None,
    ) -> tuple[CaseView, bool]:
        """Store a new case (and check eligibility if the application came with it).

        Returns the case and whether it was created: the same submission again (same case id or
        idempotency key, same content) returns the stored case instead of a second one.
        """
        authorize(actor, "case.create")
        case = submission.case
        if case.case_id is not None:
            check_case_id(case.case_id, field="case.case_id")
        if submission.application is not None and submission.application.case_id is not None:
            check_case_id(submission.application.case_id, field="application.case_id")
        files = record_files(case, files or {})
        app = submission.application
        fingerprint = content_hash(case, app, files)
        existing = self._existing(case, app, idempotency_key, fingerprint)
        if existing is not None:
            return existing, False
        case_id = case.case_id or (app.case_id if app else None) or f"IMR-{uuid.uuid4().hex[:12].upper()}"
        records = new_records(case, files)
        try:
            with self.store.transaction() as repo:
                row = repo.add_case(
                    case_id=case_id,
                    case_json=stored_case_json(case, case_id),
                    content_sha256=fingerprint,
                    expedited=case.expedited or bool(app and app.expedited),
                    created_by=actor.principal,
                    idempotency_key=idempotency_key,
                    worker_id=app.worker_id if app else None,
                )
                repo.add_parties(row, case.parties)
                repo.add_records(row, records)
                repo.add_items(row, new_items(case))
                repo.audit(
                    actor,
                    "case.created",
                    case_id=case_id,
                    details={
                        "records": len(records),
                        "items": len(case.items),
                        "content_sha256": fingerprint,
                    },
                )
                if app is not None:
                    self._check_eligibility(repo, actor, row, complete_application(app, case, case_id))
                view = self._view(repo, row)
        except ConflictError:
            # Someone stored the same case id or key between our look and our insert.
            existing = self._existing(case, app, idempotency_key, fingerprint)
            if existing is None:
                raise
            return existing, False
        return view, True

    def _existing(
        self, case: CaseFile, app: ImrApplication | None, key: str | None, fingerprint: str
    ) -> CaseView | None:
        case_id = case.case_id or (app.case_id if app else None)
        with self.store.reading() as repo:
            row = repo.find_case(case_id) if case_id else None
            if row is None and key:
                row = repo.find_case_by_key(key)
            if row is None:
                return None
            if row.content_sha256 != fingerprint:
                what = f"case id {row.case_id!r}" if case_id else f"idempotency key {key!r}"
                raise ConflictError(
                    f"{what} is already used by a case with different content; "
                    "send the same content to get the stored case, or use a new case id"
                )
            return self._view(repo, row)

    def check_eligibility(self, actor: Principal, case_id: str, application: ImrApplication) -> CaseView:
        """Check (or re-check after a resubmission) a received case's application."""
        with self.store.transaction() as repo:
            row = repo.get_case(case_id, for_update=True)
            self._authorize(repo, actor, "eligibility.check", row)
            require_step(case_id, row.state, "eligibility")
            case = rebuild_case(row.case_json, repo.records(row))
            self._check_eligibility(repo, actor, row, complete_application(application, case, case_id))
            return self._view(repo, row)

    def _check_eligibility(
        self, repo: Repository, actor: Principal, row: CaseRow, app: ImrApplication
    ) -> None:
        others = repo.open_cases(worker_id=app.worker_id, exclude=row.case_id) if app.worker_id else []
        open_cases = [
            OpenCaseKey(
                case_id=other.case_id,
                worker_id=other.worker_id,
                date_of_injury=(other.application_json or {}).get("date_of_injury"),
                ur_decision_date=(other.application_json or {}).get("ur_decision_date"),
                disputed_items=(other.application_json or {}).get("disputed_items", []),
            )
            for other in others
        ]
        result = check_eligibility(app, open_cases=open_cases, today=self.today())
        changes: dict[str, Any] = {
            "eligibility_json": result.model_dump(mode="json"),
            "application_json": app.model_dump(mode="json"),
            "worker_id": app.worker_id,
        }
        if result.eligible:
            changes["decision_due"] = self._set_deadlines(repo, row, app)
        repo.transition(row, to_state="eligible" if result.eligible else "ineligible", **changes)
        repo.audit(
            actor,
            "eligibility.checked",
            case_id=row.case_id,
            details={"eligible": result.eligible, "failed": [c.rule for c in result.checks if not c.passed]},
        )

    @staticmethod
    def _set_deadlines(
        repo: Repository, row: CaseRow, app: ImrApplication, assignment_notice_on: dt.date | None = None
    ) -> dt.date:
        """Compute and store the case's deadlines; returns the decision due date."""
        deadlines = compute_deadlines(
            received_on=app.submitted_on,
            assignment_notice_on=assignment_notice_on,
            expedited=app.expedited,
            formulary_only=app.formulary_only,
            electronic=app.electronic_records,
        )
        repo.set_deadlines(
            row,
            records_due=deadlines.records_due,
            decision_due=deadlines.decision_due,
            detail=deadlines.model_dump(mode="json"),
        )
        return deadlines.decision_due

    # --- reading ------------------------------------------------------------------------------

    def get_case(self, actor: Principal, case_id: str) -> CaseView:
        with self.store.reading() as repo:
            row = repo.case_for_view(case_id)
            self._authorize(repo, actor, "case.read", row)
            # Parsed from the kept JSON: each caller gets a view of its own to use as it likes.
            return CaseView.model_validate_json(self._cached_view(repo, row).body)

    def read_case(self, token: str, case_id: str) -> TokenRead:
        """GET /cases/{id}: the token, the reviewer's status and the case's version in one statement,
        then the view kept from an earlier read when the case has not changed since (`ViewCache`)."""
        access = self.store.access(hash_token(token), case_id)
        if access is None:
            return TokenRead(principal=None)
        actor = access.principal
        try:
            if access.case is None:
                raise NotFoundError(f"case {case_id!r} not found")
            _refuse_inactive(actor, access.reviewer_active)
            case: CaseKey | CaseRow = access.case
            view = self.views.get(case.id, self._stamp(case))
            if view is None:
                with self.store.reading() as repo:
                    case = repo.case_for_view(case_id)  # access is checked on the row the view is of
                    view = self._cached_view(repo, case)
            authorize(
                actor,
                "case.read",
                case_id=case.case_id,
                reviewer_id=case.reviewer_id,
                party_names=view.party_names,
            )
        except ImrError as exc:
            return TokenRead(principal=actor, refusal=exc)
        return TokenRead(principal=actor, body=view.body)

    def _stamp(self, case: CaseKey | CaseRow) -> Stamp:
        return (case.version, case.updated_at, self.today())

    def _cached_view(self, repo: Repository, row: CaseRow) -> CachedView:
        """The case's view as JSON, built unless kept from a read of this very version today."""
        stamp = self._stamp(row)
        kept = self.views.get(row.id, stamp)
        if kept is not None:
            return kept
        view = self._view(repo, row)
        built = CachedView(
            body=view.model_dump_json().encode(), party_names=tuple(p.name for p in view.parties)
        )
        self.views.put(row.id, stamp, built)
        return built

    def eligibility(self, actor: Principal, case_id: str) -> dict[str, Any]:
        with self.store.reading() as repo:
            row = repo.case_for_view(case_id)  # not the case file: not needed
            self._authorize(repo, actor, "case.read", row)
            if row.eligibility_json is None:
                raise NotFoundError(
                    f"case {case_id!r}: eligibility has not been checked (send the application with "
                    "POST /cases/{id}/eligibility)"
                )
            return row.eligibility_json

    def list_cases(
        self,
        actor: Principal,
        *,
        state: str | None = None,
        due_before: dt.date | None = None,
        deadline: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[CaseListEntry]:
        """Cases by state and deadline; reviewers see their assigned cases, parties their own."""
        authorize(actor, "case.list")
        if actor.role == "party" and not actor.party_name:
            return []
        with self.store.reading() as repo:
            _require_active(repo, actor)
            rows = repo.list_cases(
                state=state,
                due_before=due_before,
                reviewer_id=actor.principal if actor.role == "reviewer" else None,
                party_name=actor.party_name if actor.role == "party" else None,
                limit=limit if deadline is None else 100_000,
                offset=offset if deadline is None else 0,
            )
            entries = [
                repo.list_entry(row, deadline_status=self._status(row, detail)) for row, detail in rows
            ]
        if deadline is not None:
            entries = [e for e in entries if e.deadline_status == deadline][offset : offset + limit]
        return entries

    def _view(self, repo: Repository, row: CaseRow) -> CaseView:
        view = repo.case_view(row)
        if view.deadlines is not None:
            view.deadlines.status = self._status(row, view.deadlines.detail)
        return view

    def _status(self, row: CaseRow, detail: dict[str, Any] | None) -> str | None:
        """On track, at risk or overdue, from the stored deadline `detail`; None for a closed case."""
        if row.state in CLOSED_STATES or row.decision_due is None or detail is None:
            return None
        return str(deadline_status(Deadlines.model_validate(detail), today=self.today()).value)

    # --- assignment ---------------------------------------------------------------------------

    def assign(self, actor: Principal, case_id: str, *, reviewer_id: str | None = None) -> dict[str, Any]:
        """Assign the best qualified reviewer (or check and assign the one named)."""
        with self.store.transaction() as repo:
            row = repo.get_case(case_id, for_update=True)
            self._authorize(repo, actor, "case.assign", row)
            require_step(case_id, row.state, "assign")
            reviewers = [repo.get_reviewer(reviewer_id)] if reviewer_id else repo.reviewers(active_only=True)
            loads = self._loads(repo, row)
            try:
                result = assign_reviewer(
                    items=[normalize_request(item.request, self.knowledge) for item in repo.items(row)],
                    parties=repo.parties(row),
                    reviewers=reviewers,
                    loads=loads,
                    prior_reviews=self._prior_reviews(repo, row),
                )
            except AssignmentError as exc:
                if reviewer_id is None:
                    raise
                raise self._not_qualified(repo, row, reviewer_id, exc) from exc
            outcome = result.model_dump(mode="json")
            repo.add_assignment(
                row, reviewer_id=result.reviewer_id, result=outcome, assigned_by=actor.principal
            )
            changes: dict[str, Any] = {"reviewer_id": result.reviewer_id}
            if row.application_json is not None and row.eligibility_json is not None:
                app = ImrApplication.model_validate(row.application_json)
                changes["decision_due"] = self._set_deadlines(repo, row, app, self.today())
            repo.transition(row, to_state="assigned", **changes)
            repo.audit(
                actor,
                "case.assigned",
                case_id=case_id,
                details={"reviewer_id": result.reviewer_id, "explanation": result.explanation},
            )
            return outcome

    def candidates(self, actor: Principal, case_id: str) -> list[CandidateAssessment]:
        """Every active reviewer assessed for the case: qualified or not, and why (for the choice
        offered when assigning)."""
        with self.store.reading() as repo:
            row = repo.get_case(case_id)
            self._authorize(repo, actor, "case.assign", row)
            return assess_reviewers(
                items=[normalize_request(item.request, self.knowledge) for item in repo.items(row)],
                parties=repo.parties(row),
                reviewers=repo.reviewers(active_only=True),
                loads=self._loads(repo, row),
                prior_reviews=self._prior_reviews(repo, row),
            )

    @staticmethod
    def _loads(repo: Repository, row: CaseRow) -> dict[str, int]:
        loads = repo.loads()
        if row.reviewer_id:  # a reassignment does not count the case against its old reviewer
            loads[row.reviewer_id] = max(0, loads.get(row.reviewer_id, 0) - 1)
        return loads

    def _not_qualified(
        self, repo: Repository, row: CaseRow, reviewer_id: str, exc: AssignmentError
    ) -> AssignmentError:
        """The named reviewer does not qualify: say why, and who does."""
        why = "; ".join(exc.reasons.get(reviewer_id, [])) or str(exc)
        others = [
            c.reviewer_id
            for c in assess_reviewers(
                items=[normalize_request(item.request, self.knowledge) for item in repo.items(row)],
                parties=repo.parties(row),
                reviewers=repo.reviewers(active_only=True),
                loads=self._loads(repo, row),
                prior_reviews=self._prior_reviews(repo, row),
            )
            if c.qualified
        ]
        who = f"qualified: {', '.join(others)}" if others else "no other reviewer qualifies either"
        return AssignmentError(
            f"reviewer {reviewer_id!r} does not qualify for case {row.case_id!r}: {why} ({who})",
            reasons=exc.reasons,
        )

    def _prior_reviews(self, repo: Repository, row: CaseRow) -> list[PriorReview]:
        """Earlier issued reviews of the same worker, for the assignment to link and show."""
        if not row.worker_id:
            return []
        prior: list[PriorReview] = []
        for other in repo.cases_of_worker(row.worker_id, exclude=row.case_id):
            if other.state != "issued":
                continue
            letter = repo.letter(other)
            for item in Determination.model_validate(letter.determination).items:
                prior.append(
                    PriorReview(
                        case_id=other.case_id,
                        item=item.request,
                        decision=item.decision,
                        decided_on=letter.issued_at.date(),
                        reviewer_id=other.reviewer_id,
                    )
                )
        return prior

    # --- drafting -----------------------------------------------------------------------------

    def draft(self, actor: Principal, case_id: str) -> tuple[DraftView, list[ItemView]]:
        """Run the engine on the stored case and store its draft determination; returns it as
        `determination` does."""
        with self.store.reading() as repo:
            row = repo.get_case(case_id)
            self._authorize(repo, actor, "case.draft", row)
            require_step(case_id, row.state, "draft")
            seen_version = row.version
            records = repo.records(row)
            case = rebuild_case(row.case_json, records)
            files = {
                file_key(r.path): r.content for r in records if r.path is not None and r.content is not None
            }
        started = time.perf_counter()
        # The engine reads record files from disk, so the stored originals are laid out for it.
        with laid_out(files) as folder:
            # The records are read once: the summary is written from the facts the draft decided on.
            reading = read_case(case, self.knowledge, base_dir=folder)
            determination = engine_draft(case, self.knowledge, base_dir=folder, reading=reading)
            elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
            summary = (
                write_summary(case, reading.facts, self.knowledge, base_dir=folder, on=self.today())
                if reading.facts is not None
                else None
            )
        if len(determination.items) != len(case.items):
            raise WorkflowError(
                f"case {case_id!r}: the engine returned {len(determination.items)} items for "
                f"{len(case.items)} disputed items"
            )
        with self.store.transaction() as repo:
            row = repo.get_case(case_id, for_update=True)
            self._unchanged(row, seen_version)
            items = repo.items(row)
            if any(item.signed_at is not None for item in items):
                raise WorkflowError(
                    f"case {case_id!r}: items are already signed; the draft can no longer change"
                )
            stored = repo.add_draft(
                row,
                determination=determination.model_dump(mode="json"),
                trace={
                    "duration_ms": elapsed_ms,
                    "records": [r.id for r in case.records],
                    "files": sorted(files),
                },
                engine_version=determination.engine_version,
                knowledge_base_version=determination.knowledge_base_version,
                created_by=actor.principal,
                summary=summary.model_dump(mode="json") if summary is not None else None,
            )
            for item, drafted in zip(items, determination.items, strict=True):
                repo.set_item_draft(
                    item,
                    decision=drafted.decision.value if drafted.decision else None,
                    needs_review=drafted.needs_review,
                    review_reason=drafted.review_reason,
                )
            repo.transition(row, to_state="drafted")
            repo.audit(
                actor,
                "case.drafted",
                case_id=case_id,
                details={
                    "draft_version": stored.version,
                    "needs_review": [i + 1 for i, d in enumerate(determination.items) if d.needs_review],
                    "knowledge_base_version": determination.knowledge_base_version,
                },
            )
            draft = repo.latest_draft(row)
            assert draft is not None  # stored just above
            return draft, [item_view(item) for item in repo.items(row)]

    def determination(self, actor: Principal, case_id: str) -> tuple[DraftView, list[ItemView]]:
        """The latest draft with each item's sign-off."""
        with self.store.reading() as repo:
            row = repo.case_for_view(case_id)  # not the case file: not needed
            self._authorize(repo, actor, "determination.read", row)
            draft = repo.latest_draft(row)
            if draft is None:
                raise NotFoundError(
                    f"case {case_id!r} has not been drafted yet (POST /cases/{case_id}/draft)"
                )
            return draft, [item_view(item) for item in repo.items(row)]

    # --- signing ------------------------------------------------------------------------------

    def sign(self, actor: Principal, case_id: str, position: int, request: SignItem) -> ItemView:
        """The assigned reviewer confirms or overrides one item; a second signature is a conflict.

        An override must differ from the draft's decision; what the letter says of the item (the
        rationale, the guideline UR cited, the reviewer's guideline) is stored with the signature.
        Signing needs the reviewer's own signing passphrase (`request.passphrase`): a token alone,
        which an admin can make, is not enough."""
        authorize(actor, "item.sign")
        self._check_passphrase(actor, request.passphrase)
        with self.store.transaction() as repo:
            # Locking the case serialises sign-offs on it, so "every item signed" is seen exactly once.
            row = repo.get_case(case_id, for_update=True)
            self._authorize(repo, actor, "item.sign", row)
            items = {item.position: item for item in repo.items(row)}
            if position not in items:
                raise NotFoundError(f"case {case_id!r} has no item {position} (items are 1..{len(items)})")
            item = items[position]
            if item.signed_at is not None:
                raise ConflictError(
                    f"item {position} of case {case_id!r} is already signed "
                    f"({item.signed_action} {item.signed_decision} by {item.signed_by} at {item.signed_at}); "
                    "reopen it to change it"
                )
            require_step(case_id, row.state, "sign")
            reason: str | None = None
            if request.action == "confirm":
                if item.draft_decision is None:
                    raise WorkflowError(
                        f"item {position} of case {case_id!r} has no draft decision to confirm "
                        f"({item.review_reason or 'it needs physician review'}); override it with your "
                        "decision and a reason"
                    )
                decision = item.draft_decision
            else:
                assert request.decision is not None  # SignItem guarantees it for an override
                if request.decision.value == item.draft_decision:
                    raise InputError(
                        f"item {position}: the draft already says {item.draft_decision}; confirm it "
                        "(and edit its rationale if you wish) rather than override it with the same decision"
                    )
                decision, reason = request.decision.value, request.reason
                self._not_the_drafts_rationale(repo, row, position, request)
            text = SignedText(
                rationale=request.rationale,
                claims_administrator_guideline=_blank_to_none(request.claims_administrator_guideline),
                guideline=_guideline(request),
            )
            signed = repo.sign_item(
                row,
                position,
                action=request.action,
                decision=decision,
                reason=reason,
                reviewer_id=actor.principal,
                text=text,
            )
            complete = all(i.signed_at is not None for i in repo.items(row))
            repo.transition(row, to_state="signed" if complete else "drafted")
            repo.audit(
                actor,
                "item.signed",
                case_id=case_id,
                details={
                    "item": position,
                    "action": request.action,
                    "decision": decision,
                    "draft_decision": item.draft_decision,
                    "reason": reason,
                    "rationale_edited": request.rationale is not None,
                    "claims_administrator_guideline": text.claims_administrator_guideline,
                    "revision": row.revision,
                },
            )
            return item_view(signed)

    @staticmethod
    def _not_the_drafts_rationale(repo: Repository, row: CaseRow, position: int, request: SignItem) -> None:
        """An override published with the engine's rationale would argue for the other decision."""
        draft = repo.latest_draft(row)
        if draft is None or request.rationale is None:
            return
        items = Determination.model_validate(draft.determination).items
        drafted = items[position - 1] if position <= len(items) else None
        if drafted is None or drafted.decision is None or drafted.needs_review:
            return
        if " ".join(request.rationale.split()) == " ".join(drafted.rationale.split()):
            raise InputError(
                f"item {position}: the rationale is still the engine's draft, which argues for "
                f"{drafted.decision.value}; rewrite it for your decision before overriding"
            )

    def reopen_item(self, actor: Principal, case_id: str, position: int) -> ItemView:
        """Take back one item's signature before the letter is issued, to change it."""
        with self.store.transaction() as repo:
            row = repo.get_case(case_id, for_update=True)
            self._authorize(repo, actor, "item.sign", row)
            require_step(case_id, row.state, "reopen")
            item = repo.reopen_item(row, position)
            repo.transition(row, to_state="drafted")
            repo.audit(
                actor, "item.reopened", case_id=case_id, details={"item": position, "revision": row.revision}
            )
            return item_view(item)

    def save_summary(self, actor: Principal, case_id: str, text: str) -> CaseView:
        """The reviewer's own clinical case summary for the letter; blank goes back to the written one."""
        if len(text) > 20_000:
            raise InputError("the case summary is longer than 20,000 characters")
        with self.store.transaction() as repo:
            row = repo.get_case(case_id, for_update=True)
            self._authorize(repo, actor, "item.sign", row)
            require_step(case_id, row.state, "reopen")
            repo.set_case_summary(row, text.strip() or None)
            repo.transition(row, to_state=row.state)
            repo.audit(actor, "summary.edited", case_id=case_id, details={"characters": len(text.strip())})
            return self._view(repo, row)

    # --- letters ------------------------------------------------------------------------------

    def preview(self, actor: Principal, case_id: str) -> LetterPreview:
        """The letter as it would be issued today, and what it still needs."""
        with self.store.reading() as repo:
            row = repo.get_case(case_id)
            self._authorize(repo, actor, "letter.issue", row)
            require_step(case_id, row.state, "preview")
            return preview(self._letter_context(repo, row), self.knowledge)

    def issue(self, actor: Principal, case_id: str, *, preview_sha256: str | None = None) -> LetterView:
        """Render and store the signed letter (and, apart, its reviewer worksheet); it never changes
        afterwards. With `preview_sha256`, only the letter that was previewed is issued."""
        with self.store.reading() as repo:
            row = repo.get_case(case_id)
            self._authorize(repo, actor, "letter.issue", row)
            require_step(case_id, row.state, "issue")
            seen_version = row.version
            ctx = self._letter_context(repo, row)
            draft = repo.latest_draft(row)
            assert draft is not None  # _letter_context refused a case without one
            determination = signed_determination(
                Determination.model_validate(draft.determination), repo.items(row)
            )
        shown = preview(ctx, self.knowledge)
        if not shown.complete:
            raise WorkflowError(
                f"case {case_id!r}: the letter is not complete, so it cannot be issued; it needs: "
                f"{'; '.join(shown.missing)} (reopen the item and sign it again with what is missing)"
            )
        if preview_sha256 is not None and preview_sha256 != shown.sha256:
            raise ConflictError(
                f"case {case_id!r}: the letter changed since it was previewed; preview it again, then issue"
            )
        content = render_pdf(ctx, self.knowledge)
        worksheet = render_worksheet_pdf(ctx, self.knowledge)
        with self.store.transaction() as repo:
            row = repo.get_case(case_id, for_update=True)
            self._unchanged(row, seen_version)
            letter = repo.add_letter(
                row,
                content=content,
                media_type=PDF,
                determination=determination.model_dump(mode="json"),
                issued_by=actor.principal,
                letter_date=ctx.letter_date,
                worksheet=worksheet,
            )
            repo.transition(row, to_state="issued")
            repo.audit(
                actor,
                "letter.issued",
                case_id=case_id,
                details={
                    "version": letter.version,
                    "sha256": letter.sha256,
                    "revision": row.revision,
                    "letter_date": ctx.letter_date.isoformat(),
                    "previewed": preview_sha256 is not None,
                },
            )
            return next(view for view in repo.letters(row) if view.version == letter.version)

    def worksheet(
        self, actor: Principal, case_id: str, version: int | None = None
    ) -> tuple[bytes, LetterView]:
        """The reviewer worksheet issued with a letter: for the reviewer and the organisation, never the
        parties."""
        with self.store.reading() as repo:
            row = repo.get_case(case_id)
            self._authorize(repo, actor, "determination.read", row)
            letter = repo.letter(row, version)
            if letter.worksheet is None:
                raise NotFoundError(f"case {case_id!r}: letter version {letter.version} has no worksheet")
            view = next(v for v in repo.letters(row) if v.version == letter.version)
            return letter.worksheet, view

    def _letter_context(self, repo: Repository, row: CaseRow) -> LetterContext:
        draft = repo.latest_draft(row)
        if draft is None:
            raise WorkflowError(f"case {row.case_id!r} has no draft")
        records = repo.records(row)
        case = rebuild_case(row.case_json, records)
        files = {file_key(r.path): r.content for r in records if r.path is not None and r.content is not None}
        reviewer = repo.find_reviewer(row.reviewer_id) if row.reviewer_id else None
        with laid_out(files) as folder:
            return letter_context(
                Determination.model_validate(draft.determination),
                repo.items(row),
                case,
                self.knowledge,
                base_dir=folder,
                reviewer=reviewer,
                letter_date=self.today(),
                summary=draft.summary,
                case_summary=row.case_summary,
            )

    def letter(self, actor: Principal, case_id: str, version: int | None = None) -> tuple[bytes, LetterView]:
        with self.store.reading() as repo:
            row = repo.get_case(case_id)
            self._authorize(repo, actor, "letter.read", row)
            letter = repo.letter(row, version)
            view = next(v for v in repo.letters(row) if v.version == letter.version)
            return letter.content, view

    def correct(self, actor: Principal, case_id: str, reason: str) -> CaseView:
        """Reopen an issued case for a corrected letter: items are signed again, the old letter stays."""
        if not reason.strip():
            raise InputError("a correction needs a non-blank 'reason'")
        with self.store.transaction() as repo:
            row = repo.get_case(case_id, for_update=True)
            self._authorize(repo, actor, "case.correct", row)
            require_step(case_id, row.state, "correct")
            repo.clear_signatures(row)
            repo.transition(row, to_state="drafted", revision=row.revision + 1)
            repo.audit(
                actor,
                "case.correction_opened",
                case_id=case_id,
                details={"reason": reason, "revision": row.revision},
            )
            return self._view(repo, row)

    def audit(self, actor: Principal, case_id: str) -> list[AuditEntry]:
        with self.store.reading() as repo:
            row = repo.case_for_view(case_id)  # not the case file: not needed
            self._authorize(repo, actor, "audit.read", row)
            return repo.audit_log(case_id)

    # --- analytics ---------------------------------------------------------------------------

    def analytics(self, actor: Principal) -> tuple[list[DecidedItem], list[Turnaround]]:
        """Every issued case's latest determination, item by item, and its turnaround."""
        authorize(actor, "analytics.read")
        with self.store.reading() as repo:
            cases = repo.issued()
            reviewers = {r.id: r for r in repo.reviewers()}
        return decided_items(cases, reviewers, self.knowledge), turnaround(cases)

    # --- reviewers and tokens -----------------------------------------------------------------

    def reviewers(self, actor: Principal) -> list[Reviewer]:
        authorize(actor, "reviewer.write")  # the full list is an admin's view
        with self.store.reading() as repo:
            return repo.reviewers()

    def reviewer(self, actor: Principal, reviewer_id: str) -> Reviewer:
        authorize(actor, "reviewer.read")
        if actor.role == "reviewer" and actor.principal != reviewer_id:
            authorize(actor, "reviewer.write")
        with self.store.reading() as repo:
            return repo.get_reviewer(reviewer_id)

    def add_reviewer(self, actor: Principal, reviewer: Reviewer) -> Reviewer:
        authorize(actor, "reviewer.write")
        with self.store.transaction() as repo:
            repo.add_reviewer(reviewer)
            repo.audit(
                actor,
                "reviewer.added",
                case_id=None,
                details={"reviewer_id": reviewer.id, "active": reviewer.active},
                subject=reviewer.id,
            )
        return reviewer

    def update_reviewer(self, actor: Principal, reviewer: Reviewer) -> Reviewer:
        authorize(actor, "reviewer.write")
        with self.store.transaction() as repo:
            was_active = repo.reviewer_active(reviewer.id)
            repo.update_reviewer(reviewer)
            action = "reviewer.updated"
            if was_active and not reviewer.active:
                action = "reviewer.deactivated"
            elif was_active is False and reviewer.active:
                action = "reviewer.reactivated"
            repo.audit(
                actor,
                action,
                case_id=None,
                details={"reviewer_id": reviewer.id, "active": reviewer.active},
                subject=reviewer.id,
            )
        return reviewer

    def principal_for(self, token: str) -> Principal | None:
        """Who an API token stands for; None when it is unknown or revoked."""
        with self.store.reading() as repo:
            return authenticate(repo, token)

    def create_token(
        self, actor: Principal, *, role: str, principal: str, party_name: str | None = None
    ) -> str:
        authorize(actor, "token.create")
        with self.store.transaction() as repo:
            return issue_token(repo, actor, role=role, principal=principal, party_name=party_name)

    def start_session(self, token: str) -> tuple[Principal, str] | None:
        """A web sign-in: the caller's own session token, made from the token they signed in with
        (revoked at sign-out while the API token stays); None for an unknown or revoked token."""
        with self.store.transaction() as repo:
            who = authenticate(repo, token)
            if who is None:
                return None
            session = issue_token(
                repo, who, role=who.role, principal=who.principal, party_name=who.party_name, kind="session"
            )
            return who, session

    def revoke_own_token(self, actor: Principal, token: str) -> bool:
        """Revoke the token the caller is using (a web session at sign-out, or an API token)."""
        with self.store.transaction() as repo:
            return revoke_token(repo, actor, token)

    def revoke_tokens(self, actor: Principal, principal: str) -> int:
        """Revoke every live token of `principal` (an admin's action), audited."""
        authorize(actor, "token.revoke")
        with self.store.transaction() as repo:
            count = repo.revoke_tokens(principal)
            repo.audit(
                actor,
                "token.revoked",
                case_id=None,
                details={"principal": principal, "count": count},
                subject=principal,
            )
            return count

    # --- signing passphrases --------------------------------------------------------------------

    def has_passphrase(self, actor: Principal) -> bool:
        with self.store.reading() as repo:
            return repo.passphrase_hash(actor.principal) is not None

    def set_passphrase(
        self, actor: Principal, reviewer_id: str, passphrase: str, *, current: str | None = None, token: str
    ) -> None:
        """The reviewer sets their own signing passphrase: the first time (or after an admin reset)
        with their token alone, afterwards only with the current passphrase. Nobody else can set it."""
        authorize(actor, "item.sign")
        if actor.principal != reviewer_id:
            raise AuthorizationError(
                f"reviewer {actor.principal!r} may not set the signing passphrase of {reviewer_id!r}: "
                "only reviewers set their own"
            )
        passphrases.check_new(passphrase)
        with self.store.reading() as repo:
            _require_active(repo, actor)
            stored = repo.passphrase_hash(reviewer_id)
        if stored is not None and not passphrases.verify(current or "", stored):
            raise AuthorizationError(
                "the current signing passphrase is wrong or missing ('current_passphrase'); an admin can "
                "reset a forgotten one so that you set a new one"
            )
        hashed = passphrases.hash_passphrase(passphrase)
        with self.store.transaction() as repo:
            if repo.passphrase_hash(reviewer_id) != stored:
                raise ConflictError("the signing passphrase changed meanwhile; try again")
            row = repo.live_token(hash_token(token))
            repo.set_passphrase(reviewer_id, hashed, token_id=row.id if row is not None else None)
            repo.audit(
                actor,
                "passphrase.changed" if stored is not None else "passphrase.set",
                case_id=None,
                details={"reviewer_id": reviewer_id, "token_id": row.id if row is not None else None},
                subject=reviewer_id,
            )

    def reset_passphrase(self, actor: Principal, reviewer_id: str) -> bool:
        """An admin removes a reviewer's signing passphrase, so that the reviewer sets a new one
        before signing again (an admin can never set one)."""
        authorize(actor, "reviewer.write")
        with self.store.transaction() as repo:
            repo.get_reviewer(reviewer_id)
            removed = repo.clear_passphrase(reviewer_id)
            repo.audit(
                actor,
                "passphrase.reset",
                case_id=None,
                details={"reviewer_id": reviewer_id, "had_passphrase": removed},
                subject=reviewer_id,
            )
            return removed

    def _check_passphrase(self, actor: Principal, passphrase: str | None) -> None:
        since = dt.datetime.now(dt.UTC) - passphrases.LOCKOUT
        with self.store.reading() as repo:
            _require_active(repo, actor)
            stored = repo.passphrase_hash(actor.principal)
            failures = repo.count_audit("passphrase.failed", subject=actor.principal, since=since)
        if stored is None:
            raise AuthorizationError(
                f"reviewer {actor.principal!r} has no signing passphrase yet: set your own first "
                f"(PUT /reviewers/{actor.principal}/passphrase, or in the web app's sign form)"
            )
        if not passphrase:
            raise AuthorizationError("signing needs your signing passphrase ('passphrase')")
        # Guessing is slow (scrypt) and short: a few wrong passphrases stop signing for a while.
        if failures >= passphrases.MAX_FAILURES:
            minutes = int(passphrases.LOCKOUT.total_seconds() // 60)
            raise AuthorizationError(
                f"signing is paused for reviewer {actor.principal!r}: {failures} wrong passphrases in the "
                f"last {minutes} minutes; try again later, or ask an admin to reset the passphrase"
            )
        if not passphrases.verify(passphrase, stored):
            with self.store.transaction() as repo:
                repo.audit(
                    actor,
                    "passphrase.failed",
                    case_id=None,
                    details={"reviewer_id": actor.principal},
                    subject=actor.principal,
                )
            raise AuthorizationError("the signing passphrase is wrong")

    # --- the access audit ----------------------------------------------------------------------

    def access_audit(
        self,
        actor: Principal,
        *,
        kinds: tuple[str, ...] = (),
        subject: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[AuditEntry]:
        """Changes of access (tokens, sessions, reviewers, passphrases) and refused attempts, newest
        first: an admin's view."""
        authorize(actor, "access.audit.read")
        with self.store.reading() as repo:
            return repo.audit_entries(
                prefixes=tuple(f"{kind}." for kind in kinds), subject=subject, limit=limit, offset=offset
            )

    def record_refusal(
        self, actor: Principal | None, *, status: int, method: str, path: str, reason: str
    ) -> None:
        """Record a refused attempt (401, 403, or a case hidden as 404) in the audit log."""
        # An anonymous caller has no role of its own; the entry says so rather than borrow one.
        who = actor or Principal.model_construct(**ANONYMOUS)
        with self.store.transaction() as repo:
            repo.audit(
                who,
                "access.refused",
                case_id=None,
                details={
                    "status": status,
                    "method": method,
                    "path": path[:300],
                    "reason": reason[:500],
                    "anonymous": actor is None,
                },
                subject=who.principal,
            )

    # --- helpers ------------------------------------------------------------------------------

    @staticmethod
    def _authorize(repo: Repository, actor: Principal, action: Action, row: CaseRow) -> None:
        _require_active(repo, actor)
        authorize(
            actor,
            action,
            case_id=row.case_id,
            reviewer_id=row.reviewer_id,
            party_names=[p.name for p in repo.parties(row)] if actor.role == "party" else (),
        )

    @staticmethod
    def _unchanged(row: CaseRow, seen_version: int) -> None:
        if row.version != seen_version:
            raise ConflictError(
                f"case {row.case_id!r} changed (now {row.state}) while this step ran; reload it and try again"
            )


def _require_active(repo: Repository, actor: Principal) -> None:
    """A deactivated reviewer acts no more, whatever tokens they still hold."""
    if actor.role == "reviewer":
        _refuse_inactive(actor, repo.reviewer_active(actor.principal))


def _refuse_inactive(actor: Principal, active: bool | None) -> None:
    """`_require_active` with the reviewer's status read already (None: no such reviewer)."""
    if actor.role == "reviewer" and active is False:
        raise AuthorizationError(
            f"reviewer {actor.principal!r} is deactivated: an admin must reactivate the profile first"
        )


@contextmanager
def laid_out(files: Mapping[str, bytes]) -> Iterator[Path]:
    """The stored record files in a temporary folder, for the readers that take a path."""
    with tempfile.TemporaryDirectory(prefix="imr-case-") as folder:
        for name, content in files.items():
            (Path(folder) / name).write_bytes(content)
        yield Path(folder)


def _blank_to_none(text: str | None) -> str | None:
    return text if text is not None and text.strip() else None


def _guideline(request: SignItem) -> dict[str, Any] | None:
    cited = request.guideline
    if cited is None:
        return None
    return {
        "source": cited.source.strip(),
        "title": cited.title.strip(),
        "pages": cited.pages,
        "non_mtus": cited.non_mtus,
    }
