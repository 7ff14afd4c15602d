"""The GraphQL API (Strawberry). Imported as ``sozialplanung.graphql``; never run its files
as scripts, or this package would shadow graphql-core."""
