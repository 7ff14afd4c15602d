"""Commands: load aggregates, call the domain, save what changed in one transaction."""

from .app import PlanningApp

__all__ = ["PlanningApp"]
