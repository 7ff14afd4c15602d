"""Prüfpfad: which rows of the audit log (`events` view) a filter selects.

Shared by the API's `events(filter)` and the `sozialplanung audit` command, so that both
answer the same question the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .documents import moment


@dataclass(frozen=True)
class AuditFilter:
    aggregate_id: str | None = None
    aggregate_type: str | None = None
    types: list[str] | None = None
    actor: str | None = None
    correlation_id: str | None = None
    recorded_from: datetime | None = None  # inclusive
    recorded_to: datetime | None = None  # exclusive
    after_position: int | None = None

    def conditions(self) -> tuple[list[str], list[Any]]:
        """SQL conditions over the indexed columns of the `events` view, with parameters."""
        where: list[str] = []
        params: list[Any] = []
        for column, value in (
            ("aggregate_id", self.aggregate_id),
            ("aggregate_type", self.aggregate_type),
            ("actor", self.actor),
            ("correlation_id", self.correlation_id),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if self.types:
            where.append(f"type IN ({', '.join('?' for _ in self.types)})")
            params += list(self.types)
        if self.recorded_from:
            where.append("recorded_at >= ?")
            params.append(moment(self.recorded_from))
        if self.recorded_to:
            where.append("recorded_at < ?")
            params.append(moment(self.recorded_to))
        if self.after_position is not None:
            where.append("position > ?")
            params.append(self.after_position)
        return where, params
