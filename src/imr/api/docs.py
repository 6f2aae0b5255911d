"""/docs: the API's interactive documentation (Swagger UI) from files installed with the package
(swagger-ui-bundle-v2), so it loads offline and needs neither a CDN nor an inline script."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fastapi import APIRouter, HTTPException
from starlette.responses import HTMLResponse, Response

DOCS = "/docs"
OWN = Path(__file__).with_name("static")
SWAGGER_FILES = {
    "swagger-ui.css": "text/css; charset=utf-8",
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "favicon-32x32.png": "image/png",
}
OWN_FILES = {"docs.js": "text/javascript; charset=utf-8"}

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}: API documentation</title>
<link rel="stylesheet" href="{docs}/static/swagger-ui.css">
<link rel="icon" type="image/png" href="{docs}/static/favicon-32x32.png">
<script src="{docs}/static/swagger-ui-bundle.js" defer></script>
<script src="{docs}/static/docs.js" defer></script>
</head>
<body>
<main id="swagger-ui"><p>The API documentation needs JavaScript; the OpenAPI document is at
<a href="/openapi.json">/openapi.json</a>.</p></main>
</body>
</html>
"""

router = APIRouter(include_in_schema=False)


@cache
def swagger_dir() -> Path:
    import swagger_ui_bundle

    return Path(swagger_ui_bundle.swagger_ui_path)


@router.get(DOCS)
def docs() -> HTMLResponse:
    from imr import __version__

    return HTMLResponse(PAGE.format(title=f"imr {__version__}", docs=DOCS))


@router.get(f"{DOCS}/static/{{name}}")
def docs_static(name: str) -> Response:
    if name in SWAGGER_FILES:
        path, media_type = swagger_dir() / name, SWAGGER_FILES[name]
    elif name in OWN_FILES:
        path, media_type = OWN / name, OWN_FILES[name]
    else:
        raise HTTPException(404, f"no documentation file {name!r}")
    return Response(
        path.read_bytes(), media_type=media_type, headers={"Cache-Control": "public, max-age=86400"}
    )
