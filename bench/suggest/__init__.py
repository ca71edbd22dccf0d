"""Suggestion quality and cost: ``python -m bench.suggest`` writes bench/suggest/RESULTS.md."""
