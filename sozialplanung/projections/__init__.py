"""Read models fed from the event log: the views, the projector, the queries.

How they fit together: docs/ARCHITECTURE.md, "Views".
"""

from .readmodel import ReadModel

__all__ = ["ReadModel"]
