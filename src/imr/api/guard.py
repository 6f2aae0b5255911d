"""The outermost layer of the service (an ASGI middleware): who is calling is checked before a
body is read, bodies are bounded in size and JSON nesting, and every response carries the security
headers (and `Connection: close` after a server error, so that a client does not reuse a
connection the server is about to drop)."""

from __future__ import annotations

import contextlib
import json
import logging
import re
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import CookieError, SimpleCookie
from typing import Any

import anyio.to_thread

from imr.api.errors import problem_body
from imr.api.json_depth import too_deep
from imr.api.limits import Limits
from imr.store.principal import Principal
from imr.workflow import ReviewService
from imr.workflow.identifiers import is_case_id
from imr.workflow.service import TokenRead

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger("imr.api")

WEB = "/ui"
SIGN_IN = f"{WEB}/sign-in"
SESSION_COOKIE = "imr_token"  # imr.web.session.COOKIE (the API layer does not import the web app)
# Readable without a token: the health check and the API's own documentation.
PUBLIC = ("/health", "/openapi.json", "/docs", "/favicon.ico")

# The web app loads only its own scripts, styles and images; forms post only to itself.
WEB_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# The letter preview is framed by the preview page of this site, and by nothing else.
FRAMED_CSP = WEB_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
# Swagger UI sets style attributes from its bundle; everything else is still its own files.
DOCS_CSP = WEB_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
# JSON and PDFs: nothing to load, never framed.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


# Reads that check their token themselves, in the same database statement as what they read: the
# guard checks only that a token is sent. They have no body that could be read before the check.
SELF_AUTHENTICATED = re.compile(r"/cases/[^/]+")
CASES = "/cases/"
# Where the guard leaves a case read it made but did not answer, for the route (`made_read`).
CASE_READ = "imr.case_read"


class BodyTooLargeError(Exception):
    """Raised from `receive` when a streamed body passes the limit; turned into a 413 here."""


Headers = tuple[tuple[bytes, bytes], ...]


def _headers(csp: str, frame_options: bytes) -> Headers:
    return (
        (b"content-security-policy", csp.encode()),
        (b"x-frame-options", frame_options),
        (b"x-content-type-options", b"nosniff"),
        # Case ids are in the addresses: never send them to another site. (Not "no-referrer": with
        # it, browsers send `Origin: null` on the app's own forms, which the origin check refuses.)
        (b"referrer-policy", b"same-origin"),
        (b"cross-origin-opener-policy", b"same-origin"),
    )


# Built once: every response carries one of these.
FRAMED_HEADERS = _headers(FRAMED_CSP, b"SAMEORIGIN")
WEB_HEADERS = _headers(WEB_CSP, b"DENY")
DOCS_HEADERS = _headers(DOCS_CSP, b"DENY")
API_HEADERS = _headers(API_CSP, b"DENY")
SECURITY_HEADER_NAMES = frozenset(name for name, _ in API_HEADERS)


def security_headers(path: str) -> Headers:
    if path.startswith(f"{WEB}/cases/") and path.endswith("/preview/letter"):
        return FRAMED_HEADERS
    if path.startswith(WEB):
        return WEB_HEADERS
    if path.startswith("/docs"):
        return DOCS_HEADERS
    return API_HEADERS


class Guard:
    """Wraps the whole application (outside Starlette's own error handling)."""

    def __init__(self, app: ASGIApp, service: ReviewService, limits: Limits) -> None:
        self.app = app
        self.service = service
        self.limits = limits
        self._readers: anyio.CapacityLimiter | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        started = False
        extra = security_headers(path)

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() not in SECURITY_HEADER_NAMES
                ]
                headers.extend(extra)
                if message.get("status", 200) >= 500 and not any(
                    k.lower() == b"connection" for k, _ in headers
                ):
                    headers.append((b"connection", b"close"))
                message["headers"] = headers
            await send(message)

        refusal = await self._refuse_before_body(scope)
        if refusal is not None:
            await _answer_now(send_with_headers, *refusal)
            return
        length = _content_length(scope)
        if length is not None and length > self.limits.max_body_bytes:
            await _answer_now(send_with_headers, *self._too_large())
            return
        if (
            scope.get("method") == "GET"
            and not scope.get("root_path")
            and SELF_AUTHENTICATED.fullmatch(path)
            and await self._read_case(scope, send)
        ):
            return
        bounded = self._bounded(receive)
        if scope.get("method") in ("POST", "PUT", "PATCH"):
            # Read here, within the limit: the framework would read it whole anyway, and turns an
            # error raised while it reads into a vague 400.
            try:
                body = await _read_all(bounded)
            except BodyTooLargeError:
                await _answer_now(send_with_headers, *self._too_large())
                return
            if _is_json(scope) and too_deep(body, self.limits.max_json_depth):
                detail = (
                    f"the JSON body nests deeper than {self.limits.max_json_depth} levels "
                    "(case files nest a few levels; expected a flatter document)"
                )
                await _answer_now(send_with_headers, *_problem(422, detail, "json-too-deep"))
                return
            bounded = _replay(body, receive)
        try:
            await self.app(scope, bounded, send_with_headers)
        except BodyTooLargeError:
            if started:
                raise
            await _answer_now(send_with_headers, *self._too_large())

    async def _read_case(self, scope: Scope, send: Send) -> bool:
        """GET /cases/{id}, answered here (True) when the caller may read the case: the answer is the
        route's, byte for byte, without the routing, dependencies and middleware around it, which
        cost more than the read itself. Anything else (no token, an id out of shape, a refusal, an
        error) is left to the route, with the read made here (`made_read`): the route raises what it
        would have raised, handled and recorded as any refusal, without reading again."""
        case_id = scope["path"][len(CASES) :]
        token = _bearer(scope)
        if token is None or not is_case_id(case_id):
            return False
        read: TokenRead | Exception
        try:
            read = await anyio.to_thread.run_sync(
                self.service.read_case, token, case_id, limiter=self._read_limiter()
            )
        except Exception as exc:  # raised again by the route
            read = exc
        if isinstance(read, Exception) or read.principal is None or read.refusal is not None:
            scope.setdefault("state", {})[CASE_READ] = (token, case_id, read)
            return False
        body = read.body
        headers = [(b"content-length", str(len(body)).encode()), (b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": 200, "headers": [*headers, *API_HEADERS]})
        await send({"type": "http.response.body", "body": body})
        return True

    def _read_limiter(self) -> anyio.CapacityLimiter | None:
        """As many case reads at once in worker threads as the database pool has connections: the
        others wait here, in the event loop, rather than each in a thread of its own waiting for a
        connection, which cost a PostgreSQL read about a fifth more CPU at 10 reads at once on a
        pool of 2. None (the threads' own limit) where the pool has no bound."""
        if self._readers is None:
            connections = self.service.store.connections
            if connections is None:
                return None
            self._readers = anyio.CapacityLimiter(connections)  # made in the event loop, as anyio needs
        return self._readers

    def _too_large(self) -> tuple[int, bytes, list[tuple[bytes, bytes]]]:
        limit = self.limits.max_body_bytes
        return _problem(
            413,
            f"the request body is larger than the limit of {limit} bytes ({limit / 1024 / 1024:.0f} MiB); "
            "send fewer or smaller record files",
            "body-too-large",
        )

    def _bounded(self, receive: Receive) -> Receive:
        seen = 0
        limit = self.limits.max_body_bytes

        async def bounded() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLargeError()
            return message

        return bounded

    async def _refuse_before_body(self, scope: Scope) -> tuple[int, bytes, list[tuple[bytes, bytes]]] | None:
        """401 for an API request without a live token, before anything of its body is read."""
        path: str = scope.get("path", "")
        if path.startswith(WEB):
            return await self._web_session(scope)
        if path == "/" or any(path == p or path.startswith(f"{p}/") for p in PUBLIC):
            return None
        header = _header(scope, b"authorization")
        scheme, _, token = (header or "").partition(" ")
        challenge = [(b"www-authenticate", b"Bearer")]
        if scheme.lower() != "bearer" or not token.strip():
            reason = "missing API token: send 'Authorization: Bearer <token>'"
            await self._record(None, scope, 401, reason)
            status, body, headers = _problem(401, reason, "unauthorized")
            return status, body, headers + challenge
        if scope.get("method") == "GET" and SELF_AUTHENTICATED.fullmatch(path):
            return None
        who = await anyio.to_thread.run_sync(self.service.principal_for, token.strip())
        if who is None:
            reason = "the API token is unknown or revoked"
            await self._record(None, scope, 401, reason)
            status, body, headers = _problem(401, reason, "unauthorized")
            return status, body, headers + challenge
        state = scope.setdefault("state", {})
        state["principal"] = who
        state["token"] = token.strip()
        return None

    async def _web_session(self, scope: Scope) -> tuple[int, bytes, list[tuple[bytes, bytes]]] | None:
        """A form posted to the web app without a live session goes to the sign-in page, unread."""
        if scope.get("method") != "POST" or scope.get("path") == SIGN_IN:
            return None
        cookies: SimpleCookie = SimpleCookie()
        with contextlib.suppress(CookieError):  # a malformed cookie is no session
            cookies.load(_header(scope, b"cookie") or "")
        session = cookies.get(SESSION_COOKIE)
        if session is not None and session.value:
            who = await anyio.to_thread.run_sync(self.service.principal_for, session.value)
            if who is not None:
                return None
        return 303, b"", [(b"location", SIGN_IN.encode())]

    async def _record(self, who: Principal | None, scope: Scope, status: int, reason: str) -> None:
        try:
            await anyio.to_thread.run_sync(
                lambda: self.service.record_refusal(
                    who,
                    status=status,
                    method=str(scope.get("method", "")),
                    path=str(scope.get("path", "")),
                    reason=reason,
                )
            )
        except Exception:  # the refusal stands even when it cannot be recorded
            log.exception("could not record a refused request")


def _problem(status: int, detail: str, slug: str) -> tuple[int, bytes, list[tuple[bytes, bytes]]]:
    body = json.dumps(problem_body(status, detail, slug=slug)).encode()
    return status, body, [(b"content-type", b"application/problem+json")]


async def _answer_now(send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]]) -> None:
    """Answer at once without reading the request body; the connection is closed afterwards, since
    the unread body cannot be skipped on it."""
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [*headers, (b"content-length", str(len(body)).encode()), (b"connection", b"close")],
        }
    )
    await send({"type": "http.response.body", "body": body})


def made_read(scope: Scope, token: str, case_id: str) -> TokenRead | None:
    """The read of `case_id` with `token` the guard made for this request and left unanswered (None:
    none); an error it met is raised."""
    made = scope.get("state", {}).pop(CASE_READ, None)
    if made is None or made[0] != token or made[1] != case_id:
        return None
    read: TokenRead | Exception = made[2]
    if isinstance(read, Exception):
        raise read
    return read


def _bearer(scope: Scope) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, as the routes' `HTTPBearer` reads it."""
    scheme, _, token = (_header(scope, b"authorization") or "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


def _content_length(scope: Scope) -> int | None:
    raw = _header(scope, b"content-length")
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None


def _is_json(scope: Scope) -> bool:
    kind = (_header(scope, b"content-type") or "").split(";")[0].strip().lower()
    return kind == "application/json" or kind.endswith("+json")


async def _read_all(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, then: Receive) -> Receive:
    """The body read already, then the connection's own messages (a disconnect)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return await then()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive
