"""Reference frameworks (SDG, GCM, GCR, GRF, M49, source documents) as linked data.

Each module turns one part of ``../shared/reference`` (or an installed package) into an
rdflib graph; ``scripts/build_reference.py`` writes them to ``data/reference/*.ttl``.
"""
