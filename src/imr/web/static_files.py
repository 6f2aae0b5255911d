"""The stylesheet (and any vendored script), served from the package: no build step, no CDN."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fastapi import APIRouter, HTTPException
from starlette.responses import Response

from imr.web.session import PREFIX

STATIC = Path(__file__).with_name("static")
MEDIA_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}

router = APIRouter()


@cache
def _files() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in STATIC.iterdir() if p.suffix in MEDIA_TYPES}


@router.get(f"{PREFIX}/static/{{name}}")
def static(name: str) -> Response:
    content = _files().get(name)
    if content is None:
        raise HTTPException(404, f"no static file {name!r}")
    return Response(
        content,
        media_type=MEDIA_TYPES[Path(name).suffix],
        headers={"Cache-Control": "public, max-age=3600"},
    )
