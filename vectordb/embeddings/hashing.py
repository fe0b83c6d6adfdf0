"""A tiny deterministic embedding for tests and for machines without a model: hashed character n-grams.

Each text is lower-cased and split into words; every word contributes its character 3-grams (with
`<`/`>` boundary marks, so "cat" gives "<ca", "cat", "at>") and itself as a whole word. Each feature is
hashed with BLAKE2b (stable across processes and machines, unlike Python's `hash`) into one of
`dimension` buckets with a sign, and the counts are L2-normalised. Texts sharing words or word pieces
get similar vectors; it knows no synonyms. Fast (no model) and identical everywhere.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

from vectordb.embeddings.base import EmbeddingProvider, InputType

_WORD = re.compile(r"\w+", re.UNICODE)


def _features(text: str) -> list[str]:
    words = _WORD.findall(text.lower())
    if not words:
        return ["\x00empty"]
    features: list[str] = []
    for word in words:
        features.append(f"w:{word}")
        marked = f"<{word}>"
        features.extend(marked[i : i + 3] for i in range(max(1, len(marked) - 2)))
    return features


class HashingProvider(EmbeddingProvider):
    """Signed feature hashing of words and character 3-grams (deterministic, no model, no network)."""

    def __init__(self, name: str = "hash", dimension: int = 384) -> None:
        if dimension < 8:
            raise ValueError("dimension must be at least 8")
        self.name = name
        self.dimension = dimension

    def _embed(self, texts: list[str], input_type: InputType) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature in _features(text):
                digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
                value = int.from_bytes(digest, "little")
                bucket = value % self.dimension
                sign = 1.0 if (value >> 63) & 1 else -1.0
                out[row, bucket] += sign
            if not out[row].any():  # every feature cancelled out: fall back to one bucket, never a zero vector
                digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
                out[row, int.from_bytes(digest, "little") % self.dimension] = 1.0
        return out
