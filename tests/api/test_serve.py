"""`imr serve` starts with no set-up on the embedded database; `imr db` manages it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from imr.cli import app
from imr.store.store import Store
from imr.store.tables import AuditRow
from imr.store.tokens import authenticate
from web.server import free_port


@pytest.mark.slow
def test_serve_starts_on_the_embedded_database_and_prints_an_admin_token(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "IMR_DATABASE_URL"} | {"IMR_DATA_DIR": str(tmp_path)}
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "imr.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines: list[str] = []
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if "serving on" in line:
                break
        output = "".join(lines)
        assert str(tmp_path / "imr.sqlite3") in output
        token = next(word for word in output.split() if word.startswith("imr_"))
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(
                    f"http://127.0.0.1:{port}/cases", headers={"Authorization": f"Bearer {token}"}
                )
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline, output
                time.sleep(0.1)
        assert response.status_code == 200
        assert response.json() == []
        assert httpx.get(f"http://127.0.0.1:{port}/openapi.json").json()["openapi"].startswith("3.")
    finally:
        process.terminate()
        process.wait(timeout=20)
        if process.stdout is not None:
            process.stdout.close()


def test_db_commands_migrate_and_make_tokens(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    runner = CliRunner()
    upgraded = runner.invoke(app, ["db", "upgrade", "--database-url", url])
    assert upgraded.exit_code == 0, upgraded.output
    assert "at revision 00" in upgraded.output
    made = runner.invoke(
        app, ["db", "create-token", "--role", "reviewer", "--principal", "rev-7", "--database-url", url]
    )
    assert made.exit_code == 0, made.output
    token = made.output.strip()
    store = Store(url)
    try:
        with store.reading() as repo:
            who = authenticate(repo, token)
        assert who is not None and (who.role, who.principal) == ("reviewer", "rev-7")
    finally:
        store.dispose()
    refused = runner.invoke(
        app, ["db", "create-token", "--role", "king", "--principal", "x", "--database-url", url]
    )
    assert refused.exit_code != 0
    assert "role 'king' is unknown" in str(refused.exception)
    revoked = runner.invoke(app, ["db", "revoke-tokens", "--principal", "rev-7", "--database-url", url])
    assert "revoked 1 token" in revoked.output


def test_db_create_token_audits_the_party(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    party = ["--role", "party", "--principal", "acme", "--party-name", "Acme Inc."]
    made = CliRunner().invoke(app, ["db", "create-token", *party, "--database-url", url])
    assert made.exit_code == 0, made.output
    store = Store(url)
    try:
        with store.reading() as repo:
            entry = repo.session.scalars(select(AuditRow).where(AuditRow.action == "token.created")).one()
    finally:
        store.dispose()
    assert (entry.actor, entry.role) == ("imr db", "admin")
    assert entry.details | {"token_id": None} == {
        "role": "party",
        "principal": "acme",
        "party": "Acme Inc.",
        "token_id": None,
    }
    assert entry.subject == "acme"  # readable among the access changes about acme
