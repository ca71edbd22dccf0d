"""What every capability of the service shares: content negotiation and the format registry,
errors as RFC 9457 problem details, the body reader, dependencies, the templates and the site's
own pages and static files (:data:`router`)."""

from .pages import router

__all__ = ["router"]
