"""``localaction-kg serve``: the SPARQL endpoint and the site, from the embedded store.

Settings come from the command line, then ``LAKG_*`` environment variables, then ``--config``
(TOML), then defaults (:class:`localaction_kg.config.Settings`).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from ..config import Settings

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", help="serve the SPARQL endpoint and linked data over HTTP")
    p.add_argument("--host", help="interface to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="TCP port (default 8000)")
    p.add_argument("--store", help="store directory (default: var/store, or LAKG_STORE)")
    p.add_argument("--config", help="TOML config file")
    p.add_argument("--workers", type=int, dest="query_workers", help="query worker processes (default 2)")
    p.add_argument("--timeout", type=float, dest="query_timeout_s", help="query time limit in seconds")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        settings = Settings.load(
            {"host": args.host, "port": args.port, "store": args.store,
             "query_workers": args.query_workers, "query_timeout_s": args.query_timeout_s},
            config_file=args.config,
        )
    except (OSError, ValueError) as exc:
        print(f"cannot read the settings: {exc}", file=sys.stderr)
        return 2
    if not settings.remote_query_url and not Path(settings.store).is_dir():
        print(f"no store at {settings.store}: run `localaction-kg build` first, or pass --store PATH",
              file=sys.stderr)
        return 2
    import uvicorn

    from ..service.app import create_app

    logging.basicConfig(level=settings.log_level.upper(), format="%(message)s")
    app = create_app(settings)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level=settings.log_level,
                access_log=False)
    return 0
