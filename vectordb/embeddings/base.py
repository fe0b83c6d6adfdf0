"""What every embedding provider is: a name, a dimension, and `embed(texts) -> n×dim float32 unit vectors`."""

from __future__ import annotations

import abc
from collections.abc import Sequence
from typing import Literal

import numpy as np

InputType = Literal["document", "query"]


class EmbeddingError(Exception):
    """Base class of every error raised by the embedding providers."""


class UnknownProviderError(EmbeddingError, ValueError):
    """The provider name is not one of `available_providers()`."""


class ProviderUnavailableError(EmbeddingError):
    """The provider exists but cannot embed right now (missing model files, missing API key, service down)."""


class EmbeddingProvider(abc.ABC):
    """A text embedding model. Implementations must be safe to call from several threads at once."""

    name: str
    dimension: int

    @abc.abstractmethod
    def _embed(self, texts: list[str], input_type: InputType) -> np.ndarray:
        """Raw vectors for `texts` (non-empty list), shape (len(texts), dimension)."""

    def embed(self, texts: Sequence[str], input_type: InputType = "document") -> np.ndarray:
        """L2-normalised float32 vectors, one row per text, in input order."""
        if isinstance(texts, str):
            raise TypeError("embed() takes a list of strings, not one string")
        items = list(texts)
        for index, text in enumerate(items):
            if not isinstance(text, str):
                raise TypeError(f"texts[{index}] is {type(text).__name__}, not str")
        if not items:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = np.asarray(self._embed(items, input_type), dtype=np.float32)
        if vectors.shape != (len(items), self.dimension):
            raise EmbeddingError(
                f"provider {self.name!r} returned shape {vectors.shape}, expected {(len(items), self.dimension)}"
            )
        return l2_normalise(vectors)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} dim={self.dimension}>"


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (an all-zero row stays zero rather than becoming NaN)."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    np.maximum(norms, 1e-12, out=norms)
    return vectors / norms
