"""What every mapping from view rows to OParl JSON needs: the views' answers, the URLs, the
settings of the city, whether internal lists are wanted; and the parts every object has."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..projections.oparl import OparlQueries, Stamp
from ..settings import Settings
from .urls import Urls
from .values import OPARL, compact, shown


@dataclass(frozen=True)
class Ctx:
    q: OparlQueries
    urls: Urls
    settings: Settings
    omit_internal: bool = False  # spec 2.5: no embedded lists, for incremental updates


def oparl_object(type_name: str, url: str, stamp: Stamp, **properties: Any) -> dict[str, Any]:
    """An OParl object: id, type, what it has to say (nulls and empty lists left out, as
    the spec prefers), created and modified. A deleted object keeps only id, type, created,
    modified and ``deleted`` (spec 2.8), besides what its schema requires (``keep``)."""
    type_url = type_name if ":" in type_name else OPARL + type_name
    head = {"id": url, "type": type_url}
    times = {"created": shown(stamp.created), "modified": shown(stamp.modified)}
    if stamp.deleted:
        return {**head, **properties.get("keep", {}), **times, "deleted": True}
    properties.pop("keep", None)
    return {**head, **compact(properties), **times}
