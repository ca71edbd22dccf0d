"""The one Jinja2 environment of the site: the shared layout, and each capability's own templates.

Every subpackage of the service keeps its pages in its own ``templates/`` folder; they all extend
``base.html`` from :mod:`localaction_kg.service.web`. Template names are unique across the folders
(a test checks it), so the search order never hides a page.
"""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape

from ...i18n import install as install_i18n

__all__ = ["TEMPLATE_DIRS", "environment", "templates"]

_SERVICE = Path(__file__).resolve().parent.parent
#: the shared layout first, then each capability's pages
TEMPLATE_DIRS: tuple[Path, ...] = tuple(
    _SERVICE / name / "templates" for name in ("web", "sparql", "linkeddata", "submit", "explore")
)

environment = Environment(
    loader=ChoiceLoader([FileSystemLoader(str(d)) for d in TEMPLATE_DIRS if d.is_dir()]),
    autoescape=select_autoescape(),
)
install_i18n(environment)  # gettext per request, the language switcher (localaction_kg/i18n)
#: FastAPI's template responses over the shared environment
templates = Jinja2Templates(env=environment)
