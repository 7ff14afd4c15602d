"""A small GraphQL client over Starlette's TestClient, the way a client app calls us."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.testclient import TestClient


@dataclass
class GraphQLClient:
    http: TestClient
    token: str | None = None

    def as_(self, token: str | None) -> GraphQLClient:
        return GraphQLClient(self.http, token)

    def post(self, query: str, **variables: Any) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        response = self.http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        assert response.status_code == 200, response.text
        return response.json()

    def data(self, query: str, **variables: Any) -> dict[str, Any]:
        body = self.post(query, **variables)
        assert "errors" not in body, body["errors"]
        return body["data"]

    def error_codes(self, query: str, **variables: Any) -> list[str]:
        body = self.post(query, **variables)
        return [e.get("extensions", {}).get("code") for e in body.get("errors", [])]

    def mutate(
        self, mutation: str, input_type: str, selection: str, /, **input_: Any
    ) -> dict[str, Any]:
        query = (
            f"mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ {selection} "
            "userErrors { field message code } clientMutationId } }"
        )
        return self.data(query, input=input_)[mutation]

    def event_count(self) -> int:
        return self.data("{ events(first: 1) { totalCount } }")["events"]["totalCount"]
