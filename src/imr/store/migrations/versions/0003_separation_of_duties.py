"""Separation of duties: each reviewer's signing passphrase (hashed, never readable), what an API
token is for (an API token or a web session) and who made it, and the subject of each audit entry
(the token holder or reviewer a change is about), so that admins can read those changes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signing_passphrases",
        sa.Column("reviewer_id", sa.String(length=100), nullable=False),
        sa.Column("passphrase_hash", sa.String(length=300), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("set_with_token", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("reviewer_id", name=op.f("pk_signing_passphrases")),
    )
    # Plain ADD COLUMN on both databases: a batch copy of audit_log on SQLite would lose the
    # triggers that keep it append-only.
    op.add_column("api_tokens", sa.Column("kind", sa.String(length=20), nullable=False, server_default="api"))
    op.add_column("api_tokens", sa.Column("created_by", sa.String(length=200), nullable=True))
    op.create_index(op.f("ix_api_tokens_principal"), "api_tokens", ["principal"], unique=False)
    op.add_column("audit_log", sa.Column("subject", sa.String(length=200), nullable=True))
    op.create_index(op.f("ix_audit_log_subject"), "audit_log", ["subject"], unique=False)
    op.create_index(op.f("ix_audit_log_action"), "audit_log", ["action"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_log_action"), table_name="audit_log")
    op.drop_index(op.f("ix_audit_log_subject"), table_name="audit_log")
    op.drop_column("audit_log", "subject")  # SQLite 3.35+ drops a column in place
    op.drop_index(op.f("ix_api_tokens_principal"), table_name="api_tokens")
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("created_by")
        batch.drop_column("kind")
    op.drop_table("signing_passphrases")
