"""`sozialplanung export` and `sozialplanung import` at the console."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from sozialplanung.application import PlanningApp
from sozialplanung.cli import main
from sozialplanung.settings import Settings


def run(data: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--data-dir", str(data), *args])
    return result.exit_code, result.output


def events_in(data: Path) -> int:
    app = PlanningApp.from_settings(Settings(data_dir=data))
    try:
        return app.recorder.max_notification_id() or 0
    finally:
        app.close()


def test_an_export_imports_into_an_empty_store_and_exports_the_same(tmp_path: Path) -> None:
    assert run(tmp_path / "a", "demo")[0] == 0
    exported = tmp_path / "a.jsonl"
    code, output = run(tmp_path / "a", "export", str(exported))
    assert code == 0, output
    lines = exported.read_text().splitlines()
    assert len(lines) == events_in(tmp_path / "a")

    code, output = run(tmp_path / "b", "import", str(exported))
    assert code == 0, output
    assert f"Imported {len(lines)} events." in output
    assert run(tmp_path / "b", "export", str(tmp_path / "b.jsonl"))[0] == 0
    assert (tmp_path / "b.jsonl").read_bytes() == exported.read_bytes()
    # The views were built by the import: the audit log answers at once.
    assert (
        "ConsultationConcluded"
        in run(tmp_path / "b", "audit", "--type", "ConsultationConcluded")[1]
    )


def test_export_to_stdout_writes_only_json_lines(tmp_path: Path) -> None:
    run(tmp_path / "a", "demo")
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "a"), "export", "-"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["position"] for r in records] == list(range(1, len(records) + 1))


def test_import_into_a_store_with_events_is_refused(tmp_path: Path) -> None:
    run(tmp_path / "a", "demo")
    run(tmp_path / "a", "export", str(tmp_path / "a.jsonl"))
    before = events_in(tmp_path / "a")
    code, output = run(tmp_path / "a", "import", str(tmp_path / "a.jsonl"))
    assert code == 1
    assert "empty store" in output and "Nothing was written" in output
    assert events_in(tmp_path / "a") == before


def test_a_malformed_line_names_its_number_and_nothing_is_imported(tmp_path: Path) -> None:
    run(tmp_path / "a", "demo")
    exported = tmp_path / "a.jsonl"
    run(tmp_path / "a", "export", str(exported))
    lines = exported.read_text().splitlines()
    lines[6] = lines[6][:40]
    exported.write_text("\n".join(lines) + "\n")
    code, output = run(tmp_path / "b", "import", str(exported))
    assert code == 1
    assert "line 7" in output and "Nothing was written" in output
    assert events_in(tmp_path / "b") == 0


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    code, output = run(tmp_path / "b", "import", str(tmp_path / "nope.jsonl"))
    assert code == 2
    assert "nope.jsonl" in output
