"""How events are written as JSON and read back: eventsourcing's JSON form, read faster.

Events are written exactly as eventsourcing's JSONTranscoder writes them (the stored bytes,
which the hash chain covers, never change form). Reading parses with orjson and revives the
``{"_type_": …, "_data_": …}`` values (ids, dates, sealed values) in one pass over the parsed
state, instead of a Python call per JSON object: reading the log is what a rebuild of the
views and every replay spend most of their time on.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import orjson
from eventsourcing.persistence import JSONTranscoder, Transcoding, TranscodingNotRegisteredError


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class FastJSONTranscoder(JSONTranscoder):
    def decode(self, data: bytes) -> Any:
        return self._revive(orjson.loads(data))

    def _revive(self, value: Any) -> Any:
        """Typed values (``{"_type_": …, "_data_": …}``) decoded, inner ones first, as
        eventsourcing's object hook would; other dicts and lists revived in place."""
        if type(value) is list:
            for index, item in enumerate(value):
                if type(item) in _CONTAINERS:
                    value[index] = self._revive(item)
            return value
        if type(value) is not dict:
            return value
        for key, item in value.items():
            if type(item) in _CONTAINERS:
                value[key] = self._revive(item)
        if len(value) == 2 and "_type_" in value and "_data_" in value:
            name = value["_type_"]
            transcoding = self.names.get(name)
            if transcoding is None:
                raise TranscodingNotRegisteredError(
                    f"Data serialized with name '{name}' is not deserializable. "
                    "Please register a custom transcoding for this type."
                )
            return transcoding.decode(value["_data_"])
        return value


_CONTAINERS = (dict, list)
