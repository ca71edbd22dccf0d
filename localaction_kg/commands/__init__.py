"""Subcommands of ``localaction-kg``, one module each (see :mod:`localaction_kg.cli`)."""
