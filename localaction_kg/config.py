"""Settings: command line > environment (``LAKG_*``) > config file (TOML) > defaults.

>>> s = Settings.load(env={"LAKG_PORT": "9000"}, config_file=None)
>>> s.port, s.base_iri
(9000, 'https://w3id.org/localaction-kg/')
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .namespaces import DEFAULT_BASE

__all__ = ["Settings", "PROJECT_ROOT", "default_sources_dir", "default_reference_dir"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_sources_dir() -> Path:
    """../shared/sources beside the project, or ``LAKG_SOURCES_DIR``."""
    env = os.environ.get("LAKG_SOURCES_DIR")
    return Path(env) if env else PROJECT_ROOT.parent / "shared" / "sources"


def default_reference_dir() -> Path:
    """../shared/reference beside the project, or ``LAKG_REFERENCE_DIR``."""
    env = os.environ.get("LAKG_REFERENCE_DIR")
    return Path(env) if env else PROJECT_ROOT.parent / "shared" / "reference"


@dataclass
class Settings:
    """Every setting of the build and the service, with its default."""

    #: where the embedded store lives on disk
    store: str = str(PROJECT_ROOT / "var" / "store")
    #: a remote SPARQL 1.1 store instead of the embedded one (see docs/DEPLOY in README)
    remote_query_url: str | None = None
    remote_update_url: str | None = None
    remote_gsp_url: str | None = None
    remote_user: str | None = None
    remote_password: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    #: the persistent namespace of the data; request paths map onto it
    base_iri: str = DEFAULT_BASE
    #: the public URL this service is reached at (for VoID, DCAT, links); defaults to http://host:port/
    public_url: str | None = None
    query_timeout_s: float = 30.0
    max_query_length: int = 100_000
    max_result_rows: int = 100_000
    #: SELECT answers longer than this start streaming at once; their truncation is marked at the end
    #: of the body instead of in X-LocalAction-Truncated (docs/SPARQL_ENDPOINT.md)
    stream_after_rows: int = 10_000
    max_body_bytes: int = 1_000_000
    query_workers: int = 2
    #: query workers copy the store into memory when it has at most this many quads (0: never). The
    #: count includes the store's materialised default graph (docs/SPARQL_ENDPOINT.md), about as many
    #: quads again as the named graphs. Measured: ~370 MiB per worker per million quads held; a 1M-triple
    #: graph is ~2M quads held (2 workers + server ~1.5 GiB) and a 7 s copy per store version
    worker_memory_max_quads: int = 2_500_000
    #: SERVICE endpoints a query may call; empty means SERVICE is refused
    service_allowlist: list[str] = field(default_factory=list)
    log_level: str = "info"
    #: accepted submissions wait for an admin to publish them before the public graph shows them
    submission_review: bool = False
    #: tokens created without an explicit lifetime stop working after this many days (0: never)
    token_lifetime_days: int = 365

    @classmethod
    def load(
        cls,
        overrides: Mapping[str, Any] | None = None,
        env: Mapping[str, str] | None = None,
        config_file: str | Path | None = None,
    ) -> Settings:
        """Merge config file, environment and explicit overrides (highest wins)."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        path = config_file if config_file is not None else env.get("LAKG_CONFIG")
        if path:
            with open(path, "rb") as toml_file:
                values.update(tomllib.load(toml_file))
        fields = {f.name: f for f in dataclasses.fields(cls)}
        for name, f in fields.items():
            raw = env.get("LAKG_" + name.upper())
            if raw is not None:
                values[name] = _coerce(f.type, raw)
        for k, v in (overrides or {}).items():
            if v is not None:
                values[k] = v
        unknown = set(values) - set(fields)
        if unknown:
            raise ValueError(f"unknown settings: {', '.join(sorted(unknown))}")
        return cls(**values)

    @property
    def public_base(self) -> str:
        """The URL this service answers at, ending in '/'."""
        url = self.public_url or f"http://{self.host}:{self.port}/"
        return url if url.endswith("/") else url + "/"


def _coerce(type_name: Any, raw: str) -> Any:
    t = str(type_name)
    if t.startswith("bool"):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    if t.startswith("int"):
        return int(raw)
    if t.startswith("float"):
        return float(raw)
    if t.startswith("list"):
        return [x.strip() for x in raw.split(",") if x.strip()]
    return raw
