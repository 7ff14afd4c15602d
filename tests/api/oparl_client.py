"""An OParl client for the tests: the spec's JSON schemas (tests/oparl/schema, embedded
objects validated too) and a crawler that follows every link from the entry point, the way
an OParl client mirrors a server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import orjson
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012
from starlette.testclient import TestClient

SCHEMAS = Path(__file__).resolve().parents[1] / "oparl" / "schema"
OPARL = "https://schema.oparl.org/1.1/"
BASE = "http://127.0.0.1:8000"  # the public address of a service on default settings
ENTRY = BASE + "/oparl/v1.1"
# The spec's own patterns (scripts/validate.py upstream); ``url``: absolute http(s).
FORMATS = {
    "date": re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
    "date-time": re.compile(
        r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}$"
    ),
    "url": re.compile(r"^https?://[^\s/]+(/\S*)?$"),
}
# Properties that point outside the OParl objects: not followed by the crawler.
NOT_FOLLOWED = frozenset({"accessUrl", "downloadUrl", "web", "website", "license"})
# Back-references an embedded object leaves out (spec 3.0): the rest must be equal.
BACKREFERENCES = frozenset({"paper", "meeting", "person", "meetings"})


def _rewritten(node: Any) -> Any:
    """The schema with the spec's ``"schema": "X.json"`` marks as real references."""
    if isinstance(node, dict):
        if "schema" in node and node.get("type") == "object":
            return {"$ref": node["schema"]}
        return {k: _rewritten(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_rewritten(v) for v in node]
    return node


@cache
def validators() -> dict[str, Draft202012Validator]:
    schemas = {
        path.name: _rewritten(orjson.loads(path.read_bytes())) for path in SCHEMAS.glob("*.json")
    }
    registry: Registry = Registry().with_resources(
        (name, DRAFT202012.create_resource(schema)) for name, schema in schemas.items()
    )
    checker = FormatChecker(formats=())
    for name, pattern in FORMATS.items():
        checker.checks(name)(
            lambda value, p=pattern: not isinstance(value, str) or bool(p.match(value))
        )
    return {
        name.removesuffix(".json"): Draft202012Validator(
            schema, registry=registry, format_checker=checker
        )
        for name, schema in schemas.items()
    }


def schema_errors(found: dict[str, Any]) -> list[str]:
    """What the spec's schema for the object's type finds wrong (embedded objects too)."""
    kind = found["type"].removeprefix(OPARL)
    return [
        f"{found['id']} {'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validators()[kind].iter_errors(found)
    ]


def embedded(found: Any, top: bool = True) -> Iterator[dict[str, Any]]:
    """Every object inside an object (those with their own id and type)."""
    if isinstance(found, dict):
        if not top and "id" in found and "type" in found:
            yield found
        for value in found.values():
            yield from embedded(value, top=False)
    elif isinstance(found, list):
        for value in found:
            yield from embedded(value, top=False)


def links(found: Any, key: str = "") -> Iterator[str]:
    """Every URL of this service in an object, except its id and downloads."""
    if isinstance(found, dict):
        for name, value in found.items():
            if name not in NOT_FOLLOWED and not (name == "id" and "type" in found):
                yield from links(value, name)
    elif isinstance(found, list):
        for value in found:
            yield from links(value, key)
    elif isinstance(found, str) and found.startswith(ENTRY):
        yield found


@dataclass
class Crawl:
    """What a client that followed every link found."""

    objects: dict[str, dict[str, Any]] = field(default_factory=dict)  # URL → object
    lists: dict[str, list[str]] = field(default_factory=dict)  # first page → ids in order
    bodies: dict[str, bytes] = field(default_factory=dict)  # URL → the bytes received
    problems: list[str] = field(default_factory=list)

    def of_type(self, name: str) -> dict[str, dict[str, Any]]:
        wanted = name if ":" in name else OPARL + name
        return {url: o for url, o in self.objects.items() if o["type"] == wanted}


def crawl(http: TestClient, start: str = ENTRY) -> Crawl:
    found = Crawl()
    pending, asked = [start], {start}
    inner: dict[str, dict[str, Any]] = {}  # embedded objects, by id
    listed: dict[str, dict[str, Any]] = {}  # list items, by id
    while pending:
        url = pending.pop()
        response = http.get(url, follow_redirects=False)
        found.bodies[url] = response.content
        if response.status_code != 200:
            found.problems.append(f"{url}: HTTP {response.status_code} {response.text[:200]}")
            continue
        answer = response.json()
        if "data" in answer:  # the first page of a list: follow it to its end
            ids = found.lists.setdefault(url, [])
            page = answer
            while True:
                for item in page["data"]:
                    ids.append(item["id"])
                    listed[item["id"]] = item
                    for link in [item["id"], *links(item)]:
                        if link not in asked:
                            asked.add(link)
                            pending.append(link)
                next_page = page["links"].get("next")
                if next_page is None:
                    break
                response = http.get(next_page, follow_redirects=False)
                found.bodies[next_page] = response.content
                page = response.json()
            if len(ids) != len(set(ids)):
                found.problems.append(f"{url}: an object appears twice in the list")
            continue
        if answer.get("id") != url:
            found.problems.append(f"{url}: served an object whose id is {answer.get('id')}")
        found.objects[url] = answer
        for item in embedded(answer):
            inner[item["id"]] = item
        for link in [*links(answer), *(i["id"] for i in embedded(answer))]:
            if link not in asked:
                asked.add(link)
                pending.append(link)
    for url, item in inner.items():
        alone = found.objects.get(url)
        left_out = BACKREFERENCES - item.keys()
        if alone is not None and {k: v for k, v in alone.items() if k not in left_out} != item:
            found.problems.append(f"{url}: embedded differs from the object at its URL")
    for url, item in listed.items():
        if found.objects.get(url) != item:
            found.problems.append(f"{url}: the list's item differs from the object at its URL")
    return found
