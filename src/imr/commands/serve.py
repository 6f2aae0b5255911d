"""`imr serve`: the REST API and the reviewer web app, on the embedded or given database.

With `--workers N` uvicorn runs N processes; this process migrates the database first (once, before
any worker starts), and each worker builds the app from the environment (`worker_app`) on the
database already migrated. SQLite runs in WAL mode, so readers in one worker do not wait for the
writer in another, and writers wait their turn (busy timeout).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from fastapi import FastAPI

    from imr.store.store import Store

# How `imr serve` tells its worker processes what to serve.
_DATABASE_ENV = "IMR_SERVE_DATABASE_URL"
_CORPUS_ENV = "IMR_SERVE_LETTERS_CORPUS"


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
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Server processes (uvicorn workers): more serve more requests at once on more "
            "cores; each one loads its own engine.",
        ),
    ] = 1,
) -> None:
    """Serve the review workflow API (OpenAPI at /openapi.json, docs at /docs).

    On the first start (no admin token yet) an admin token is created and printed once; make more
    with `imr db create-token` or POST /tokens.
    """
    import uvicorn

    from imr.commands.nodelay import NoDelayHTTPProtocol
    from imr.store.principal import Principal
    from imr.store.store import Store
    from imr.store.tokens import issue_token

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
    if workers == 1:
        app = _app(store, letters_corpus)
        typer.echo(f"imr: serving on http://{host}:{port} (API docs at /docs)")
        uvicorn.run(app, host=host, port=port, log_level="info", http=NoDelayHTTPProtocol)
        return
    store.dispose()  # migrated: the workers open their own connections
    os.environ[_DATABASE_ENV] = store.url
    if letters_corpus is not None:
        os.environ[_CORPUS_ENV] = str(letters_corpus)
    typer.echo(f"imr: serving on http://{host}:{port} with {workers} workers (API docs at /docs)")
    uvicorn.run(
        "imr.commands.serve:worker_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        http=NoDelayHTTPProtocol,  # with workers, uvicorn's own socket would keep Nagle's algorithm on
    )


def worker_app() -> FastAPI:
    """The app of one `imr serve --workers N` process, on the database `imr serve` migrated."""
    from imr.store.store import Store

    store = Store(os.environ[_DATABASE_ENV], migrate=False)
    corpus = os.environ.get(_CORPUS_ENV)
    return _app(store, Path(corpus) if corpus else None)


def _app(store: Store, letters_corpus: Path | None) -> FastAPI:
    from imr.api import create_app
    from imr.engine.batch import warm
    from imr.web import router

    app = create_app(store=store, routers=[router])
    app.state.letter_corpus = letters_corpus
    # The first draft loads the guidelines, vocabularies and fact pipeline; load them now, beside
    # the server, so the reviewer's first draft does not wait for it.
    knowledge = app.state.service.knowledge
    threading.Thread(target=warm, args=(knowledge,), name="imr-warm-engine", daemon=True).start()
    return app
