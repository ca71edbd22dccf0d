"""The ``localaction-kg`` command: one subcommand per module in :mod:`localaction_kg.commands`.

Each module there exposes ``register(subparsers)``, which adds its parser and sets
``func`` (taking the parsed namespace, returning an exit code).
"""

from __future__ import annotations

import argparse
import importlib
import sys

__all__ = ["main", "COMMANDS"]

#: subcommand modules, in the order `--help` lists them
COMMANDS = ("extract", "build", "query", "qc", "load", "serve", "validate", "submit", "token", "bench")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="localaction-kg",
        description="LocalAction KG: build, query and serve the Call to Local Action knowledge graph.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"localaction_kg.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"localaction_kg.commands.{name}":
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
