"""`sozialplanung export` and `sozialplanung import` at the console."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from sozialplanung.application import PlanningApp
from sozialplanung.cli import main
from sozialplanung.settings import Settings

from ..demo_store import DemoCopy


def run(data: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--data-dir", str(data), *args])
    return result.exit_code, result.output


def events_in(data: Path) -> int:
    app = PlanningApp.from_settings(Settings(data_dir=data))
    try:
        return app.recorder.max_notification_id() or 0
    finally:
        app.close()


def test_an_export_imports_into_an_empty_store_and_exports_the_same(
    tmp_path: Path, demo_copy: DemoCopy
) -> None:
    demo_copy.restore(Settings(data_dir=tmp_path / "a"))
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


def test_export_to_stdout_writes_only_json_lines(tmp_path: Path, demo_copy: DemoCopy) -> None:
    demo_copy.restore(Settings(data_dir=tmp_path / "a"))
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path / "a"), "export", "-"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["position"] for r in records] == list(range(1, len(records) + 1))


def test_import_into_a_store_with_events_is_refused(tmp_path: Path, demo_copy: DemoCopy) -> None:
    demo_copy.restore(Settings(data_dir=tmp_path / "a"))
    run(tmp_path / "a", "export", str(tmp_path / "a.jsonl"))
    before = events_in(tmp_path / "a")
    code, output = run(tmp_path / "a", "import", str(tmp_path / "a.jsonl"))
    assert code == 1
    assert "empty store" in output and "Nothing was written" in output
    assert events_in(tmp_path / "a") == before


def test_a_malformed_line_names_its_number_and_nothing_is_imported(
    tmp_path: Path, demo_copy: DemoCopy
) -> None:
    demo_copy.restore(Settings(data_dir=tmp_path / "a"))
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


def test_a_backup_with_keys_restores_everything_and_one_without_keys_reads_nothing(
    tmp_path: Path, demo_copy: DemoCopy
) -> None:
    demo_copy.restore(Settings(data_dir=tmp_path / "a"))
    full, sealed = tmp_path / "full.jsonl", tmp_path / "sealed.jsonl"
    assert run(tmp_path / "a", "export", "--with-keys", str(full))[0] == 0
    assert run(tmp_path / "a", "export", str(sealed))[0] == 0
    assert oct(full.stat().st_mode & 0o777) == oct(0o600)
    assert "Anna Beispiel" not in sealed.read_text() and "Illustrative" not in sealed.read_text()
    assert "data_key" in full.read_text() and "data_key" not in sealed.read_text()
    for target, source in (("b", full), ("c", sealed)):
        code, output = run(tmp_path / target, "import", str(source))
        assert code == 0, output
    names = {}
    for target in ("a", "b", "c"):
        app = PlanningApp.from_settings(Settings(data_dir=tmp_path / target))
        try:
            persons = [
                app.repository.get(n.originator_id)
                for n in app.recorder.select_notifications(start=1, limit=10_000)
                if n.topic.endswith("PersonRegistered")
            ]
            names[target] = sorted(str(p.name) for p in persons)
        finally:
            app.close()
    assert names["b"] == names["a"] and "Anna Beispiel" in names["a"]
    assert set(names["c"]) == {"None"}  # no keys: the names cannot be read


def test_the_privacy_report_lists_what_is_recorded_about_a_person(
    tmp_path: Path, demo_copy: DemoCopy
) -> None:
    demo_copy.restore(Settings(data_dir=tmp_path / "a"))
    anna = str(demo_copy.ids["anna"])
    code, output = run(tmp_path / "a", "privacy", "report", anna, "--json")
    assert code == 0, output
    report = json.loads(output)
    assert report["person"]["name"] == "Anna Beispiel"
    assert report["memberships"] and report["events"][0]["type"] == "PersonRegistered"
    code, text = run(tmp_path / "a", "privacy", "report", anna)
    assert code == 0 and "Memberships" in text and "Anna Beispiel" in text
    unknown = run(tmp_path / "a", "privacy", "report", "00000000-0000-0000-0000-000000000000")
    assert unknown[0] != 0 and "No person" in unknown[1]


def test_read_only_commands_refuse_a_data_directory_without_a_store(tmp_path: Path) -> None:
    for args in (["verify"], ["token", "list"], ["export", "-"], ["audit"]):
        code, output = run(tmp_path / "typo", *args)
        assert code != 0 and "There is no store" in output, (args, output)
    assert not (tmp_path / "typo").exists()
