"""The explorer: ``/explore`` (facets, table, charts, map, timeline) and ``/api/actions`` over the
facet and search index of :mod:`localaction_kg.explore`."""

from .routes import router

__all__ = ["router"]
