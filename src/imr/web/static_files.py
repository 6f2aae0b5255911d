"""The stylesheets and the one script, served from the package: no build step, no CDN.

The letter's own stylesheet (and its draft watermark) come from the letter templates, so the
preview page and the PDF share one stylesheet.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fastapi import APIRouter, HTTPException
from starlette.responses import Response

from imr.letters.render import TEMPLATES_DIR as LETTER_TEMPLATES
from imr.web.session import PREFIX

STATIC = Path(__file__).with_name("static")
MEDIA_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}
LETTER_ASSETS = ("letter.css", "draft-watermark.svg")

router = APIRouter()


@cache
def _files() -> dict[str, bytes]:
    files = {p.name: p.read_bytes() for p in STATIC.iterdir() if p.suffix in MEDIA_TYPES}
    files.update({name: (LETTER_TEMPLATES / name).read_bytes() for name in LETTER_ASSETS})
    return files


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
