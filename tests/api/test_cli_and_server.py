"""The console script and the server's health endpoint."""

from __future__ import annotations

import gc
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


def test_a_server_in_a_process_of_its_own_sets_its_start_aside_from_the_cycle_collector(
    tmp_path: Path,
) -> None:
    gc.unfreeze()
    try:
        with TestClient(create_app(Settings(data_dir=tmp_path), own_process=True)) as client:
            # The schema and everything else the start made: tens of thousands of objects.
            assert gc.get_freeze_count() > 10_000
            assert client.get("/healthz").json() == {"status": "ok"}
    finally:
        gc.unfreeze()


def test_an_app_sharing_its_process_freezes_nothing(tmp_path: Path) -> None:
    # Tests and embedders build many apps in one process: frozen objects are never
    # collected, so only `serve` freezes.
    gc.unfreeze()
    with TestClient(create_app(Settings(data_dir=tmp_path))) as client:
        assert client.get("/healthz").status_code == 200
        assert gc.get_freeze_count() == 0
