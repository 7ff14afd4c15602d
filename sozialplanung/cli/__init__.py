"""The console script ``sozialplanung`` (click): `sozialplanung --help` lists the commands."""

from . import history, service, tokens
from .base import main

__all__ = ["history", "main", "service", "tokens"]
