"""A server killed with SIGKILL in the middle of writes loses nothing it acknowledged: every case
answered with 2xx before the kill is there after a restart on the same SQLite database."""

from __future__ import annotations

import os
import signal
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import httpx
import pytest

from api.imr_server import admin_token, start, stop
from store.samples import submission

CLIENTS = 8
ACKNOWLEDGED_BEFORE_KILL = 12


@pytest.mark.slow
def test_every_acknowledged_case_survives_a_kill_9(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'imr.sqlite3'}"
    served = start(url, tmp_path)
    token = admin_token(served)
    headers = {"Authorization": f"Bearer {token}"}
    acknowledged: list[str] = []
    lock = threading.Lock()
    enough = threading.Event()
    counter = iter(range(1_000_000))

    def client() -> None:
        with httpx.Client(base_url=served.base, headers=headers, timeout=60) as http:
            while True:
                with lock:
                    n = next(counter)
                case_id = f"CM15-{n:07d}"
                body = submission(case_id, worker_id=f"W-{n}")
                try:
                    response = http.post("/cases", json=body)
                except httpx.HTTPError:
                    return  # the server is gone: what was not answered was not promised
                if response.is_success:
                    with lock:
                        acknowledged.append(case_id)
                        if len(acknowledged) >= ACKNOWLEDGED_BEFORE_KILL:
                            enough.set()

    try:
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            futures = [pool.submit(client) for _ in range(CLIENTS)]
            assert enough.wait(timeout=300), "".join(served.output)
            os.kill(served.process.pid, signal.SIGKILL)  # mid-way: the other clients are still writing
            served.process.wait(timeout=30)
            for future in futures:
                future.result()
    finally:
        stop(served)

    with lock:
        promised = list(acknowledged)
    assert len(promised) >= ACKNOWLEDGED_BEFORE_KILL
    with closing(sqlite3.connect(tmp_path / "imr.sqlite3")) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)

    restarted = start(url, tmp_path)
    try:
        with httpx.Client(base_url=restarted.base, headers=headers, timeout=60) as http:
            missing = [case_id for case_id in promised if http.get(f"/cases/{case_id}").status_code != 200]
            assert missing == [], f"acknowledged but lost after kill -9: {missing}"
            stored = {case["case_id"] for case in http.get("/cases", params={"limit": 1000}).json()}
            assert set(promised) <= stored
    finally:
        stop(restarted)
