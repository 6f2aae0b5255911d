"""The baseline of benchmarks/service.py: a bare FastAPI endpoint, no database, a fixed JSON body."""

from __future__ import annotations

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
