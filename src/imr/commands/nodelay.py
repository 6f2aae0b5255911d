"""The HTTP protocol `imr serve` gives uvicorn: uvicorn's own (httptools where installed, else h11),
with Nagle's algorithm off on every connection.

asyncio turns on TCP_NODELAY only for sockets whose `proto` is IPPROTO_TCP. With `--workers N`
uvicorn binds the listening socket itself with `proto` 0, so the accepted connections kept Nagle's
algorithm: a response goes out as two writes (headers, then body), the body waited for the client's
delayed ACK of the headers, and on Linux every request on a kept-alive connection after the first
took ~40 ms more, whatever the load (uvicorn issue 3149). Setting the option on each connection
covers every way the socket was bound.
"""

from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.auto import AutoHTTPProtocol


def no_delay(transport: asyncio.BaseTransport) -> None:
    """Turn Nagle's algorithm off on `transport`'s TCP socket (nothing for other sockets)."""
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class NoDelayHTTPProtocol(AutoHTTPProtocol):  # type: ignore[misc,valid-type]
    """uvicorn's HTTP protocol, sending each write at once (pass as `uvicorn.run(http=...)`)."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        no_delay(transport)
        super().connection_made(transport)
