"""LocalAction KG: the Call to Local Action for Migrants and Refugees as a knowledge graph.

Data flows one way: ``build`` (sources and reference -> RDF -> SHACL -> inference) ->
``store`` (embedded Oxigraph or a remote SPARQL 1.1 store) -> ``service`` (SPARQL endpoint,
linked-data site, submissions).
"""

__version__ = "0.1.0"
