"""The console script ``sozialplanung`` (click): `sozialplanung --help` lists the commands."""

from . import history, service
from .base import main

__all__ = ["history", "main", "service"]
