"""The explorer's facet and search index, derived from the store (no HTTP here).

- :mod:`.extract` reads each action's facet values and texts from the public default graph;
- :mod:`.index` keeps roaring bitmaps per facet value and counts a selection;
- :mod:`.search` is the full-text index (SQLite FTS5, BM25);
- :mod:`.live` keeps the index current with the store's version;
- :mod:`.selection` parses and checks the URL's parameters; :mod:`.facets` defines them;
- :mod:`.sparql` writes the SPARQL query that returns a selection's rows;
- :mod:`.export` turns a selection's rows into CSV, Excel and RDF.
"""

from .facets import FACETS, Facet
from .index import Counts, FacetIndex, ValueCount
from .live import LiveIndex, build_index
from .selection import Selection, SelectionError, parse_selection

__all__ = ["FACETS", "Facet", "Counts", "FacetIndex", "ValueCount", "LiveIndex", "build_index", "Selection",
           "SelectionError", "parse_selection"]
