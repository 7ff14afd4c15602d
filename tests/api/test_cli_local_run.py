"""`make run`'s steps at the console: the port checked before anything is written, the local
ADMIN token created once (owner-only) and shown again, a second run writing nothing new."""

from __future__ import annotations

import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sozialplanung.application import PlanningApp
from sozialplanung.cli import main
from sozialplanung.settings import Settings


def run(data: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(data), *args])


def local_token(data: Path) -> str:
    result = run(data, "token", "local")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.create_server(("127.0.0.1", 0)) as listener:
        yield listener.getsockname()[1]


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


def test_the_local_token_is_created_once_owner_only_and_shown_again(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = local_token(data)
    path = data / "local-admin-token"
    assert first.startswith("sp_")
    assert path.read_text().strip() == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert local_token(data) == first
    app = PlanningApp.from_settings(Settings(data_dir=data))
    try:
        tokens = app.tokens.list()
        assert [(t.name, t.role) for t in tokens] == [("local-demo-admin", "ADMIN")]
    finally:
        app.close()


def test_a_revoked_local_token_is_replaced_not_printed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = local_token(data)
    app = PlanningApp.from_settings(Settings(data_dir=data))
    try:
        app.tokens.revoke(app.tokens.fingerprint(first))
    finally:
        app.close()
    result = run(data, "token", "local")
    second = result.stdout.strip()
    assert second != first and second.startswith("sp_")
    assert "the stored one was revoked" in result.stderr
    assert (data / "local-admin-token").read_text().strip() == second
    assert local_token(data) == second


def test_a_local_token_file_others_could_read_is_revoked_and_replaced(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = local_token(data)
    (data / "local-admin-token").chmod(0o644)
    result = run(data, "token", "local")
    second = result.stdout.strip()
    assert second != first
    assert "readable by others" in result.stderr
    assert stat.S_IMODE((data / "local-admin-token").stat().st_mode) == 0o600
    app = PlanningApp.from_settings(Settings(data_dir=data))
    try:
        assert app.tokens.principal(first) is None  # the exposed one no longer works
        assert app.tokens.principal(second) is not None
    finally:
        app.close()


def test_token_list_prints_a_header_above_the_tokens(tmp_path: Path) -> None:
    data = tmp_path / "data"
    local_token(data)
    lines = run(data, "token", "list").stdout.splitlines()
    assert lines[0].split() == ["FINGERPRINT", "ROLE", "NAME", "ORGANIZATION", "CREATED", "(UTC)"]
    assert lines[1].split()[1:3] == ["ADMIN", "local-demo-admin"]
    assert lines[0].index("ROLE") == lines[1].index("ADMIN")  # the columns line up


def test_a_busy_port_is_named_with_the_option_and_variable_before_anything_is_written(
    tmp_path: Path, busy_port: int
) -> None:
    data = tmp_path / "data"
    result = run(data, "serve", "--check-port", "--port", str(busy_port))
    assert result.exit_code == 1
    assert f"127.0.0.1:{busy_port}" in result.stderr
    assert "--port" in result.stderr and "SOZIALPLANUNG_PORT" in result.stderr
    assert not data.exists()


def test_serve_refuses_a_busy_port_before_it_starts(
    tmp_path: Path, busy_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("the server started"))
    result = run(tmp_path / "data", "serve", "--dev", "--port", str(busy_port))
    assert result.exit_code == 1
    assert "SOZIALPLANUNG_PORT" in result.stderr


def test_make_runs_steps_a_second_time_write_nothing_new(tmp_path: Path) -> None:
    data = tmp_path / "data"
    port = str(free_port())

    def make_run() -> tuple[str, str]:
        check = run(data, "serve", "--check-port", "--port", port)
        assert check.exit_code == 0, check.output
        assert run(data, "demo").exit_code == 0
        return local_token(data), run(data, "token", "list").stdout

    first = make_run()
    app = PlanningApp.from_settings(Settings(data_dir=data))
    events = app.recorder.max_notification_id()
    app.close()
    assert make_run() == first
    app = PlanningApp.from_settings(Settings(data_dir=data))
    assert app.recorder.max_notification_id() == events
    app.close()
    assert (data / "local-admin-token").read_text().strip() == first[0]
