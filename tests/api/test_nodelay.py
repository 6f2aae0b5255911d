"""`imr serve`'s connections send at once (TCP_NODELAY) however uvicorn bound the socket: with
`--workers N` it binds one itself with `proto` 0, on which asyncio leaves Nagle's algorithm on and
every kept-alive request waited ~40 ms for the client's delayed ACK."""

from __future__ import annotations

import http.client
import socket
import threading
import time
from typing import Any

import uvicorn

from imr.commands.nodelay import NoDelayHTTPProtocol


async def tiny_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    assert scope["type"] == "http"
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
    await send({"type": "http.response.body", "body": b"{}"})


def nodelay_of_accepted_connection(protocol: Any) -> int:
    """Serve on a socket bound the way uvicorn's `--workers` binds it; TCP_NODELAY of the server's
    side of a kept-alive connection."""
    listener = socket.socket(socket.AF_INET)  # proto 0, as uvicorn's Config.bind_socket
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(tiny_app, http=protocol, lifespan="off", log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            client.request("GET", "/")
            assert client.getresponse().read() == b"{}"
            (connection,) = server.server_state.connections
            sock = connection.transport.get_extra_info("socket")  # type: ignore[attr-defined]
            return int(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        finally:
            client.close()
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        listener.close()


def test_connections_on_a_socket_bound_for_workers_send_at_once() -> None:
    assert nodelay_of_accepted_connection(NoDelayHTTPProtocol) != 0
