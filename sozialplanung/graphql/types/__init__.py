"""GraphQL object types, built from view rows by explicit mappers (`X.from_row`)."""
