"""`imr serve`: the REST API and the reviewer web app, on the embedded or given database."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            help="SQLAlchemy URL; default $IMR_DATABASE_URL, "
            "else SQLite in $IMR_DATA_DIR or ~/.local/share/imr",
        ),
    ] = None,
    letters_corpus: Annotated[
        Path | None,
        typer.Option(
            "--letters-corpus",
            help="Parsed published letters (JSONL from `imr letters parse`) to chart beside the stored "
            "determinations on /ui/analytics.",
        ),
    ] = None,
) -> None:
    """Serve the review workflow API (OpenAPI at /openapi.json, docs at /docs).

    On the first start (no admin token yet) an admin token is created and printed once; make more
    with `imr db create-token` or POST /tokens.
    """
    import uvicorn

    from imr.api import create_app
    from imr.engine.batch import warm
    from imr.store.principal import Principal
    from imr.store.store import Store
    from imr.store.tokens import issue_token
    from imr.web import router

    store = Store(database_url)
    typer.echo(f"imr: database {store.location} (schema up to date)")
    with store.transaction() as repo:
        if repo.count_tokens("admin") == 0:
            token = issue_token(
                repo, Principal(role="admin", principal="imr serve"), role="admin", principal="admin"
            )
            typer.echo(f"imr: first start: admin token (shown only now): {token}")
        else:
            typer.echo(
                "imr: admin tokens exist; make another with "
                "`imr db create-token --role admin --principal NAME`"
            )
    app = create_app(store=store, routers=[router])
    app.state.letter_corpus = letters_corpus
    # The first draft loads the guidelines, vocabularies and fact pipeline; load them now, beside
    # the server, so the reviewer's first draft does not wait for it.
    knowledge = app.state.service.knowledge
    threading.Thread(target=warm, args=(knowledge,), name="imr-warm-engine", daemon=True).start()
    typer.echo(f"imr: serving on http://{host}:{port} (API docs at /docs)")
    uvicorn.run(app, host=host, port=port, log_level="info")
