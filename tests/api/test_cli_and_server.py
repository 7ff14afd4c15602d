"""The console script and the server's health endpoint."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from starlette.testclient import TestClient

from sozialplanung.cli import main
from sozialplanung.server import create_app
from sozialplanung.settings import Settings

from ..demo_store import DemoCopy


def test_help_lists_every_setting_with_its_environment_variable() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for variable in (
        "SOZIALPLANUNG_DATA_DIR",
        "SOZIALPLANUNG_DATABASE_URL",
        "SOZIALPLANUNG_HOST",
        "SOZIALPLANUNG_PORT",
    ):
        assert variable in result.output


def test_demo_command_loads_once_into_the_data_directory(
    tmp_path: Path, demo_copy: DemoCopy
) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["--data-dir", str(tmp_path / "d"), "demo"])
    assert first.exit_code == 0, first.output
    # the same demo on every run: as many events as the session's own recording
    assert f"Loaded the demo data: {demo_copy.events} events." in first.output
    assert (tmp_path / "d" / "events.sqlite").exists()
    second = runner.invoke(main, ["--data-dir", str(tmp_path / "d"), "demo"])
    assert "already loaded" in second.output


def test_a_malformed_database_url_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--database-url", "mysql://x/y", "demo"])
    assert result.exit_code == 2
    assert "postgresql://" in result.output


def test_healthz_answers(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path))) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
