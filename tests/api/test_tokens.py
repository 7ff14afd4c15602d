"""Bearer tokens an administrator manages: created once, listed by fingerprint, revoked at once."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from sozialplanung.application import PlanningApp
from sozialplanung.application import tokens as token_module
from sozialplanung.cli import main
from sozialplanung.domain.base import NotFound, ValidationError

from .client import GraphQLClient

WHO_AM_I = "{ events(first: 1) { totalCount } }"


def test_a_revoked_token_is_refused_at_once_while_others_still_work(
    service: tuple[TestClient, PlanningApp],
) -> None:
    http, app = service
    leaving, staying = (app.tokens.create("ANALYST", name) for name in ("Anna", "Bernd"))
    for token in (leaving, staying):
        assert "errors" not in GraphQLClient(http, token).post(WHO_AM_I)
    listed = {info.name: info for info in app.tokens.list()}
    assert listed["Anna"].fingerprint == app.tokens.fingerprint(leaving)
    assert leaving not in repr(listed)  # only the hash's start is ever shown

    revoked = app.tokens.revoke(listed["Anna"].fingerprint)
    assert (revoked.name, revoked.role) == ("Anna", "ANALYST")
    refused = http.post("/graphql", json={"query": WHO_AM_I}, headers=bearer(leaving))
    assert refused.status_code == 401
    assert "errors" not in GraphQLClient(http, staying).post(WHO_AM_I)
    assert [info.name for info in app.tokens.list()] == ["Bernd"]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_revoking_needs_a_fingerprint_that_names_exactly_one_token(
    app: PlanningApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ValidationError, match="8 hex digits"):
        app.tokens.revoke("abc")
    with pytest.raises(NotFound):
        app.tokens.revoke("0123456789ab")
    # Two hashes sharing their first 8 digits (improbable, so arranged here).
    monkeypatch.setattr(
        token_module,
        "_hash",
        lambda token: "abcdef01" + hashlib.sha256(token.encode()).hexdigest()[8:],
    )
    first = app.tokens.create("ADMIN", "eins")
    app.tokens.create("ADMIN", "zwei")
    with pytest.raises(ValidationError, match="fits 2 tokens"):
        app.tokens.revoke("abcdef01")
    assert len(app.tokens.list()) == 2  # nothing was revoked
    assert app.tokens.revoke(app.tokens.fingerprint(first)).name == "eins"


def test_the_token_commands_create_list_and_revoke(tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    runner = CliRunner()
    created = runner.invoke(main, [*data, "token", "create", "--role", "ANALYST", "--name", "Anna"])
    assert created.exit_code == 0, created.output
    token = created.stdout.strip()
    assert token.startswith("sp_") and "\n" not in token  # stdout: the token alone
    fingerprint = created.stderr.split()[1]
    listed = runner.invoke(main, [*data, "token", "list"])
    assert fingerprint in listed.output and "Anna" in listed.output
    assert token not in listed.output
    revoked = runner.invoke(main, [*data, "token", "revoke", fingerprint])
    assert revoked.exit_code == 0 and "Revoked" in revoked.output
    again = runner.invoke(main, [*data, "token", "revoke", fingerprint])
    assert again.exit_code == 1 and "No token has the fingerprint" in again.output
    nameless = runner.invoke(main, [*data, "token", "create", "--role", "ADMIN", "--name", " "])
    assert nameless.exit_code == 2 and "name must not be empty" in nameless.output
