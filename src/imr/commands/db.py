"""`imr db`: migrate the database, show where it is, and manage API tokens."""

from __future__ import annotations

from typing import Annotated

import typer

# The store (SQLAlchemy, Alembic) loads inside each command, so `imr` starts fast for every other command.

DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url", help="SQLAlchemy URL; default $IMR_DATABASE_URL, else the embedded SQLite file"
    ),
]

db = typer.Typer(help="The database: migrations and API tokens.", no_args_is_help=True)
CLI_PRINCIPAL = "imr db"


def register(app: typer.Typer) -> None:
    app.add_typer(db, name="db")


@db.command("upgrade")
def upgrade_command(database_url_option: DatabaseUrl = None, revision: str = "head") -> None:
    """Apply the migrations (also done by `imr serve` on every start)."""
    from imr.store.database import create_db_engine, current_revision, database_url, describe, upgrade

    url = database_url(database_url_option)
    engine = create_db_engine(url)
    try:
        upgrade(engine, revision)
        typer.echo(f"{describe(url)}: at revision {current_revision(engine)}")
    finally:
        engine.dispose()


@db.command("where")
def where(database_url_option: DatabaseUrl = None) -> None:
    """Print the database URL in use and its schema revision."""
    from imr.store.database import create_db_engine, current_revision, database_url, describe

    url = database_url(database_url_option)
    engine = create_db_engine(url)
    try:
        typer.echo(f"{describe(url)}: revision {current_revision(engine) or 'none (run imr db upgrade)'}")
    finally:
        engine.dispose()


@db.command("create-token")
def create_token(
    role: Annotated[str, typer.Option(help="intake, reviewer, admin or party")],
    principal: Annotated[str, typer.Option(help="Who it is for; for a reviewer, the reviewer id")],
    party_name: Annotated[
        str | None, typer.Option(help="For role party: the party's name in case files")
    ] = None,
    database_url_option: DatabaseUrl = None,
) -> None:
    """Create an API token and print it (it is shown only now)."""
    from imr.store.principal import Principal
    from imr.store.store import Store
    from imr.store.tokens import issue_token

    store = Store(database_url_option)
    try:
        with store.transaction() as repo:
            actor = Principal(role="admin", principal=CLI_PRINCIPAL)
            token = issue_token(repo, actor, role=role, principal=principal, party_name=party_name)
    finally:
        store.dispose()
    typer.echo(token)


@db.command("revoke-tokens")
def revoke_tokens(
    principal: Annotated[str, typer.Option(help="Revoke every token of this principal")],
    database_url_option: DatabaseUrl = None,
) -> None:
    """Revoke all tokens of a principal."""
    from imr.store.principal import Principal
    from imr.store.store import Store

    store = Store(database_url_option)
    try:
        with store.transaction() as repo:
            count = repo.revoke_tokens(principal)
            repo.audit(
                Principal(role="admin", principal=CLI_PRINCIPAL),
                "token.revoked",
                case_id=None,
                details={"principal": principal, "count": count},
                subject=principal,
            )
    finally:
        store.dispose()
    typer.echo(f"revoked {count} token(s) of {principal!r}")
