"""journal head: each account keeps the length and last hash of its journal

Existing accounts get the head of the journal they hold now. The columns are added
with a plain ALTER TABLE: a batch copy of `accounts` on SQLite would drop the table,
and its ON DELETE CASCADE children with it.

Revision ID: 0004
Revises: 0003
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

accounts = sa.table('accounts', sa.column('id'), sa.column('journal_length'), sa.column('journal_head'))
journal = sa.table('journal', sa.column('account_id'), sa.column('seq'), sa.column('entry_hash'))


def upgrade() -> None:
    op.add_column('accounts', sa.Column('journal_length', sa.Integer(), server_default='0', nullable=False))
    op.add_column('accounts', sa.Column('journal_head', sa.LargeBinary(), nullable=True))
    last = (
        sa.select(journal.c.seq, journal.c.entry_hash)
        .where(journal.c.account_id == accounts.c.id)
        .order_by(journal.c.seq.desc())
        .limit(1)
    )
    op.execute(
        accounts.update().values(
            journal_length=sa.func.coalesce(last.with_only_columns(journal.c.seq).scalar_subquery(), 0),
            journal_head=last.with_only_columns(journal.c.entry_hash).scalar_subquery(),
        )
    )


def downgrade() -> None:
    op.drop_column('accounts', 'journal_head')
    op.drop_column('accounts', 'journal_length')
