"""The explorer's benchmark: facet counts and the first page, index against SPARQL GROUP BY (RESULTS.md)."""
