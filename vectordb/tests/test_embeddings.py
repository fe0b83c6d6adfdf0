"""The offline embedding providers: MiniLM in numpy against sentence-transformers' vectors, the hash provider,
and the provider registry. No database, no network."""

from __future__ import annotations

import math
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from vectordb.embeddings import (
    DEFAULT_PROVIDER,
    EmbeddingProvider,
    ProviderUnavailableError,
    UnknownProviderError,
    available_providers,
    embed_texts,
    get_provider,
    provider_dimension,
    register_provider,
)
from vectordb.embeddings.hashing import HashingProvider
from vectordb.embeddings.minilm import MiniLMProvider, bundled_model_dir, erf, gelu

REFERENCE = Path(__file__).resolve().parent.parent / "embeddings" / "tests" / "reference_minilm.npz"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def reference() -> tuple[list[str], np.ndarray]:
    data = np.load(REFERENCE, allow_pickle=False)
    return [str(s) for s in data["sentences"]], data["vectors"]


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


class TestMiniLM:
    def test_it_matches_sentence_transformers_on_the_reference_set(self, reference):
        sentences, expected = reference
        vectors = embed_texts(sentences, "minilm")
        assert vectors.shape == (50, 384)
        assert cosines(vectors, expected).min() >= 0.999

    def test_batching_and_padding_do_not_change_a_vector(self, reference):
        sentences, expected = reference
        provider = MiniLMProvider(batch_size=3, max_batch_tokens=64)
        one_by_one = np.vstack([provider.embed([s]) for s in sentences[:12]])
        batched = provider.embed(sentences[:12])
        assert cosines(one_by_one, batched).min() >= 0.99999
        assert cosines(batched, expected[:12]).min() >= 0.999

    def test_it_returns_float32_unit_rows_in_input_order(self):
        texts = ["a much longer sentence about vending machines and their many drinks", "short", "medium text here"]
        vectors = embed_texts(texts)
        assert vectors.dtype == np.float32
        np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
        for index, text in enumerate(texts):
            np.testing.assert_allclose(vectors[index], embed_texts([text])[0], atol=1e-5)

    def test_similar_meanings_are_closer_than_unrelated_ones(self):
        food, bread, violin = embed_texts(["A man is eating food.", "A man is eating bread.", "A woman plays violin."])
        assert food @ bread > food @ violin + 0.3

    def test_it_truncates_texts_past_the_models_256_tokens(self, reference):
        sentences, _ = reference
        long_text = max(sentences, key=len)
        a, b = embed_texts([long_text, long_text + " and then a whole new topic about astronomy and stars"])
        assert float(a @ b) > 0.99999

    def test_an_empty_list_gives_an_empty_matrix(self):
        assert embed_texts([]).shape == (0, 384)

    def test_it_refuses_a_bare_string_and_non_strings(self):
        with pytest.raises(TypeError):
            embed_texts("not a list")  # type: ignore[arg-type]
        with pytest.raises(TypeError, match=r"texts\[1\]"):
            embed_texts(["fine", 3])  # type: ignore[list-item]

    def test_it_loads_the_model_once_when_threads_race_for_it(self, monkeypatch):
        provider = MiniLMProvider()
        loads = []
        real = provider._read_model

        def counting_read():
            loads.append(threading.get_ident())
            return real()

        monkeypatch.setattr(provider, "_read_model", counting_read)
        with ThreadPoolExecutor(max_workers=6) as pool:
            results = list(pool.map(lambda i: provider.embed([f"sentence number {i}"]), range(12)))
        assert len(loads) == 1
        np.testing.assert_allclose(results[3][0], provider.embed(["sentence number 3"])[0], atol=1e-5)

    def test_it_says_what_is_missing_when_the_model_files_are_absent(self, tmp_path):
        provider = MiniLMProvider(model_dir=tmp_path)
        with pytest.raises(ProviderUnavailableError, match=r"model\.safetensors"):
            provider.embed(["x"])

    def test_the_model_ships_in_an_installed_package(self):
        directory = bundled_model_dir()
        assert (directory / "model.safetensors").is_file()
        assert (directory / "tokenizer.json").is_file()

    def test_it_runs_without_torch_and_without_the_network(self):
        script = (
            "import socket, sys\n"
            "def refuse(*a, **k): raise OSError('network is forbidden in this test')\n"
            "socket.socket.connect = refuse\n"
            "socket.create_connection = refuse\n"
            "sys.modules['torch'] = None\n"  # any `import torch` now fails
            "from vectordb.embeddings import embed_texts\n"
            "v = embed_texts(['offline please'])\n"
            "assert v.shape == (1, 384), v.shape\n"
            "print('ok')\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "ok"

    def test_batches_respect_both_caps(self):
        provider = MiniLMProvider(batch_size=4, max_batch_tokens=40)
        lengths = [5, 30, 7, 12, 3, 9, 11, 25, 6, 8]
        batches = provider._batches(lengths)
        assert sorted(i for batch in batches for i in batch) == list(range(10))
        for batch in batches:
            assert len(batch) <= 4
            assert len(batch) == 1 or len(batch) * max(lengths[i] for i in batch) <= 40


class TestNumpyBlocks:
    def test_erf_is_accurate_to_float32(self):
        x = np.linspace(-6, 6, 2001, dtype=np.float32)
        expected = np.array([math.erf(float(v)) for v in x])
        assert np.abs(erf(x) - expected).max() < 1e-6

    def test_gelu_is_the_exact_erf_form(self):
        x = np.linspace(-5, 5, 300, dtype=np.float32).reshape(3, 100)
        expected = 0.5 * x.astype(np.float64) * (1 + np.vectorize(math.erf)(x.astype(np.float64) / math.sqrt(2)))
        np.testing.assert_allclose(gelu(x.copy(), chunk_rows=2), expected, atol=1e-6)


class TestHashProvider:
    def test_it_is_deterministic_across_processes(self):
        here = embed_texts(["deterministic vectors please"], "hash")[0]
        script = (
            "from vectordb.embeddings import embed_texts\n"
            "print(','.join(f'{x:.6f}' for x in embed_texts(['deterministic vectors please'], 'hash')[0]))"
        )
        out = subprocess.run(
            [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60, check=True
        ).stdout
        np.testing.assert_allclose(here, np.array([float(x) for x in out.split(",")]), atol=1e-6)

    def test_its_rows_are_unit_length_even_for_empty_or_symbol_only_text(self):
        vectors = embed_texts(["", "?!", "a", "plain words"], "hash")
        np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)

    def test_shared_words_make_texts_closer(self):
        coke, cola, tax = embed_texts(
            ["cold coke in the machine", "a cold coke please", "quarterly tax filing"], "hash"
        )
        assert coke @ cola > coke @ tax

    def test_it_is_case_insensitive(self):
        a, b = embed_texts(["Vending Machine", "vending machine"], "hash")
        assert float(a @ b) == pytest.approx(1.0)

    def test_it_refuses_a_tiny_dimension(self):
        with pytest.raises(ValueError):
            HashingProvider(dimension=2)


class TestRegistry:
    def test_default_is_minilm_with_384_dimensions(self):
        assert DEFAULT_PROVIDER == "minilm"
        assert get_provider("default") is get_provider("minilm") is get_provider(" MiniLM ")
        assert provider_dimension("default") == 384

    def test_it_lists_the_providers(self):
        assert {"minilm", "hash", "cohere"} <= set(available_providers())

    def test_dimensions_are_known_without_loading_anything(self):
        assert provider_dimension("hash") == 384
        assert provider_dimension("cohere") == 1024
        assert provider_dimension("cohere:embed-english-light-v3.0") == 384

    def test_it_rejects_an_unknown_provider_or_model(self):
        with pytest.raises(UnknownProviderError, match="choose one of"):
            get_provider("word2vec")
        with pytest.raises(UnknownProviderError):
            get_provider("cohere:no-such-model")
        with pytest.raises(UnknownProviderError):
            get_provider("hash:extra")

    def test_a_registered_provider_replaces_the_cached_one(self):
        class Constant(EmbeddingProvider):
            dimension = 4

            def __init__(self, name: str) -> None:
                self.name = name

            def _embed(self, texts, input_type):
                return np.ones((len(texts), 4))

        register_provider("constant-test", Constant)
        vectors = embed_texts(["x", "y"], "constant-test")
        np.testing.assert_allclose(vectors, 0.5)
