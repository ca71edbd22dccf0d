"""The SPARQL 1.1 endpoint: the protocol, result formats, the query guard, query workers, streaming,
the Service Description and the query editor (:data:`router`)."""

from .endpoint import router

__all__ = ["router"]
