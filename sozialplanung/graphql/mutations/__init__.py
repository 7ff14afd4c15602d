"""Mutations: one per command; each returns a payload with userErrors."""

from strawberry.tools import merge_types

from .measures import MeasureMutations
from .papers import PaperMutations
from .structure import StructureMutations

Mutation = merge_types("Mutation", (StructureMutations, MeasureMutations, PaperMutations))

__all__ = ["Mutation"]
