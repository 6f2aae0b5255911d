"""The reviewer web app: server-rendered pages on the review workflow, mounted by `imr serve`.

`router` holds every page under /ui; it reaches the workflow through `request.app.state.service`.
"""

from fastapi import APIRouter

from imr.web import actions, analytics_page, pages, session, static_files

router = APIRouter(include_in_schema=False)
for _part in (session.router, pages.router, actions.router, analytics_page.router, static_files.router):
    router.include_router(_part)

__all__ = ["router"]
