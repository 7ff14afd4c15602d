"""The domain of sozialplanung: aggregates, their events and rules. Imports no other layer."""
