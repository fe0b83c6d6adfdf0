"""Semantic matching of product descriptions ("something sweet", "a fizzy drink with caffeine").

Two matchers with one signature, `(phrase) -> [(product, score 0..1)]` best first (or None):
- `EmbeddingMatcher`: cosine similarity between the phrase and each product's description
  (`search.parsing.products.DESCRIPTIONS`) embedded by the platform's offline embeddings provider
  (`vectordb.embeddings.embed_texts`: all-MiniLM-L6-v2 in numpy, 384-d, unit rows). The 27
  description vectors are computed once per process, on first use.
- `LexicalMatcher`: word overlap with the same descriptions (IDF-weighted); used when the
  embeddings provider is not installed or fails, so the fallback never breaks a search.
`default_matcher()` picks the embedding matcher when it loads, else the lexical one.
Pure Python + numpy: no Django.
"""

from __future__ import annotations

import logging
import math
import threading
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from search.parsing.products import CATALOG, DESCRIPTIONS
from search.parsing.text import FILLER_WORDS, key

logger = logging.getLogger(__name__)

Embed = Callable[[Sequence[str]], np.ndarray]
# Below this cosine the best product is not taken to be meant (MiniLM: unrelated phrases score 0.1-0.3).
EMBEDDING_THRESHOLD = 0.35
LEXICAL_THRESHOLD = 0.25


class EmbeddingMatcher:
    name = "embeddings"
    threshold = EMBEDDING_THRESHOLD

    def __init__(self, embed: Embed) -> None:
        self._embed = embed
        self._products = list(CATALOG)
        self._matrix: np.ndarray | None = None
        self._lock = threading.Lock()

    def _descriptions(self) -> np.ndarray:
        if self._matrix is None:
            with self._lock:
                if self._matrix is None:
                    self._matrix = np.asarray(self._embed([DESCRIPTIONS[p] for p in self._products]), dtype=np.float32)
        return self._matrix

    def __call__(self, phrase: str) -> list[tuple[str, float]] | None:
        try:
            vector = np.asarray(self._embed([phrase]), dtype=np.float32)[0]
            scores = self._descriptions() @ vector
        except Exception:  # the fallback must never break a search
            logger.exception("embedding matcher failed for %r", phrase)
            return None
        order = np.argsort(-scores)
        return [(self._products[i], float(scores[i])) for i in order]


class LexicalMatcher:
    """IDF-weighted overlap between the phrase's words and each description's words."""

    name = "lexical"
    threshold = LEXICAL_THRESHOLD

    def __init__(self) -> None:
        self._bags = {p: set(key(DESCRIPTIONS[p]).split()) - FILLER_WORDS for p in CATALOG}
        df = Counter(w for bag in self._bags.values() for w in bag)
        self._idf = {w: math.log(1 + len(CATALOG) / n) for w, n in df.items()}

    def __call__(self, phrase: str) -> list[tuple[str, float]] | None:
        words = set(key(phrase).split()) - FILLER_WORDS
        if not words:
            return None
        total = sum(self._idf.get(w, math.log(1 + len(CATALOG))) for w in words)
        ranked = []
        for product, bag in self._bags.items():
            hit = sum(self._idf[w] for w in words & bag)
            ranked.append((product, hit / total if total else 0.0))
        ranked.sort(key=lambda item: -item[1])
        return ranked


def default_matcher() -> EmbeddingMatcher | LexicalMatcher:
    try:
        from vectordb.embeddings import embed_texts

        matcher = EmbeddingMatcher(lambda texts: embed_texts(list(texts), input_type="query"))
        if matcher("a snack") is None:
            raise RuntimeError("embeddings provider did not answer")
        return matcher
    except Exception as exc:
        logger.warning("semantic product matching falls back to word overlap: %s", exc)
        return LexicalMatcher()
