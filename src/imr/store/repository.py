"""Reading and writing the stored objects inside one transaction (see `Store.transaction`).

The repository never commits: the caller's transaction decides, so a step that writes several
rows either stores all of them or none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import BindParameter, Integer, bindparam, func, or_, select, update
from sqlalchemy.orm import Session

from imr.errors import ConflictError, NotFoundError
from imr.models import Party, Reviewer
from imr.store.principal import Principal, Role
from imr.store.tables import (
    ApiTokenRow,
    AssignmentRow,
    AuditRow,
    CaseRow,
    DeadlineRow,
    DraftRow,
    ItemRow,
    LetterRow,
    PartyRow,
    RecordRow,
    ReviewerRow,
    SignatureRow,
    SigningPassphraseRow,
)
from imr.store.views import (
    OPEN_STATES,
    AuditEntry,
    CaseListEntry,
    CaseView,
    DeadlinesView,
    DraftView,
    ItemView,
    LetterView,
    RecordView,
)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class NewRecord:
    """A record to store: inline text, or an original file's bytes."""

    record_id: str
    kind: str
    date: dt.date | None = None
    title: str | None = None
    text: str | None = None
    path: str | None = None
    media_type: str | None = None
    content: bytes | None = None


@dataclass(frozen=True)
class NewItem:
    request: str
    ur_decision: str | None = None


@dataclass(frozen=True)
class SignedText:
    """What the letter says of an item as the physician signed it; None: the draft's or the UR record's."""

    rationale: str | None = None
    claims_administrator_guideline: str | None = None
    guideline: dict[str, Any] | None = None


class Repository:
    """Stored cases, items, drafts, sign-offs, reviewers, letters, tokens and the audit log."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # --- cases -------------------------------------------------------------------------------

    def find_case(self, case_id: str) -> CaseRow | None:
        return self.session.scalar(select(CaseRow).where(CaseRow.case_id == case_id))

    def find_case_by_key(self, idempotency_key: str) -> CaseRow | None:
        return self.session.scalar(select(CaseRow).where(CaseRow.idempotency_key == idempotency_key))

    def get_case(self, case_id: str, *, for_update: bool = False) -> CaseRow:
        """The case, locked against concurrent changes until commit when `for_update`."""
        query = select(CaseRow).where(CaseRow.case_id == case_id)
        if for_update:
            query = query.with_for_update()
        row = self.session.scalar(query)
        if row is None:
            raise NotFoundError(f"case {case_id!r} not found")
        return row

    def add_case(
        self,
        *,
        case_id: str,
        case_json: dict[str, Any],
        content_sha256: str,
        expedited: bool,
        created_by: str,
        idempotency_key: str | None = None,
        worker_id: str | None = None,
    ) -> CaseRow:
        at = now()
        row = CaseRow(
            case_id=case_id,
            idempotency_key=idempotency_key,
            content_sha256=content_sha256,
            state="received",
            version=1,
            revision=1,
            expedited=expedited,
            worker_id=worker_id,
            case_json=case_json,
            created_by=created_by,
            created_at=at,
            updated_at=at,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def add_parties(self, case: CaseRow, parties: Iterable[Party]) -> None:
        for party in parties:
            self.session.add(
                PartyRow(case_pk=case.id, role=party.role, name=party.name, name_key=party_key(party.name))
            )
        self.session.flush()

    def add_records(self, case: CaseRow, records: Sequence[NewRecord]) -> None:
        for position, record in enumerate(records, start=1):
            self.session.add(
                RecordRow(
                    case_pk=case.id,
                    position=position,
                    record_id=record.record_id,
                    kind=record.kind,
                    date=record.date,
                    title=record.title,
                    text=record.text,
                    path=record.path,
                    media_type=record.media_type,
                    content=record.content,
                    sha256=sha256(record.content) if record.content is not None else None,
                )
            )
        self.session.flush()

    def add_items(self, case: CaseRow, items: Sequence[NewItem]) -> None:
        for position, item in enumerate(items, start=1):
            self.session.add(
                ItemRow(
                    case_pk=case.id,
                    position=position,
                    request=item.request,
                    ur_decision=item.ur_decision,
                    version=1,
                )
            )
        self.session.flush()

    def transition(self, case: CaseRow, *, to_state: str, **changes: Any) -> None:
        """Move the case to `to_state` if nobody changed it since it was read (optimistic lock)."""
        result = self.session.execute(
            update(CaseRow)
            .where(CaseRow.id == case.id, CaseRow.version == case.version)
            .values(state=to_state, version=case.version + 1, updated_at=now(), **changes)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise ConflictError(
                f"case {case.case_id!r} was changed by someone else while this step ran; "
                "reload the case and try again"
            )
        if case in self.session:
            self.session.refresh(case)

    def records(self, case: CaseRow) -> list[RecordRow]:
        return list(
            self.session.scalars(
                select(RecordRow).where(RecordRow.case_pk == case.id).order_by(RecordRow.position)
            )
        )

    def case_for_view(self, case_id: str) -> CaseRow:
        """The case's columns that its view and its access check read (not the submitted case file
        or application, which carry every record's text), as a read-only row."""
        row = self.session.connection().execute(_VIEW.case, {"case_id": case_id}).first()
        if row is None:
            raise NotFoundError(f"case {case_id!r} not found")
        return cast(CaseRow, row)  # a Row with CaseRow's attribute names: what the readers use

    def items(self, case: CaseRow) -> list[ItemRow]:
        return list(
            self.session.scalars(select(ItemRow).where(ItemRow.case_pk == case.id).order_by(ItemRow.position))
        )

    def parties(self, case: CaseRow) -> list[Party]:
        rows = self.session.scalars(select(PartyRow).where(PartyRow.case_pk == case.id).order_by(PartyRow.id))
        return [Party(role=row.role, name=row.name) for row in rows]

    def open_cases(self, *, worker_id: str, exclude: str | None = None) -> list[CaseRow]:
        """The worker's open cases (for the duplicate check)."""
        query = select(CaseRow).where(CaseRow.worker_id == worker_id, CaseRow.state.in_(OPEN_STATES))
        if exclude is not None:
            query = query.where(CaseRow.case_id != exclude)
        return list(self.session.scalars(query.order_by(CaseRow.id)))

    def list_cases(
        self,
        *,
        state: str | None = None,
        due_before: dt.date | None = None,
        reviewer_id: str | None = None,
        party_name: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[tuple[CaseRow, dict[str, Any] | None]]:
        """The cases, each with its deadline detail (None before deadlines are computed)."""
        query = select(CaseRow, DeadlineRow.detail).outerjoin(DeadlineRow, DeadlineRow.case_pk == CaseRow.id)
        if state is not None:
            query = query.where(CaseRow.state == state)
        if due_before is not None:
            query = query.where(CaseRow.decision_due.is_not(None), CaseRow.decision_due < due_before)
        if reviewer_id is not None:
            query = query.where(CaseRow.reviewer_id == reviewer_id)
        if party_name is not None:
            query = query.where(
                CaseRow.id.in_(select(PartyRow.case_pk).where(PartyRow.name_key == party_key(party_name)))
            )
        query = query.order_by(CaseRow.decision_due.is_(None), CaseRow.decision_due, CaseRow.id)
        return [(row, detail) for row, detail in self.session.execute(query.limit(limit).offset(offset))]

    def case_view(self, case: CaseRow) -> CaseView:
        """The case with its parts; the deadline status is left for the caller, who knows today.

        The most frequent read of the service: its statements are built once (`_VIEW`) and read
        columns, not ORM objects, so that a read costs the queries and little else."""
        pk = {"pk": case.id}
        run = self.session.connection().execute  # Core statements: no ORM layer on the way
        deadline = run(_VIEW.deadline, pk).first()
        return CaseView(
            case_id=case.case_id,
            state=case.state,
            expedited=case.expedited,
            revision=case.revision,
            reviewer_id=case.reviewer_id,
            worker_id=case.worker_id,
            created_by=case.created_by,
            created_at=case.created_at,
            updated_at=case.updated_at,
            parties=[Party(role=role, name=name) for role, name in run(_VIEW.parties, pk)],
            records=[
                RecordView(id=i, kind=k, date=d, title=t, has_file=bool(f), media_type=m, sha256=h)
                for i, k, d, t, f, m, h in run(_VIEW.records, pk)
            ],
            items=[item_view(row) for row in run(_VIEW.items, pk)],
            eligibility=case.eligibility_json,
            deadlines=(
                DeadlinesView(records_due=deadline[0], decision_due=deadline[1], detail=deadline[2])
                if deadline is not None
                else None
            ),
            letters=_letter_views(run(_VIEW.letters, pk)),
        )

    @staticmethod
    def list_entry(case: CaseRow, *, deadline_status: str | None = None) -> CaseListEntry:
        return CaseListEntry(
            case_id=case.case_id,
            state=case.state,
            expedited=case.expedited,
            reviewer_id=case.reviewer_id,
            decision_due=case.decision_due,
            deadline_status=deadline_status,
            created_at=case.created_at,
        )

    def cases_of_worker(self, worker_id: str, *, exclude: str | None = None) -> list[CaseRow]:
        query = select(CaseRow).where(CaseRow.worker_id == worker_id)
        if exclude is not None:
            query = query.where(CaseRow.case_id != exclude)
        return list(self.session.scalars(query.order_by(CaseRow.id)))

    # --- deadlines ---------------------------------------------------------------------------

    def set_deadlines(
        self,
        case: CaseRow,
        *,
        records_due: dt.date | None,
        decision_due: dt.date | None,
        detail: dict[str, Any],
    ) -> None:
        row = self.session.scalar(select(DeadlineRow).where(DeadlineRow.case_pk == case.id))
        if row is None:
            row = DeadlineRow(case_pk=case.id, detail=detail, computed_at=now())
            self.session.add(row)
        row.records_due = records_due
        row.decision_due = decision_due
        row.detail = detail
        row.computed_at = now()
        self.session.flush()

    # --- drafts and sign-offs -----------------------------------------------------------------

    def add_draft(
        self,
        case: CaseRow,
        *,
        determination: dict[str, Any],
        trace: dict[str, Any],
        engine_version: str,
        knowledge_base_version: str,
        created_by: str,
        summary: dict[str, Any] | None = None,
    ) -> DraftRow:
        latest = self.session.scalar(select(func.max(DraftRow.version)).where(DraftRow.case_pk == case.id))
        row = DraftRow(
            case_pk=case.id,
            version=(latest or 0) + 1,
            determination=determination,
            trace=trace,
            engine_version=engine_version,
            knowledge_base_version=knowledge_base_version,
            created_by=created_by,
            created_at=now(),
            summary=summary,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def latest_draft(self, case: CaseRow) -> DraftView | None:
        row = self.session.scalar(
            select(DraftRow).where(DraftRow.case_pk == case.id).order_by(DraftRow.version.desc()).limit(1)
        )
        if row is None:
            return None
        return DraftView(
            version=row.version,
            determination=row.determination,
            trace=row.trace,
            summary=row.summary,
            created_by=row.created_by,
            created_at=row.created_at,
        )

    def set_item_draft(
        self, item: ItemRow, *, decision: str | None, needs_review: bool, review_reason: str | None
    ) -> None:
        item.draft_decision = decision
        item.needs_review = needs_review
        item.review_reason = review_reason
        item.version += 1
        self.session.flush()

    def sign_item(
        self,
        case: CaseRow,
        position: int,
        *,
        action: str,
        decision: str,
        reason: str | None,
        reviewer_id: str,
        text: SignedText | None = None,
    ) -> ItemRow:
        """Sign one item; a second signer of the same item gets ConflictError, never a silent overwrite.

        `text` is what the letter says of the item as signed (rationale, the Claims Administrator's
        guideline, the reviewer's guideline); None keeps the draft's and the UR record's."""
        item = self.session.scalar(
            select(ItemRow).where(ItemRow.case_pk == case.id, ItemRow.position == position)
        )
        if item is None:
            raise NotFoundError(f"case {case.case_id!r} has no item {position}")
        text = text or SignedText()
        at = now()
        result = self.session.execute(
            update(ItemRow)
            .where(ItemRow.id == item.id, ItemRow.signed_at.is_(None))
            .values(
                signed_action=action,
                signed_decision=decision,
                override_reason=reason,
                signed_by=reviewer_id,
                signed_at=at,
                rationale=text.rationale,
                claims_administrator_guideline=text.claims_administrator_guideline,
                guideline=text.guideline,
                version=ItemRow.version + 1,
            )
            .execution_options(synchronize_session=False)
        )
        self.session.refresh(item)
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise ConflictError(
                f"item {position} of case {case.case_id!r} is already signed "
                f"({item.signed_action} {item.signed_decision} by {item.signed_by} at {item.signed_at})"
            )
        self.session.add(
            SignatureRow(
                case_pk=case.id,
                item_position=position,
                revision=case.revision,
                action=action,
                decision=decision,
                draft_decision=item.draft_decision,
                reason=reason,
                reviewer_id=reviewer_id,
                signed_at=at,
                rationale=text.rationale,
                claims_administrator_guideline=text.claims_administrator_guideline,
                guideline=text.guideline,
            )
        )
        self.session.flush()
        return item

    def reopen_item(self, case: CaseRow, position: int) -> ItemRow:
        """Take back one item's signature before the letter is issued; its history stays in
        `signatures` and its text stays as the starting point of the next signature."""
        item = self.session.scalar(
            select(ItemRow).where(ItemRow.case_pk == case.id, ItemRow.position == position)
        )
        if item is None:
            raise NotFoundError(f"case {case.case_id!r} has no item {position}")
        if item.signed_at is None:
            raise ConflictError(f"item {position} of case {case.case_id!r} is not signed; nothing to reopen")
        item.signed_action = None
        item.signed_decision = None
        item.override_reason = None
        item.signed_by = None
        item.signed_at = None
        item.version += 1
        self.session.flush()
        return item

    def set_case_summary(self, case: CaseRow, text: str | None) -> None:
        """The reviewer's own clinical case summary (None: the one written from the facts)."""
        case.case_summary = text
        self.session.flush()

    def clear_signatures(self, case: CaseRow) -> None:
        """Open every item for signing again (a correction); the history stays in `signatures`."""
        self.session.execute(
            update(ItemRow)
            .where(ItemRow.case_pk == case.id)
            .values(
                signed_action=None,
                signed_decision=None,
                override_reason=None,
                signed_by=None,
                signed_at=None,
                version=ItemRow.version + 1,
            )
            .execution_options(synchronize_session=False)
        )
        self.session.flush()

    # --- reviewers and assignments -------------------------------------------------------------

    def find_reviewer(self, reviewer_id: str) -> Reviewer | None:
        row = self.session.get(ReviewerRow, reviewer_id)
        return Reviewer.model_validate(row.profile) if row is not None else None

    def get_reviewer(self, reviewer_id: str) -> Reviewer:
        reviewer = self.find_reviewer(reviewer_id)
        if reviewer is None:
            raise NotFoundError(f"reviewer {reviewer_id!r} not found")
        return reviewer

    def reviewers(self, *, active_only: bool = False) -> list[Reviewer]:
        query = select(ReviewerRow).order_by(ReviewerRow.id)
        if active_only:
            query = query.where(ReviewerRow.active.is_(True))
        return [Reviewer.model_validate(row.profile) for row in self.session.scalars(query)]

    def add_reviewer(self, reviewer: Reviewer) -> None:
        if self.session.get(ReviewerRow, reviewer.id) is not None:
            raise ConflictError(f"reviewer {reviewer.id!r} already exists; use PUT to change it")
        at = now()
        self.session.add(
            ReviewerRow(
                id=reviewer.id,
                profile=reviewer.model_dump(mode="json"),
                active=reviewer.active,
                created_at=at,
                updated_at=at,
            )
        )
        self.session.flush()

    def update_reviewer(self, reviewer: Reviewer) -> None:
        row = self.session.get(ReviewerRow, reviewer.id, with_for_update=True)
        if row is None:
            raise NotFoundError(f"reviewer {reviewer.id!r} not found")
        row.profile = reviewer.model_dump(mode="json")
        row.active = reviewer.active
        row.updated_at = now()
        self.session.flush()

    def reviewer_active(self, reviewer_id: str) -> bool | None:
        """Whether the reviewer is active; None when there is no such reviewer."""
        return self.session.scalar(select(ReviewerRow.active).where(ReviewerRow.id == reviewer_id))

    # --- signing passphrases -----------------------------------------------------------------

    def passphrase_hash(self, reviewer_id: str) -> str | None:
        row = self.session.get(SigningPassphraseRow, reviewer_id)
        return row.passphrase_hash if row is not None else None

    def set_passphrase(self, reviewer_id: str, passphrase_hash: str, *, token_id: int | None) -> None:
        row = self.session.get(SigningPassphraseRow, reviewer_id, with_for_update=True)
        if row is None:
            row = SigningPassphraseRow(reviewer_id=reviewer_id, passphrase_hash=passphrase_hash, set_at=now())
            self.session.add(row)
        row.passphrase_hash = passphrase_hash
        row.set_at = now()
        row.set_with_token = token_id
        self.session.flush()

    def clear_passphrase(self, reviewer_id: str) -> bool:
        row = self.session.get(SigningPassphraseRow, reviewer_id, with_for_update=True)
        if row is None:
            return False
        self.session.delete(row)
        self.session.flush()
        return True

    def loads(self) -> dict[str, int]:
        """Open cases per reviewer."""
        rows = self.session.execute(
            select(CaseRow.reviewer_id, func.count())
            .where(CaseRow.reviewer_id.is_not(None), CaseRow.state.in_(OPEN_STATES))
            .group_by(CaseRow.reviewer_id)
        )
        return {reviewer_id: count for reviewer_id, count in rows if reviewer_id is not None}

    def add_assignment(
        self, case: CaseRow, *, reviewer_id: str, result: dict[str, Any], assigned_by: str
    ) -> None:
        self.session.add(
            AssignmentRow(
                case_pk=case.id,
                reviewer_id=reviewer_id,
                result=result,
                assigned_by=assigned_by,
                assigned_at=now(),
            )
        )
        self.session.flush()

    # --- letters ------------------------------------------------------------------------------

    def add_letter(
        self,
        case: CaseRow,
        *,
        content: bytes,
        media_type: str,
        determination: dict[str, Any],
        issued_by: str,
        letter_date: dt.date | None = None,
        worksheet: bytes | None = None,
    ) -> LetterRow:
        latest = self.session.scalar(select(func.max(LetterRow.version)).where(LetterRow.case_pk == case.id))
        row = LetterRow(
            case_pk=case.id,
            version=(latest or 0) + 1,
            media_type=media_type,
            content=content,
            sha256=sha256(content),
            determination=determination,
            issued_by=issued_by,
            issued_at=now(),
            letter_date=letter_date,
            worksheet=worksheet,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def letter(self, case: CaseRow, version: int | None = None) -> LetterRow:
        query = select(LetterRow).where(LetterRow.case_pk == case.id)
        if version is None:
            query = query.order_by(LetterRow.version.desc()).limit(1)
        else:
            query = query.where(LetterRow.version == version)
        row = self.session.scalar(query)
        if row is None:
            which = (
                "no letter has been issued" if version is None else f"letter version {version} does not exist"
            )
            raise NotFoundError(f"case {case.case_id!r}: {which}")
        return row

    def letters(self, case: CaseRow) -> list[LetterView]:
        return _letter_views(self.session.execute(_VIEW.letters, {"pk": case.id}))

    def issued(self) -> list[IssuedCase]:
        """Every case's latest issued letter, with what the analytics need of the case."""
        latest = (
            select(LetterRow.case_pk, func.max(LetterRow.version).label("version"))
            .group_by(LetterRow.case_pk)
            .subquery()
        )
        query = (
            select(
                CaseRow,
                DeadlineRow.detail,
                LetterRow.determination,
                LetterRow.letter_date,
                LetterRow.issued_at,
            )
            .join(latest, latest.c.case_pk == CaseRow.id)
            .join(LetterRow, (LetterRow.case_pk == CaseRow.id) & (LetterRow.version == latest.c.version))
            .outerjoin(DeadlineRow, DeadlineRow.case_pk == CaseRow.id)
            .order_by(CaseRow.id)
        )
        return [
            IssuedCase(
                case_id=case.case_id,
                reviewer_id=case.reviewer_id,
                received=_received(case),
                decision_due=case.decision_due,
                track=str((detail or {}).get("track") or ("expedited" if case.expedited else "regular")),
                determination=determination,
                issued=letter_date or issued_at.date(),
            )
            for case, detail, determination, letter_date, issued_at in self.session.execute(query)
        ]

    # --- audit log ----------------------------------------------------------------------------

    def audit(
        self,
        actor: Principal,
        action: str,
        *,
        case_id: str | None,
        details: dict[str, Any] | None = None,
        subject: str | None = None,
    ) -> None:
        """Append one entry; the log has no update or delete path."""
        self.session.add(
            AuditRow(
                case_id=case_id,
                actor=actor.principal,
                role=actor.role,
                action=action,
                at=now(),
                details=details or {},
                subject=subject,
            )
        )
        self.session.flush()

    def audit_log(self, case_id: str) -> list[AuditEntry]:
        rows = self.session.scalars(select(AuditRow).where(AuditRow.case_id == case_id).order_by(AuditRow.id))
        return [_audit_entry(r) for r in rows]

    def count_audit(self, action: str, *, subject: str, since: dt.datetime) -> int:
        """How many `action` entries about `subject` since `since` (and since its passphrase was last
        set, for the passphrase entries: a new passphrase starts afresh)."""
        query = (
            select(func.count())
            .select_from(AuditRow)
            .where(AuditRow.action == action, AuditRow.subject == subject, AuditRow.at >= since)
        )
        if action.startswith("passphrase."):
            set_at = self.session.scalar(
                select(SigningPassphraseRow.set_at).where(SigningPassphraseRow.reviewer_id == subject)
            )
            if set_at is not None:
                query = query.where(AuditRow.at >= set_at)
        return self.session.scalar(query) or 0

    def audit_entries(
        self,
        *,
        prefixes: Sequence[str] = (),
        subject: str | None = None,
        case_id: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[AuditEntry]:
        """Entries whose action starts with one of `prefixes` (all when empty), about `subject`,
        newest first."""
        query = select(AuditRow)
        if prefixes:
            query = query.where(or_(*(AuditRow.action.startswith(p, autoescape=True) for p in prefixes)))
        if subject is not None:
            query = query.where(AuditRow.subject == subject)
        if case_id is not None:
            query = query.where(AuditRow.case_id == case_id)
        rows = self.session.scalars(query.order_by(AuditRow.id.desc()).limit(limit).offset(offset))
        return [_audit_entry(r) for r in rows]

    # --- API tokens ---------------------------------------------------------------------------

    def add_token(
        self,
        token_hash: str,
        *,
        role: Role,
        principal: str,
        party_name: str | None = None,
        kind: str = "api",
        created_by: str | None = None,
    ) -> int:
        row = ApiTokenRow(
            token_hash=token_hash,
            role=role,
            principal=principal,
            party_name=party_name,
            created_at=now(),
            kind=kind,
            created_by=created_by,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def live_token(self, token_hash: str) -> ApiTokenRow | None:
        return self.session.scalar(
            select(ApiTokenRow).where(ApiTokenRow.token_hash == token_hash, ApiTokenRow.revoked_at.is_(None))
        )

    def principal_for(self, token_hash: str) -> Principal | None:
        # Every request asks this: a statement built once, reading three columns of a live token.
        row = self.session.connection().execute(_VIEW.principal, {"token_hash": token_hash}).first()
        if row is None:
            return None
        return Principal(role=row.role, principal=row.principal, party_name=row.party_name)

    def revoke_token(self, token_hash: str) -> ApiTokenRow | None:
        """Revoke one live token; returns it (None when it was unknown or revoked already)."""
        row = self.live_token(token_hash)
        if row is not None:
            row.revoked_at = now()
            self.session.flush()
        return row

    def count_tokens(self, role: Role) -> int:
        return (
            self.session.scalar(
                select(func.count())
                .select_from(ApiTokenRow)
                .where(ApiTokenRow.role == role, ApiTokenRow.revoked_at.is_(None))
            )
            or 0
        )

    def revoke_tokens(self, principal: str) -> int:
        result = self.session.execute(
            update(ApiTokenRow)
            .where(ApiTokenRow.principal == principal, ApiTokenRow.revoked_at.is_(None))
            .values(revoked_at=now())
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class IssuedCase:
    """A case as the analytics see it: its latest issued determination and its dates."""

    case_id: str
    reviewer_id: str | None
    received: dt.date
    decision_due: dt.date | None
    track: str
    determination: dict[str, Any]
    issued: dt.date


def _received(case: CaseRow) -> dt.date:
    submitted = (case.application_json or {}).get("submitted_on")
    return dt.date.fromisoformat(submitted) if isinstance(submitted, str) else case.created_at.date()


def _audit_entry(r: AuditRow) -> AuditEntry:
    return AuditEntry(
        id=r.id,
        case_id=r.case_id,
        actor=r.actor,
        role=r.role,
        action=r.action,
        at=r.at,
        details=r.details,
        subject=r.subject,
    )


def party_key(name: str) -> str:
    """How party names are compared: case and surrounding space do not matter."""
    return " ".join(name.split()).casefold()


def _letter_views(rows: Iterable[Any]) -> list[LetterView]:
    """Letter views from the rows of `_VIEW.letters`."""
    return [
        LetterView(
            version=v,
            media_type=m,
            sha256=h,
            size=n,
            issued_by=by,
            issued_at=at,
            letter_date=day,
            has_worksheet=bool(sheet),
        )
        for v, m, h, n, by, at, day, sheet in rows
    ]


class _ViewStatements:
    """The statements of `Repository.case_view`, built once (`:pk` is the case's primary key)."""

    def __init__(self) -> None:
        pk: BindParameter[int] = bindparam("pk", type_=Integer)
        light = [c for c in CaseRow.__table__.columns if c.name not in ("case_json", "application_json")]
        self.case = select(*light).where(CaseRow.case_id == bindparam("case_id"))
        self.principal = select(ApiTokenRow.role, ApiTokenRow.principal, ApiTokenRow.party_name).where(
            ApiTokenRow.token_hash == bindparam("token_hash"), ApiTokenRow.revoked_at.is_(None)
        )
        self.deadline = select(DeadlineRow.records_due, DeadlineRow.decision_due, DeadlineRow.detail).where(
            DeadlineRow.case_pk == pk
        )
        self.parties = (
            select(PartyRow.role, PartyRow.name).where(PartyRow.case_pk == pk).order_by(PartyRow.id)
        )
        self.records = (
            select(
                RecordRow.record_id,
                RecordRow.kind,
                RecordRow.date,
                RecordRow.title,
                RecordRow.content.is_not(None),  # not the file itself: it can be megabytes
                RecordRow.media_type,
                RecordRow.sha256,
            )
            .where(RecordRow.case_pk == pk)
            .order_by(RecordRow.position)
        )
        self.items = (
            select(*(getattr(ItemRow, name) for name in _ITEM_VIEW_COLUMNS))
            .where(ItemRow.case_pk == pk)
            .order_by(ItemRow.position)
        )
        self.letters = (
            select(
                LetterRow.version,
                LetterRow.media_type,
                LetterRow.sha256,
                func.length(LetterRow.content),
                LetterRow.issued_by,
                LetterRow.issued_at,
                LetterRow.letter_date,
                LetterRow.worksheet.is_not(None),
            )
            .where(LetterRow.case_pk == pk)
            .order_by(LetterRow.version)
        )


_ITEM_VIEW_COLUMNS = (
    "position",
    "request",
    "ur_decision",
    "draft_decision",
    "needs_review",
    "review_reason",
    "signed_at",
    "signed_action",
    "signed_decision",
    "override_reason",
    "signed_by",
    "rationale",
    "claims_administrator_guideline",
    "guideline",
)
_VIEW = _ViewStatements()


def item_view(row: Any) -> ItemView:
    """The view of an item: an ItemRow, or a row of its `_ITEM_VIEW_COLUMNS`."""
    return ItemView(
        position=row.position,
        request=row.request,
        ur_decision=row.ur_decision,
        draft_decision=row.draft_decision,
        needs_review=row.needs_review,
        review_reason=row.review_reason,
        signed=row.signed_at is not None,
        action=row.signed_action,
        decision=row.signed_decision,
        override_reason=row.override_reason,
        signed_by=row.signed_by,
        signed_at=row.signed_at,
        rationale=row.rationale,
        claims_administrator_guideline=row.claims_administrator_guideline,
        guideline=row.guideline,
    )
