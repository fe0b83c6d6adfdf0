"""The pure parts of the query pipeline's steps (normalise, BM25, rerank, extractive answer); the
pipeline itself, on Temporal, is tested in test_pipeline_temporal.py."""

from __future__ import annotations

from vectordb.embeddings.rerank import bm25_scores, extractive_answer, normalise_question, rerank, split_sentences

TEXTS = [
    "Refunds are paid back to the card within 30 days of purchase. Keep the printed receipt.",
    "Machines accept cards, phones and coins. Notes are not accepted.",
    "Cold drinks are restocked every morning before 7am by the route technician.",
    "The quarterly revenue report is emailed to every team on Mondays.",
]


# --- the pure parts ------------------------------------------------------------------------------
def test_a_question_is_normalised():
    assert normalise_question("  Where\u00a0is\tthe\x00 coke?\n ") == "Where is the coke?"
    assert normalise_question("x" * 5000, max_chars=10) == "x" * 10


def test_bm25_prefers_the_text_with_the_rare_question_words():
    scores = bm25_scores("receipt refund", ["the machine takes coins", "keep the receipt for a refund", "the the"])
    assert scores.argmax() == 1 and scores[0] == 0


def test_rerank_keeps_k_and_lifts_the_passage_that_names_the_question():
    candidates = [{"chunk_id": i, "text": t} for i, t in enumerate(TEXTS)]
    ranked = rerank("how do refunds work with a receipt?", candidates, k=2, provider="minilm")
    assert ranked[0]["chunk_id"] == 0
    assert len(ranked) == 2
    assert {"semantic", "lexical", "rerank_score"} <= set(ranked[0])


def test_the_extractive_answer_quotes_the_nearest_sentences_with_their_chunks():
    passages = [{"chunk_id": 10 + i, "text": t} for i, t in enumerate(TEXTS)]
    answer = extractive_answer(
        "What payment methods do the machines accept?", passages, provider="minilm", max_sentences=1
    )
    assert answer["text"] == "Machines accept cards, phones and coins."
    assert answer["citations"] == [11]


def test_sentences_are_split_on_ends_and_blank_lines():
    assert split_sentences("One. Two!\n\nThree") == ["One.", "Two!", "Three"]
