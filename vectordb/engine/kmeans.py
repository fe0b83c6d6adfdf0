"""k-means (Lloyd's algorithm) with numpy, used to train IVF partitions and to group points for
the HNSW bulk build.

Time: O(iters · s · k · d) on a training sample of s rows (BLAS matrix products, in blocks so the
s × k distance matrix never exceeds ~64 MB), plus O(n · k · d) to assign all n rows. Space: O(k · d)
for the centroids and one block of distances.
"""

from __future__ import annotations

import numpy as np

BLOCK_BYTES = 64 * 1024 * 1024


def assign(x: np.ndarray, centroids: np.ndarray, *, top: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Nearest `top` centroids (L2) of every row: (labels n×top, squared distances n×top)."""
    n, k = len(x), len(centroids)
    top = min(top, k)
    c_sq = np.einsum("ij,ij->i", centroids, centroids)
    labels = np.empty((n, top), dtype=np.int64)
    dists = np.empty((n, top), dtype=np.float32)
    block = max(1, BLOCK_BYTES // (4 * max(k, 1)))
    for start in range(0, n, block):
        xb = x[start : start + block]
        d = c_sq[None, :] - 2.0 * (xb @ centroids.T)
        if top == 1:
            lab = np.argmin(d, axis=1)[:, None]
        else:
            part = np.argpartition(d, top - 1, axis=1)[:, :top]
            order = np.argsort(np.take_along_axis(d, part, axis=1), axis=1)
            lab = np.take_along_axis(part, order, axis=1)
        labels[start : start + block] = lab
        x_sq = np.einsum("ij,ij->i", xb, xb)[:, None]
        dists[start : start + block] = np.maximum(np.take_along_axis(d, lab, axis=1) + x_sq, 0)
    return labels, dists


def kmeans(
    x: np.ndarray, k: int, *, iters: int = 12, sample: int | None = None, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """`k` centroids of the rows of `x` and the label of every row.

    Trains on a random sample (default 64 rows a centroid), initialised from distinct random rows;
    an empty cluster is re-seeded with the row farthest from its centroid."""
    x = np.ascontiguousarray(x, dtype=np.float32)
    n = len(x)
    if n == 0:
        return np.zeros((0, x.shape[1]), np.float32), np.zeros(0, np.int64)
    k = max(1, min(k, n))
    rng = np.random.default_rng(seed)
    s = min(n, sample or 64 * k)
    train = x[rng.choice(n, s, replace=False)] if s < n else x
    centroids = train[rng.choice(len(train), k, replace=False)].copy()
    for _ in range(iters):
        labels, dists = assign(train, centroids)
        labels = labels[:, 0]
        counts = np.bincount(labels, minlength=k)
        sums = np.zeros_like(centroids)
        np.add.at(sums, labels, train)
        nonempty = counts > 0
        centroids[nonempty] = sums[nonempty] / counts[nonempty, None]
        empty = np.flatnonzero(~nonempty)
        if len(empty):
            far = np.argsort(-dists[:, 0])[: len(empty)]
            centroids[empty[: len(far)]] = train[far]
    labels, _ = assign(x, centroids)
    return centroids, labels[:, 0]
