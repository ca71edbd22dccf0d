"""Submissions: intake formats, validation, registry, tokens."""
