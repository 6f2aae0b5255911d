"""`imr serve` as a real subprocess on a given database, for the tests that need a real server
(concurrent clients, several worker processes, a kill -9)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from web.server import free_port


@dataclass
class Served:
    base: str
    process: subprocess.Popen[str]
    output: list[str]


def start(url: str, data_dir: Path, *, workers: int = 1, port: int | None = None) -> Served:
    """Start `imr serve` on `url` and wait until it answers /health (every worker started)."""
    port = port or free_port()
    env = os.environ | {"IMR_DATABASE_URL": url, "IMR_DATA_DIR": str(data_dir)}
    command = [sys.executable, "-m", "imr.cli", "serve", "--port", str(port), "--workers", str(workers)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output: list[str] = []
    assert process.stdout is not None
    for line in process.stdout:  # up to the line printed right before uvicorn starts
        output.append(line)
        if "serving on" in line:
            break
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(f"{base}/health", timeout=5).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        assert process.poll() is None and time.monotonic() < deadline, "".join(output)
        time.sleep(0.2)
    return Served(base, process, output)


def admin_token(served: Served) -> str:
    """The admin token the first start printed."""
    return next(word for line in served.output for word in line.split() if word.startswith("imr_"))


def stop(served: Served) -> None:
    served.process.terminate()
    try:
        served.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        served.process.kill()
        served.process.wait(timeout=30)
    if served.process.stdout is not None:
        served.process.stdout.close()


@contextmanager
def serving(url: str, data_dir: Path, *, workers: int = 1) -> Iterator[Served]:
    served = start(url, data_dir, workers=workers)
    try:
        yield served
    finally:
        stop(served)
