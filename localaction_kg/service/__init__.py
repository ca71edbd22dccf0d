"""The HTTP service: SPARQL endpoint, linked-data site, submissions API."""
