"""Read models fed from the event log (DESIGN §4)."""

from .readmodel import ReadModel

__all__ = ["ReadModel"]
