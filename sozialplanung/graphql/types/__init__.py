"""GraphQL object types, built from view documents by explicit mappers."""
