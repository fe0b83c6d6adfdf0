"""Thread classifiers: pick one of a project's categories for a conversation's first question.

Plain Python (no Django): a classifier gets the question and the categories and returns the chosen
category's id. It may be slow and I/O-bound (an LLM call), so callers run many at once in threads;
a classifier must therefore be thread-safe and must not touch the database.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass
from typing import Protocol

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    re.findall(
        r"\w+",
        "a an and are as at be by can do does for from how i in is it me my of on or our the this to was what "
        "when where which who why will with you your",
    )
)


@dataclass(frozen=True)
class CategoryOption:
    id: int
    name: str
    description: str = ""


class Classifier(Protocol):
    def classify(self, question: str, categories: list[CategoryOption]) -> int: ...


class NoCategoriesError(ValueError):
    """Raised when asked to classify into an empty list of categories."""


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1}


class DummyClassifier:
    """Stands in for an LLM classifier: takes `delay` seconds per question (2 s by default, like a
    model call) and picks the category whose name and description share the most words with the
    question, ties broken by a stable hash of the question (so the same question always gets the
    same category). Raises `NoCategoriesError` on an empty list."""

    def __init__(self, delay: float = 2.0) -> None:
        if delay < 0:
            raise ValueError("delay must be >= 0")
        self.delay = delay

    def classify(self, question: str, categories: list[CategoryOption]) -> int:
        if not categories:
            raise NoCategoriesError("There are no categories to choose from.")
        if self.delay:
            time.sleep(self.delay)
        words = _words(question)
        scores = [len(words & _words(f"{c.name} {c.description}")) for c in categories]
        best = max(scores)
        tied = [c for c, s in zip(categories, scores, strict=True) if s == best]
        tied.sort(key=lambda c: c.id)
        digest = int.from_bytes(hashlib.blake2b(question.encode(), digest_size=8).digest(), "big")
        return tied[digest % len(tied)].id
