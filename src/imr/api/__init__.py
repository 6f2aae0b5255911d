"""The REST API (FastAPI): `create_app()`; OpenAPI at /openapi.json."""

from imr.api.app import create_app

__all__ = ["create_app"]
