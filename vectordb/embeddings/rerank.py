"""The pure parts of the RAG query pipeline: question clean-up, reranking, and an extractive answer.

No Django. `rerank` combines a semantic score (cosine between the question, embedded as a query, and
each candidate's text) with a lexical one (BM25 over the candidate set, scaled to 0..1), so a passage
that names the question's rare words rises even when the vector index ranked it lower. The
extractive answer picks the passages' sentences closest to the question, in passage order, with the
chunk each came from: an answer that works with no language model and never invents anything.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from vectordb.embeddings import embed_texts

MAX_QUESTION_CHARS = 2000
_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|\n{2,}|\n(?=[-*•])")
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "could",
        "do",
        "does",
        "for",
        "from",
        "has",
        "have",
        "how",
        "i",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "should",
        "so",
        "that",
        "the",
        "their",
        "them",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)


def normalise_question(text: str, *, max_chars: int = MAX_QUESTION_CHARS) -> str:
    """NFKC-normalised, control characters dropped, whitespace collapsed, capped at `max_chars`."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch if ch.isprintable() or ch.isspace() else " " for ch in text)
    return " ".join(text.split())[:max_chars].strip()


def terms(text: str) -> list[str]:
    """Lower-cased words without stopwords."""
    return [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


def bm25_scores(question: str, texts: Sequence[str], *, k1: float = 1.2, b: float = 0.75) -> np.ndarray:
    """BM25 of `question` against each text, with document frequencies from `texts` themselves."""
    docs = [terms(t) for t in texts]
    query = set(terms(question))
    if not docs or not query:
        return np.zeros(len(docs), dtype=np.float64)
    n = len(docs)
    avg_len = max(sum(len(d) for d in docs) / n, 1e-9)
    df = Counter(term for d in docs for term in set(d))
    scores = np.zeros(n, dtype=np.float64)
    for i, doc in enumerate(docs):
        counts = Counter(doc)
        for term in query:
            tf = counts.get(term, 0)
            if not tf:
                continue
            idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
            scores[i] += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(doc) / avg_len))
    return scores


def rerank(
    question: str,
    candidates: Sequence[dict[str, Any]],
    *,
    k: int,
    provider: str = "default",
    semantic_weight: float = 0.7,
) -> list[dict[str, Any]]:
    """The best `k` candidates (dicts with a `text`), each with `semantic`, `lexical` and `rerank_score`."""
    if not candidates:
        return []
    texts = [str(c.get("text", "")) for c in candidates]
    q = embed_texts([question], provider, input_type="query")[0]
    semantic = embed_texts(texts, provider) @ q
    lexical = bm25_scores(question, texts)
    if lexical.max() > 0:
        lexical = lexical / lexical.max()
    combined = semantic_weight * semantic + (1 - semantic_weight) * lexical
    order = np.argsort(-combined, kind="stable")[:k]
    return [
        {
            **candidates[i],
            "semantic": round(float(semantic[i]), 6),
            "lexical": round(float(lexical[i]), 6),
            "rerank_score": round(float(combined[i]), 6),
        }
        for i in order
    ]


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def extractive_answer(
    question: str,
    passages: Sequence[dict[str, Any]],
    *,
    provider: str = "default",
    max_sentences: int = 3,
    min_score: float = 0.2,
) -> dict[str, Any]:
    """The passages' sentences nearest to the question (at most `max_sentences`, above `min_score`),
    in reading order, and the chunks they came from. `text` is empty when nothing is close enough."""
    sentences: list[tuple[int, int, str]] = []  # (passage index, sentence index, text)
    for p_index, passage in enumerate(passages):
        for s_index, sentence in enumerate(split_sentences(str(passage.get("text", "")))):
            sentences.append((p_index, s_index, sentence))
    if not sentences:
        return {"text": "", "source": "extractive", "citations": [], "sentences": []}
    q = embed_texts([question], provider, input_type="query")[0]
    scores = embed_texts([s for _, _, s in sentences], provider) @ q
    best = [i for i in np.argsort(-scores, kind="stable")[:max_sentences] if scores[i] >= min_score]
    best.sort(key=lambda i: (sentences[i][0], sentences[i][1]))
    chosen = [
        {
            "text": sentences[i][2],
            "chunk_id": passages[sentences[i][0]].get("chunk_id"),
            "score": round(float(scores[i]), 6),
        }
        for i in best
    ]
    citations = list(dict.fromkeys(c["chunk_id"] for c in chosen))
    return {
        "text": " ".join(c["text"] for c in chosen),
        "source": "extractive",
        "citations": citations,
        "sentences": chosen,
    }
