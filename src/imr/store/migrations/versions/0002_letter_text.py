"""The letter's own text: each item's published rationale, the guideline the Claims Administrator
cited and the reviewer's guideline (items and their signature history, which may now hold several
signatures of an item per revision: an item can be reopened before issue); the reviewer's case
summary; the summary written at drafting; the issued letter's date and its separate worksheet.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

UNIQUE_SIGNATURE = "uq_signatures_case_pk_item_position_revision"
SIGNED_TEXT = (
    ("rationale", sa.Text()),
    ("claims_administrator_guideline", sa.Text()),
    ("guideline", sa.JSON()),
)


def upgrade() -> None:
    for table in ("items", "signatures"):
        with op.batch_alter_table(table) as batch:
            for name, kind in SIGNED_TEXT:
                batch.add_column(sa.Column(name, kind, nullable=True))
    # An item reopened before the letter is issued is signed again in the same revision: the
    # history keeps every signature.
    with op.batch_alter_table("signatures") as batch:
        batch.drop_constraint(op.f(UNIQUE_SIGNATURE), type_="unique")
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("case_summary", sa.Text(), nullable=True))
    with op.batch_alter_table("drafts") as batch:
        batch.add_column(sa.Column("summary", sa.JSON(), nullable=True))
    with op.batch_alter_table("letters") as batch:
        batch.add_column(sa.Column("letter_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("worksheet", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("signatures") as batch:
        batch.create_unique_constraint(op.f(UNIQUE_SIGNATURE), ["case_pk", "item_position", "revision"])
    with op.batch_alter_table("letters") as batch:
        batch.drop_column("worksheet")
        batch.drop_column("letter_date")
    with op.batch_alter_table("drafts") as batch:
        batch.drop_column("summary")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("case_summary")
    for table in ("signatures", "items"):
        with op.batch_alter_table(table) as batch:
            for name, _ in reversed(SIGNED_TEXT):
                batch.drop_column(name)
