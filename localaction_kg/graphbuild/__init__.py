"""The build: source and reference data -> RDF -> SHACL -> inference -> store."""
