"""The app factory."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI

from imr import __version__
from imr.api import cases, docs, reviewers, system
from imr.api.errors import FieldError, Problem, install
from imr.api.guard import Guard
from imr.api.limits import Limits
from imr.knowledge import Knowledge, load_knowledge
from imr.store.store import Store
from imr.workflow import ReviewService


def create_app(
    database_url: str | None = None,
    *,
    store: Store | None = None,
    knowledge: Knowledge | None = None,
    routers: Sequence[APIRouter] = (),
    limits: Limits | None = None,
) -> FastAPI:
    """The REST API on the database at `database_url` (default: `IMR_DATABASE_URL`, else embedded
    SQLite), migrated on creation, drafting with `knowledge` (default: the packaged knowledge).
    `routers` adds more routes (`imr serve` adds the web app's); they reach the workflow through
    `request.app.state.service`. `limits` bound request bodies (default: `Limits.from_env()`)."""
    store = store or Store(database_url)
    knowledge = knowledge or load_knowledge()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.dispose()

    app = FastAPI(
        title="imr — Independent Medical Review",
        version=__version__,
        description="California workers' compensation IMR: intake, eligibility, reviewer assignment, "
        "draft determinations, physician sign-off and the Final Determination Letter.",
        lifespan=lifespan,
        docs_url=None,  # served by imr.api.docs from installed files: no CDN
        redoc_url=None,
    )
    app.state.store = store
    app.state.service = ReviewService(store, knowledge)
    app.state.limits = limits or Limits.from_env()
    install(app)
    _guard(app)
    for router in (system.router, cases.router, reviewers.router, docs.router, *routers):
        app.include_router(router)
    _document_problems(app)
    return app


def _guard(app: FastAPI) -> None:
    """Put `Guard` outside everything, Starlette's error handling included, so that even a 500 gets
    the security headers and `Connection: close`."""
    build = app.build_middleware_stack

    def guarded() -> Any:
        return Guard(build(), app.state.service, app.state.limits)

    app.build_middleware_stack = guarded  # type: ignore[method-assign]


def _document_problems(app: FastAPI) -> None:
    """Put the Problem schema the error responses refer to into the OpenAPI components."""
    default = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = default()
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
            problem.pop("$defs", None)
            components["Problem"] = problem
            components["FieldError"] = FieldError.model_json_schema()
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
