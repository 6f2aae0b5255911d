"""The baseline of benchmarks/service.py: a bare FastAPI endpoint, no database, a fixed JSON body.

Run as a script it serves itself the way `imr serve` serves imr (uvicorn, the same HTTP protocol,
the same number of worker processes):

    python benchmarks/bare_app.py [--host 127.0.0.1] [--port 8000] [--workers 1]
"""

from __future__ import annotations

import argparse
from typing import Any

from fastapi import FastAPI

app = FastAPI()
BODY = {"case_id": "BARE-000001", "state": "drafted", "items": [{"request": "Acupuncture 6 visits"}]}


@app.get("/cases/{case_id}")
def read_case(case_id: str) -> dict[str, Any]:
    return BODY | {"case_id": case_id}


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


def main() -> None:
    import uvicorn

    from imr.commands.nodelay import NoDelayHTTPProtocol

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    target = "bare_app:app" if args.workers > 1 else app  # worker processes import it by name
    uvicorn.run(
        target,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="warning",
        http=NoDelayHTTPProtocol,
    )


if __name__ == "__main__":
    main()
