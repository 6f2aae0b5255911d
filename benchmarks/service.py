"""Load benchmark of the review service on loopback, SQLite and PostgreSQL side by side.

For each database: start `imr serve --workers 2` in a subprocess on a free loopback port, then with
20 concurrent clients (1) submit, assign and draft cases (httpx, one thread per client) and (2) read
cases (GET /cases/{id}); print cases created and drafted per second and the reads per second, p50/p99
latency, the server's CPU time per read (its worker processes together; not PostgreSQL's own) and the
client's. The baseline, measured in the same run with the same read client, the same uvicorn worker
count and the same HTTP protocol as `imr serve` (`bare_app.py` run as a script), is a bare FastAPI
endpoint returning a fixed JSON body: the reads are printed as ratios to it (imr ÷ bare).

The read client must cost far less than the server, since on a small machine they share the cores: one
asyncio event loop drives 20 keep-alive HTTP/1.1 connections over `asyncio.open_connection`, each
request is prebuilt bytes (with the Authorization header), and only the status line and the headers
that frame the body (Content-Length, chunked, Connection: close) are parsed; latency is
`time.perf_counter` around each request. A read counts when it answers 200 and, for a sample of reads,
its body is the JSON of the case asked for; anything else is a failed request. The connections are
opened one after another, each with one untimed read, before the timed reads: the workers share one
listening socket, and a burst of connections could all be accepted by one worker. The client's CPU
per read (about 0.05 ms, a tenth of the server's) shows that it does not limit reads/s. On a shared
machine reads/s and p99 still move with its load from run to run (the load average is printed); the
CPU per read hardly does. Bounded by request counts and time.

    .venv/bin/python benchmarks/service.py [--cases 60] [--reads 20000] [--clients 20] [--workers 2]

PostgreSQL: $IMR_BENCH_DATABASE_URL, else $IMR_TEST_DATABASE_URL, else the local trust-auth server;
a scratch schema is created and dropped. If it cannot be reached its column says so.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.exc import SQLAlchemyError

from imr.models import Reviewer
from imr.store.principal import Principal
from imr.store.scratch import scratch_database
from imr.store.store import Store
from imr.store.tokens import issue_token

HERE = Path(__file__).resolve().parent
LOCAL_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TIME_LIMIT = 60.0  # seconds per phase, whatever the counts


@dataclass
class Figures:
    database: str
    cases: int = 0
    cases_per_second: float = 0.0
    reads: int = 0
    reads_per_second: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    errors: int = 0
    bare_reads_per_second: float = 0.0
    bare_p50_ms: float = 0.0
    bare_p99_ms: float = 0.0
    cpu_ms: float | None = None  # server CPU per read, every worker process together
    bare_cpu_ms: float | None = None
    client_cpu_ms: float | None = None  # the load generator's own CPU per read
    bare_client_cpu_ms: float | None = None
    note: str = ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare(url: str, reviewers: int) -> str:
    """Migrate, add reviewers, and return an admin token."""
    store = Store(url)
    try:
        with store.transaction() as repo:
            for n in range(reviewers):
                repo.add_reviewer(
                    Reviewer(
                        id=f"bench-rev-{n}",
                        specialties=[
                            "Physical Medicine and Rehabilitation",
                            "Pain Medicine",
                            "Internal Medicine",
                        ],
                        board_certifications=["Physical Medicine and Rehabilitation"],
                        licensure_states=["California"],
                        years_in_practice=12,
                        hours_per_week_active=30,
                    )
                )
            return issue_token(
                repo, Principal(role="admin", principal="bench"), role="admin", principal="bench"
            )
    finally:
        store.dispose()


def cpu_seconds(pid: int) -> float | None:
    """CPU time used so far by process `pid` and its child processes (the uvicorn workers), from
    Linux's /proc; None where there is no /proc. Unlike reads/s and latency, CPU per request hardly
    changes with what else runs on the machine."""
    proc = Path("/proc")
    if not (proc / str(pid) / "stat").exists():
        return None
    total = 0.0
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if int(entry.name) == pid or int(fields[1]) == pid:  # fields[1]: the parent's pid
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # user + system
    return total


@dataclass
class Server:
    base: str
    pid: int


@contextmanager
def server(url: str | None, workers: int) -> Iterator[Server]:
    """`imr serve` on `url`, or (url None) the bare FastAPI endpoint of `bare_app.py`."""
    port = free_port()
    env = dict(os.environ, IMR_DATABASE_URL=url or "")
    if url is None:
        command = [sys.executable, str(HERE / "bare_app.py"), "--workers", str(workers)]
    else:
        command = [sys.executable, "-m", "imr.cli", "serve"]
        command += ["--workers", str(workers)] if workers != 1 else []  # 1: also a pre-`--workers` imr
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"imr serve did not start on port {port}")
            time.sleep(0.2)
        yield Server(base, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def case_body(n: int) -> dict[str, Any]:
    return {
        "case": {
            "case_id": f"BENCH-{n:06d}",
            "date_of_injury": "2014-11-06",
            "parties": [{"role": "employer", "name": f"Employer {n}"}],
            "records": [
                {
                    "id": "r1",
                    "kind": "progress_report",
                    "date": "2026-02-25",
                    "text": "Neck pain 6/10. Request acupuncture 6 visits and Flexeril 5mg #60 for spasm.",
                },
            ],
            "items": [{"request": "Acupuncture 6 visits"}, {"request": "Flexeril 5mg #60"}],
        },
        "application": {
            "submitted_on": "2026-03-10",
            "signed_by": "worker",
            "signature_present": True,
            "ur_decision_date": "2026-03-02",
            "ur_decision_served_on": "2026-03-03",
            "ur_decision_attached": True,
            "ur_decision_kind": "non-certified",
            "worker_id": f"W-{n}",
            "date_of_injury": "2014-11-06",
        },
    }


def run_clients(
    clients: int, total: int, work: Callable[[httpx.Client, int], bool], base: str, token: str
) -> tuple[int, int, float]:
    """Run `work(client, n)` for n in 0..total-1 on `clients` threads; (done, errors, seconds)."""
    counter = iter(range(total))
    lock = threading.Lock()
    done = errors = 0
    start = time.perf_counter()

    def worker() -> None:
        nonlocal done, errors
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=120) as client:
            while time.perf_counter() - start < TIME_LIMIT:
                with lock:
                    n = next(counter, None)
                if n is None:
                    return
                ok = work(client, n)
                with lock:
                    done += ok
                    errors += not ok

    with ThreadPoolExecutor(max_workers=clients) as pool:
        for future in [pool.submit(worker) for _ in range(clients)]:
            future.result()
    return done, errors, time.perf_counter() - start


class _Connection:
    """One keep-alive HTTP/1.1 connection of the read client, on the event loop's own streams."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, request: bytes) -> tuple[int, bytes]:
        """Send the prebuilt `request`; (status, body), the body read whole (Content-Length or
        chunked). Reconnects when the server said `Connection: close` or dropped the connection."""
        if self.reader is None or self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        length: int | None = None
        chunked = close = False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
            elif name == b"connection":
                close = value.strip().lower() == b"close"
        if chunked:
            body = await self._chunks()
        elif length is not None:
            body = await self.reader.readexactly(length)
        else:  # neither: the body runs to the end of the connection
            body = await self.reader.read()
            close = True
        if close:
            await self.close()
        return status, body

    async def _chunks(self) -> bytes:
        assert self.reader is not None
        parts: list[bytes] = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                while await self.reader.readuntil(b"\r\n") != b"\r\n":  # trailers, then the blank line
                    pass
                return b"".join(parts)
            parts.append(await self.reader.readexactly(size))
            await self.reader.readexactly(2)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


@dataclass
class Reads:
    done: int  # answered 200 (and, where sampled, with the case asked for)
    errors: int
    per_second: float
    p50_ms: float
    p99_ms: float
    client_cpu_ms: float  # the client's own CPU time per read


def read_load(base: str, token: str, paths: list[str], *, reads: int, clients: int) -> Reads:
    """GET random `paths` over `clients` keep-alive connections. A read is done when it answers 200
    and, for a sample of reads, its JSON body is the case asked for; anything else is an error.

    The clients share the machine's cores with the server, so they must cost it little: one asyncio
    event loop drives every connection, each request is prebuilt bytes, and only the status line and
    the headers that frame the body are parsed: about 0.05 ms of CPU per read, under half of what 20
    threads of http.client cost."""
    return asyncio.run(_read_load(base, token, paths, reads=reads, clients=clients))


async def _read_load(base: str, token: str, paths: list[str], *, reads: int, clients: int) -> Reads:
    host, port = base.removeprefix("http://").split(":")
    requests = [
        (
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Bearer {token}\r\n"
            "Accept: application/json\r\n\r\n"
        ).encode()
        for path in paths
    ]
    order = [random.randrange(len(paths)) for _ in range(reads)]  # drawn beforehand: no cost while timed
    counter = iter(order)
    sample = max(1, reads // 200)  # every sample-th read's body is checked
    latencies: list[float] = []
    done = errors = 0
    # Connected one after another, each with one read left out of the figures: the workers share one
    # listening socket, and a burst of connections could all be accepted by whichever woke first.
    connections = [_Connection(host, int(port)) for _ in range(clients)]
    for connection in connections:
        await connection.get(requests[0])
    cpu = time.process_time()
    start = time.perf_counter()

    async def worker(connection: _Connection) -> None:
        nonlocal done, errors
        try:
            for n, which in enumerate(counter):
                if time.perf_counter() - start >= TIME_LIMIT:
                    return
                started = time.perf_counter()
                status, body = await connection.get(requests[which])
                latencies.append(time.perf_counter() - started)
                ok = status == 200
                if ok and n % sample == 0:
                    ok = _is_case(body, paths[which].rsplit("/", 1)[1])
                done += ok
                errors += not ok
        finally:
            await connection.close()

    await asyncio.gather(*(worker(connection) for connection in connections))
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    ordered = sorted(latencies) or [0.0]
    return Reads(
        done=done,
        errors=errors,
        per_second=done / seconds if seconds else 0.0,
        p50_ms=statistics.median(ordered) * 1000,
        p99_ms=ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
        client_cpu_ms=cpu / len(latencies) * 1000 if latencies else 0.0,
    )


def _is_case(body: bytes, case_id: str) -> bool:
    try:
        view = json.loads(body)
    except ValueError:
        return False
    return isinstance(view, dict) and view.get("case_id") == case_id


def measure(name: str, url: str, *, cases: int, reads: int, clients: int, workers: int) -> Figures:
    figures = Figures(database=name)
    token = prepare(url, reviewers=max(4, clients // 4))
    with server(url, workers) as running:
        base = running.base

        def create_and_draft(client: httpx.Client, n: int) -> bool:
            case_id = f"BENCH-{n:06d}"
            steps = [
                client.post("/cases", json=case_body(n)),
                client.post(f"/cases/{case_id}/assign"),
                client.post(f"/cases/{case_id}/draft"),
            ]
            return all(r.status_code < 300 for r in steps)

        done, errors, seconds = run_clients(clients, cases, create_and_draft, base, token)
        figures.cases, figures.errors = done, errors
        figures.cases_per_second = done / seconds if seconds else 0.0
        paths = [f"/cases/BENCH-{n:06d}" for n in range(max(done, 1))]
        before = cpu_seconds(running.pid)
        imr = read_load(base, token, paths, reads=reads, clients=clients)
        figures.reads, figures.reads_per_second, figures.p50_ms, figures.p99_ms = (
            imr.done,
            imr.per_second,
            imr.p50_ms,
            imr.p99_ms,
        )
        figures.cpu_ms = _per_request(before, cpu_seconds(running.pid), imr.done + imr.errors)
        figures.client_cpu_ms = imr.client_cpu_ms
        figures.errors += imr.errors
    # The baseline right after, with the same clients, workers and request count.
    with server(None, workers) as running:
        before = cpu_seconds(running.pid)
        bare = read_load(running.base, token, ["/cases/BARE-000001"], reads=reads, clients=clients)
        figures.bare_reads_per_second, figures.bare_p50_ms, figures.bare_p99_ms = (
            bare.per_second,
            bare.p50_ms,
            bare.p99_ms,
        )
        figures.bare_cpu_ms = _per_request(before, cpu_seconds(running.pid), bare.done + bare.errors)
        figures.bare_client_cpu_ms = bare.client_cpu_ms
        figures.errors += bare.errors
    return figures


def _per_request(before: float | None, after: float | None, requests: int) -> float | None:
    if before is None or after is None or not requests:
        return None
    return (after - before) / requests * 1000


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}" if a is not None and b else "-"


def _ms(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else "-"


def table(results: list[Figures], clients: int) -> str:
    rows: list[tuple[str, Callable[[Figures], str]]] = [
        ("cases created+drafted", lambda f: f"{f.cases}"),
        ("  per second", lambda f: f"{f.cases_per_second:.1f}"),
        (f"reads ({clients} clients)", lambda f: f"{f.reads}"),
        ("  per second", lambda f: f"{f.reads_per_second:.1f}"),
        ("  p50 latency (ms)", lambda f: f"{f.p50_ms:.1f}"),
        ("  p99 latency (ms)", lambda f: f"{f.p99_ms:.1f}"),
        ("  server CPU/read (ms)", lambda f: _ms(f.cpu_ms)),
        ("  client CPU/read (ms)", lambda f: _ms(f.client_cpu_ms)),
        ("bare FastAPI reads/s", lambda f: f"{f.bare_reads_per_second:.1f}"),
        ("  p50 latency (ms)", lambda f: f"{f.bare_p50_ms:.1f}"),
        ("  p99 latency (ms)", lambda f: f"{f.bare_p99_ms:.1f}"),
        ("  server CPU/read (ms)", lambda f: _ms(f.bare_cpu_ms)),
        ("  client CPU/read (ms)", lambda f: _ms(f.bare_client_cpu_ms)),
        ("imr ÷ bare: reads/s", lambda f: _ratio(f.reads_per_second, f.bare_reads_per_second)),
        ("  p50 latency", lambda f: _ratio(f.p50_ms, f.bare_p50_ms)),
        ("  p99 latency", lambda f: _ratio(f.p99_ms, f.bare_p99_ms)),
        ("  server CPU per read", lambda f: _ratio(f.cpu_ms, f.bare_cpu_ms)),
        ("failed requests", lambda f: f"{f.errors}"),
    ]
    width = 24
    lines = ["".ljust(width) + "".join(f.database.rjust(14) for f in results)]
    for label, cell in rows:
        lines.append(label.ljust(width) + "".join((f.note or cell(f)).rjust(14) for f in results))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=60)
    parser.add_argument("--reads", type=int, default=20000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes (both servers)")
    args = parser.parse_args()
    sizes = {"cases": args.cases, "reads": args.reads, "clients": args.clients, "workers": args.workers}
    results: list[Figures] = []
    with tempfile.TemporaryDirectory(prefix="imr-bench-") as folder:
        sqlite = f"sqlite:///{Path(folder) / 'imr.sqlite3'}"
        results.append(measure("SQLite", sqlite, **sizes))
    postgres = (
        os.environ.get("IMR_BENCH_DATABASE_URL") or os.environ.get("IMR_TEST_DATABASE_URL") or LOCAL_POSTGRES
    )
    with ExitStack() as stack:
        try:
            url = stack.enter_context(scratch_database(postgres))
        except (SQLAlchemyError, ImportError) as exc:  # no server (or driver): reported, not fatal
            results.append(Figures(database="PostgreSQL", note="unreachable"))
            print(f"PostgreSQL skipped: {exc.__class__.__name__}: {str(exc)[:200]}", file=sys.stderr)
        else:
            results.append(measure("PostgreSQL", url, **sizes))
    load = os.getloadavg()[0]
    print(
        f"imr service load benchmark: loopback, {args.clients} concurrent clients, "
        f"{args.workers} uvicorn worker(s) per server, {os.cpu_count()} cores, "
        f"load average {load:.1f} at the end"
    )
    print(table(results, args.clients))


if __name__ == "__main__":
    main()
