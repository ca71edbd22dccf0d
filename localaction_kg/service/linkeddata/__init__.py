"""Linked data: dereferenceable IRIs and resource pages, the ontology and shapes documents, VoID and
DCAT with each graph's rights, named-graph descriptions, dumps and the sitemap (:data:`router`)."""

from fastapi import APIRouter

from . import dataset, routes

router = APIRouter()
router.include_router(routes.router)
router.include_router(dataset.router)

__all__ = ["router"]
