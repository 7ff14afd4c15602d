"""The demo, recorded once per test session through its commands, and copied into each
store that needs it.

Recording the demo runs about two thousand commands (seconds on SQLite, far longer on
PostgreSQL), and many tests only read it. `DemoCopy` records it once into an embedded store
and keeps its full export (events and data keys) and the loader's ids; `restore` puts it
into an empty store: on SQLite a copy of the store's files (the views included), on
PostgreSQL an import of the export (the restore path, byte for byte the same log). The
tests of the loader itself (tests/integration/test_demo.py) and of the `demo` command still
record it through the commands.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

from sozialplanung.application import PlanningApp
from sozialplanung.application.transfer import export_lines, import_events, read_lines
from sozialplanung.demo import DemoLoader
from sozialplanung.projections import ReadModel
from sozialplanung.settings import Settings


@dataclass(frozen=True)
class DemoCopy:
    directory: Path  # an embedded store holding the demo, its views current
    lines: tuple[str, ...]  # its export with the data keys
    ids: dict[str, UUID]  # the loader's names for what it recorded

    @classmethod
    def record(cls, directory: Path) -> DemoCopy:
        settings = Settings(data_dir=directory)
        app = PlanningApp.from_settings(settings)
        try:
            loader = DemoLoader(app)
            loader.load()
            read_model = ReadModel(settings, app)
            try:
                read_model.bring_current()
            finally:
                read_model.close()
            lines = tuple(export_lines(app, with_keys=True))
        finally:
            app.close()
        return cls(directory, lines, dict(loader.ids))

    @property
    def events(self) -> int:
        return sum(1 for line in self.lines if not line.startswith('{"data_key"'))

    def restore(self, settings: Settings) -> None:
        """The demo in the empty store `settings` names (views built on first use)."""
        if settings.database_url is None:
            assert settings.data_dir is not None and not settings.data_dir.exists()
            shutil.copytree(self.directory, settings.data_dir)
            return
        app = PlanningApp.from_settings(settings)
        try:
            self.import_into(app)
        finally:
            app.close()

    def import_into(self, app: PlanningApp) -> int:
        """The demo's events and keys imported into an empty store, its views not built."""
        return import_events(app, read_lines(app, self.lines))
