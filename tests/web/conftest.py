"""A stored, drafted case to look at: built once per test session, copied for every test."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

import imr.web
from imr.api import create_app
from imr.knowledge import load_knowledge
from imr.models import Reviewer
from imr.store.principal import Principal
from imr.store.store import Store
from imr.store.tokens import issue_token
from imr.workflow import ReviewService
from imr.workflow.submission import CaseSubmission
from store.databases import ADMIN, INTAKE, TODAY, give_passphrase
from store.samples import application, case_file, reviewer

KNOWLEDGE = load_knowledge()

DRAFTED = "CM15-0000001"  # assigned to rev-1 and drafted: two decided items, one needing review
WAITING = "CM15-0000002"  # eligible, no reviewer yet, another employer
DEMO = "CM15-0104417"  # examples/case-demo.json: four items and a UR record, assigned to rev-1 and drafted
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ITEMS = ("Acupuncture 15 visits", "Flexeril 5mg #60", "Hyperbaric unobtanium chamber 3 sessions")
ROLES = {
    "admin": ("admin", "root", None),
    "intake": ("intake", "desk", None),
    "rev1": ("reviewer", "rev-1", None),
    "rev2": ("reviewer", "rev-2", None),
    "acme": ("party", "acme", "Acme Drilling Inc."),
    "bay": ("party", "bay", "Bay Freight LLC"),
}


@dataclass(frozen=True)
class Seeded:
    """A database file with the two cases, and a token for each of ROLES."""

    path: Path
    tokens: dict[str, str]


def seed(path: Path) -> Seeded:
    store = Store(f"sqlite:///{path}")
    svc = ReviewService(store, today=lambda: TODAY, knowledge=KNOWLEDGE)
    for rid in ("rev-1", "rev-2"):
        svc.add_reviewer(ADMIN, Reviewer.model_validate(reviewer(rid, name=f"Dr. {rid}")))
        give_passphrase(store, rid)
    first = {"case": case_file(DRAFTED, items=ITEMS), "application": application()}
    svc.create_case(INTAKE, CaseSubmission.model_validate(first))
    second_case = case_file(WAITING, items=("Naproxen 550mg #90",))
    second_case["parties"] = [{"role": "employer", "name": "Bay Freight LLC"}]
    second = {"case": second_case, "application": application(worker_id="W-2002")}
    svc.create_case(INTAKE, CaseSubmission.model_validate(second))
    demo = json.loads((EXAMPLES / "case-demo.json").read_text(encoding="utf-8"))
    svc.create_case(
        INTAKE,
        CaseSubmission.model_validate({"case": demo, "application": application(worker_id="W-3003")}),
    )
    for case_id in (DRAFTED, DEMO):
        svc.assign(ADMIN, case_id, reviewer_id="rev-1")
        svc.draft(Principal(role="reviewer", principal="rev-1"), case_id)
    tokens: dict[str, str] = {}
    with store.transaction() as repo:
        for key, (role, who, party) in ROLES.items():
            tokens[key] = issue_token(repo, ADMIN, role=role, principal=who, party_name=party)
    store.dispose()
    return Seeded(path, tokens)


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    return seed(tmp_path_factory.mktemp("web-seed") / "imr.sqlite3")


@pytest.fixture
def store(seeded: Seeded, tmp_path: Path) -> Iterator[Store]:
    copy = tmp_path / "imr.sqlite3"
    shutil.copyfile(seeded.path, copy)
    opened = Store(f"sqlite:///{copy}")
    yield opened
    opened.dispose()


@pytest.fixture
def app(store: Store) -> FastAPI:
    application_ = create_app(store=store, routers=[imr.web.router])
    application_.state.service.today = lambda: TODAY
    return application_


class Browser:
    """Signs in TestClients as each role (each client keeps its own cookie)."""

    def __init__(self, app: FastAPI, tokens: dict[str, str]) -> None:
        self.app = app
        self.tokens = tokens

    def anonymous(self) -> TestClient:
        return TestClient(self.app, follow_redirects=False)

    def bearer(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    def as_(self, role: str) -> TestClient:
        client = self.anonymous()
        response = client.post("/ui/sign-in", data={"token": self.tokens[role]})
        assert response.status_code == 303, response.text
        return client


@pytest.fixture
def web(app: FastAPI, seeded: Seeded) -> Browser:
    return Browser(app, seeded.tokens)
