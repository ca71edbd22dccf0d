"""Tokens that expire and rotate, and the audit log of admin actions (issue 14, security basics)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers.testclient import TestClient

from localaction_kg.config import Settings
from localaction_kg.service.app import create_app
from localaction_kg.submissions.audit import AuditLog, audit_path
from localaction_kg.submissions.tokens import TokenFile, tokens_path

ACCRA = "https://w3id.org/localaction-kg/id/actor/accra"


def test_an_expired_token_stops_working_and_a_live_one_works(tmp_path: Path) -> None:
    tf = TokenFile(tmp_path / "t.json")
    live, _ = tf.create(ACCRA, "submit", expires_in_days=30)
    old, rec = tf.create(ACCRA, "submit", expires_in_days=1)
    assert tf.check(old) is not None and tf.check(live) is not None
    data = json.loads(tf.path.read_text())  # the clock moves on: this one's day is over
    for r in data["tokens"]:
        if r["id"] == rec.id:
            r["expires"] = (datetime.now(UTC) - timedelta(seconds=1)).isoformat(timespec="seconds")
    tf.path.write_text(json.dumps(data))
    assert tf.check(old) is None
    assert tf.check(live) is not None
    never, rec_never = tf.create(ACCRA, "submit", expires_in_days=0)
    assert rec_never.expires is None and tf.check(never) is not None


def test_rotation_gives_a_new_secret_and_revokes_the_old(tmp_path: Path) -> None:
    tf = TokenFile(tmp_path / "t.json")
    old, rec = tf.create(ACCRA, "submit", expires_in_days=90)
    rotated = tf.rotate(rec.id)
    assert rotated is not None
    new, new_rec = rotated
    assert new != old and tf.check(old) is None and tf.check(new) is not None
    assert (new_rec.submitter, new_rec.scope) == (ACCRA, "submit") and new_rec.expires is not None
    assert tf.rotate(rec.id) is None  # the old one is no longer active


@pytest.fixture
def admin_api(kg_store: Path, tmp_path: Path):
    import shutil

    store = tmp_path / "store"
    shutil.copytree(kg_store, store)
    admin, _ = TokenFile(tokens_path(str(store))).create(ACCRA, "admin")
    app = create_app(Settings(store=str(store), query_workers=1), start_workers=False)
    with TestClient(app) as client:
        yield client, admin, store


def test_token_actions_over_http_are_audited_and_never_log_a_secret(admin_api) -> None:
    client, admin, store = admin_api
    auth = {"Authorization": f"Bearer {admin}"}
    made = client.post("/tokens", json={"submitter": ACCRA, "expires_in_days": 7}, headers=auth)
    assert made.status_code == 201 and made.json()["expires"]
    secret, token_id = made.json()["token"], made.json()["id"]
    rotated = client.post(f"/tokens/{token_id}/rotate", headers=auth)
    assert rotated.status_code == 201 and rotated.json()["token"] != secret
    assert client.post(f"/tokens/{token_id}/rotate", headers=auth).status_code == 404  # already rotated
    assert client.delete(f"/tokens/{rotated.json()['id']}", headers=auth).status_code == 200
    assert client.post("/tokens", json={"submitter": ACCRA, "expires_in_days": "soon"},
                       headers=auth).status_code == 400
    entries = AuditLog(audit_path(str(store))).entries()
    assert [e["action"] for e in entries] == ["token-create", "token-rotate", "token-revoke"]
    assert all(e["actor"].startswith("tok_") and e["at"] for e in entries)
    text = audit_path(str(store)).read_text()
    assert secret not in text and rotated.json()["token"] not in text and admin not in text
    submit = client.post("/tokens", json={"submitter": ACCRA}, headers=auth).json()["token"]
    refused = client.post("/tokens/x/rotate", headers={"Authorization": f"Bearer {submit}"})
    assert refused.status_code == 403  # a submit token may not rotate tokens


def test_the_cli_rotates_and_audits(tmp_path: Path) -> None:
    store = tmp_path / "store"
    cli = [sys.executable, "-m", "localaction_kg.cli", "token", "--store", str(store)]
    made = subprocess.run([*cli, "create", "--submitter", ACCRA, "--expires-in-days", "10"],
                          capture_output=True, text=True, check=True)
    assert "valid until" in made.stderr
    token_id = made.stderr.split()[1]
    rotated = subprocess.run([*cli, "rotate", token_id], capture_output=True, text=True)
    assert rotated.returncode == 0 and rotated.stdout.strip().startswith("lakg_")
    again = subprocess.run([*cli, "rotate", token_id], capture_output=True, text=True)
    assert again.returncode == 1 and "no active token" in again.stderr
    actions = [e["action"] for e in AuditLog(audit_path(str(store))).entries()]
    assert actions == ["token-create", "token-rotate"]
