"""Layers point one way: graphql → application → domain, graphql → projections → domain;
oparl → projections → domain (read-only, and its SQL in projections/oparl.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "sozialplanung"
WEB = ("starlette", "strawberry", "uvicorn", "graphql")
STORES = ("psycopg", "sqlite3", "eventsourcing.postgres", "eventsourcing.sqlite")
OURS = "sozialplanung."
FORBIDDEN = {
    "domain": (
        *WEB,
        *STORES,
        *(OURS + layer for layer in ("application", "projections", "graphql", "settings")),
        *(OURS + entry for entry in ("server", "cli", "demo", "feeds", "reports")),
    ),
    "application": (
        *WEB,
        *(OURS + layer for layer in ("projections", "graphql", "server", "cli", "reports")),
    ),
    "projections": (*WEB, *(OURS + layer for layer in ("application", "graphql", "server", "cli"))),
    "graphql": (OURS + "server", OURS + "cli"),
    "reports": (*WEB, OURS + "graphql", OURS + "server", OURS + "cli"),
    "feeds": (*WEB, OURS + "graphql", OURS + "server", OURS + "cli"),
    "oparl": (
        *STORES,
        *(OURS + layer for layer in ("application", "graphql", "server", "cli", "demo")),
    ),
}


def imports_of(path: Path) -> set[str]:
    """Absolute names of everything a module imports, relative imports resolved."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_from_the_layers_above_it(layer: str) -> None:
    wrong = {
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in (PACKAGE / layer).rglob("*.py")
        for name in imports_of(path)
        if name.startswith(FORBIDDEN[layer]) and not name.startswith(OURS + layer)
    }
    assert not wrong, sorted(wrong)
