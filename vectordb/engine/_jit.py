"""The one place that says how our kernels are compiled (numba), and the primitives they share.

Why numba: the HNSW walk is a loop of tiny, data-dependent steps (pop the nearest candidate, score
its ≤ 2M neighbours, push the closer ones). In numpy each step pays interpreter and allocation
overhead (~30 µs), which caps a numpy beam at ~0.3× hnswlib; the same loop compiled runs at C
speed, and LLVM vectorises the float32 dot products (`fastmath`). The algorithms stay ours: numba
only compiles them. Without numba installed `jit` returns the plain Python functions (correct,
slow), so nothing else changes.

Every kernel in the engine is decorated with `jit` (or `jit(inline="always")` for the small
helpers), so the compile options live only in `OPTIONS`: change caching or threading here.

The on-disk cache (`cache=True`, under `NUMBA_CACHE_DIR`, which the settings point at
`var/numba-cache`) is made safe to share between every process of a machine (web, node, worker,
test runs, several checkouts):

- **One directory per engine version**: `<NUMBA_CACHE_DIR>/engine-<hash>`, the hash of every
  source file of `vectordb/engine/` (and numba's and Python's versions). numba itself checks a
  cached kernel against its own file only, so editing a helper here used to leave the kernels
  that inline it (hnsw/walk.py, hnsw/build.py, ivf.py) on their old machine code; and two
  processes running different versions at once overwrote each other's index and data files
  (numba invalidates an index whose file stamp differs and renumbers the entries), which once
  left an entry that failed on load ("returned a result with an exception set"). Now a changed
  engine starts a directory of its own; processes of the same code share one.
- **Saves are serialised** across processes (`flock` on a lock file in the kernel's cache
  directory): numba's save reads the index, picks a data file name, then writes the index and
  the data file, so two processes saving different signatures of a kernel at once could pair an
  index entry with the other's machine code. Loads take the lock shared.
- **A bad entry is recompiled, never fatal**: a load that raises (a torn or foreign file) or
  returns machine code for another signature is logged and treated as a miss; numba then
  compiles and its save overwrites the entry.
- **One process compiles, the others wait and load**: a kernel's load-or-compile runs under one
  `flock` on the version's directory (`.compile.lock`), taken inside numba's own compiler lock
  (so nested compiles of callees re-enter it and no two locks are ever waited on in opposite
  orders). After an engine change, the web, node and worker processes starting together used to
  compile the same kernels side by side (~10 s of CPU each on a shared 2-core machine); now the
  first compiles and the rest load its entries. A forked child forgets a lock its parent held.

Directories of other engine versions unused for `STALE_CACHE_DAYS` are removed by the start-up
warm-up (`sweep_stale_caches`).

Shared primitives: a binary min-heap over parallel (float32 distance, int64 slot) arrays — the
result set of a beam is the same heap over negated distances, so one push/pop serves both — and
the scalar dot product over a float32 row.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

try:  # pragma: no cover - exercised whichever way it goes
    import numba
    from llvmlite import ir
    from numba.core import cgutils, sigutils, types
    from numba.extending import intrinsic

    AVAILABLE = True
except ImportError:  # pragma: no cover
    numba = None
    AVAILABLE = False

logger = logging.getLogger(__name__)
ENGINE_DIR = Path(__file__).resolve().parent
STALE_CACHE_DAYS = 7.0

#: Options of every compiled kernel: cached on disk (a new process loads the machine code instead
#: of compiling it), releasing the GIL (queries in threads run in parallel), IEEE relaxed so the
#: dot-product reductions vectorise.
OPTIONS: dict[str, Any] = {"cache": True, "nogil": True, "fastmath": True}


def source_version(root: Path = ENGINE_DIR) -> str:
    """A hash of every source file under `root` (path and bytes) and of numba's and Python's
    versions: what the compiled kernels depend on."""
    digest = hashlib.sha256(f"numba {getattr(numba, '__version__', '-')} python {sys.version_info[:2]}".encode())
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


CACHE_VERSION = source_version()
#: The cache root the environment names (`NUMBA_CACHE_DIR`, read once here: numba re-reads the
#: environment on every compile, so our directory is set again before each kernel is made).
CACHE_ROOT = os.environ.get("NUMBA_CACHE_DIR", "")
CACHE_DIR = os.path.join(CACHE_ROOT, f"engine-{CACHE_VERSION}") if CACHE_ROOT else ""


def jit(fn: Callable | None = None, **extra: Any) -> Any:
    """`@jit` or `@jit(inline="always")`: numba.njit with `OPTIONS` (plus `extra`), cached in this
    engine version's directory with the guarded load and save described above."""

    def wrap(f: Callable) -> Callable:
        if not AVAILABLE:
            return f
        if CACHE_DIR:  # numba's cache locator reads it when the dispatcher is made, just below
            numba.config.CACHE_DIR = CACHE_DIR
        dispatcher = numba.njit(**{**OPTIONS, **extra})(f)
        _guard_cache(dispatcher)
        _serialise_compiles(dispatcher)
        return dispatcher

    return wrap(fn) if fn is not None else wrap


@contextlib.contextmanager
def _cache_lock(directory: str, exclusive: bool) -> Iterator[None]:
    """An advisory lock on `directory/.lock` (none if it cannot be opened: a read-only cache)."""
    fd = _locked_fd(directory, ".lock", exclusive=exclusive)
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)  # releases the lock


def _guard_cache(dispatcher: Any) -> None:
    """Wrap the dispatcher's cache: shared-locked, checked loads; exclusive-locked saves."""
    cache = getattr(dispatcher, "_cache", None)
    directory = getattr(cache, "_cache_path", None)
    if directory is None:  # caching off (numba's NullCache)
        return
    load, save = cache.load_overload, cache.save_overload
    name = getattr(dispatcher, "__qualname__", repr(dispatcher))

    def checked_load(sig: Any, target_context: Any) -> Any:
        try:
            with _cache_lock(directory, exclusive=False):
                cres = load(sig, target_context)
        except Exception as exc:  # a torn or foreign entry: compile instead, the save replaces it
            logger.warning("numba cache: entry of %s%s unusable (%r), compiling", name, sig, exc)
            return None
        if cres is not None:
            args, _ = sigutils.normalize_signature(sig)
            if tuple(cres.signature.args) != tuple(args):
                logger.warning("numba cache: entry of %s%s holds %s, compiling", name, sig, cres.signature)
                return None
        return cres

    def locked_save(sig: Any, cres: Any) -> None:
        try:
            with _cache_lock(directory, exclusive=True):
                save(sig, cres)
        except OSError as exc:  # a full or read-only disk: the kernel still runs, uncached
            logger.warning("numba cache: could not save %s%s (%s)", name, sig, exc)

    cache.load_overload, cache.save_overload = checked_load, locked_save


class _CompileLock:
    """The cross-process lock on this version's cache directory, reentrant within a process.

    Only taken with numba's global compiler lock held (one thread of a process compiles at a
    time), so `depth` needs no lock of its own."""

    def __init__(self) -> None:
        self.fd: int | None = None
        self.depth = 0

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        from numba.core.compiler_lock import global_compiler_lock

        with global_compiler_lock:
            if self.depth == 0:
                self.fd = _locked_fd(CACHE_DIR, ".compile.lock")
            self.depth += 1
            try:
                yield
            finally:
                self.depth -= 1
                if self.depth == 0 and self.fd is not None:
                    os.close(self.fd)  # releases the flock
                    self.fd = None

    def forget(self) -> None:
        """In a forked child: the parent's lock is not ours (closing our copy leaves it to them)."""
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
        self.fd, self.depth = None, 0


def _locked_fd(directory: str, name: str, *, exclusive: bool = True) -> int | None:
    """An open descriptor of `directory/name` holding its flock (closing it releases the lock), or
    None if the file cannot be opened: a read-only cache, used without waiting for anyone."""
    import fcntl

    try:
        os.makedirs(directory, exist_ok=True)
        fd = os.open(os.path.join(directory, name), os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
    except BaseException:
        os.close(fd)
        raise
    return fd


_compile_lock = _CompileLock()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_compile_lock.forget)


def _serialise_compiles(dispatcher: Any) -> None:
    """Run the dispatcher's load-or-compile of a new signature under `_compile_lock` (numba calls
    `compile` only for a signature it has no machine code for yet: never on the query path)."""
    if not CACHE_DIR or getattr(getattr(dispatcher, "_cache", None), "_cache_path", None) is None:
        return
    compile_now = dispatcher.compile

    def compile(sig: Any) -> Any:
        with _compile_lock.held():
            return compile_now(sig)

    dispatcher.compile = compile


def sweep_stale_caches(max_age_days: float = STALE_CACHE_DAYS) -> int:
    """Remove the cache directories of other engine versions not written for `max_age_days`."""
    if not CACHE_ROOT or not os.path.isdir(CACHE_ROOT):
        return 0
    cutoff = time.time() - max_age_days * 86400
    removed = 0
    for entry in Path(CACHE_ROOT).glob("engine-*"):
        if entry.name == f"engine-{CACHE_VERSION}" or not entry.is_dir():
            continue
        try:
            newest = max((p.stat().st_mtime for p in entry.rglob("*")), default=entry.stat().st_mtime)
            if newest < cutoff:
                shutil.rmtree(entry)
                removed += 1
        except OSError:
            continue
    return removed


if AVAILABLE:

    @intrinsic
    def prefetch(typingctx, arr, row, col):  # type: ignore[no-untyped-def]
        """Ask the CPU to start loading `arr[row, col]`'s cache line (LLVM's prefetch, for reading,
        kept in all cache levels): a walk issues it for every neighbour it is about to score,
        so the loads of the next vectors overlap the arithmetic on this one."""
        if not isinstance(arr, types.Array) or arr.ndim != 2:
            return None
        sig = types.void(arr, row, col)

        def codegen(context, builder, signature, args):  # type: ignore[no-untyped-def]
            aryty = signature.args[0]
            ary = context.make_array(aryty)(context, builder, args[0])
            inds = [context.cast(builder, v, t, types.intp) for v, t in zip(args[1:], signature.args[1:], strict=True)]
            ptr = cgutils.get_item_pointer2(
                context,
                builder,
                data=ary.data,
                shape=cgutils.unpack_tuple(builder, ary.shape),
                strides=cgutils.unpack_tuple(builder, ary.strides),
                layout=aryty.layout,
                inds=inds,
                wraparound=False,
            )
            i32 = ir.IntType(32)
            fnty = ir.FunctionType(ir.VoidType(), [ptr.type, i32, i32, i32])
            fn = cgutils.get_or_insert_function(builder.module, fnty, "llvm.prefetch.p0")
            builder.call(fn, [ptr, i32(0), i32(3), i32(1)])
            return context.get_dummy_value()

        return sig, codegen

else:  # pragma: no cover

    def prefetch(arr, row, col):  # type: ignore[no-redef]
        return None


@jit(inline="always")
def heap_push(heap_d, heap_i, n, d, i):
    """Push (d, i) onto the min-heap of n items held in heap_d/heap_i (room for n + 1)."""
    j = n
    while j > 0:
        parent = (j - 1) >> 1
        if heap_d[parent] <= d:
            break
        heap_d[j] = heap_d[parent]
        heap_i[j] = heap_i[parent]
        j = parent
    heap_d[j] = d
    heap_i[j] = i


@jit(inline="always")
def heap_pop(heap_d, heap_i, n):
    """Remove the root of the min-heap of n ≥ 1 items (the caller has read it)."""
    n -= 1
    d = heap_d[n]
    i = heap_i[n]
    j = 0
    while True:
        c = 2 * j + 1
        if c >= n:
            break
        if c + 1 < n and heap_d[c + 1] < heap_d[c]:
            c += 1
        if heap_d[c] >= d:
            break
        heap_d[j] = heap_d[c]
        heap_i[j] = heap_i[c]
        j = c
    heap_d[j] = d
    heap_i[j] = i


@jit(inline="always")
def drain_max_heap(res_d, res_i, n):
    """The n items of a max-heap kept as a min-heap of negated distances, nearest first:
    (slots, distances). Empties the heap."""
    out_i = np.empty(n, dtype=np.int64)
    out_d = np.empty(n, dtype=np.float32)
    for j in range(n - 1, -1, -1):
        out_i[j] = res_i[0]
        out_d[j] = -res_d[0]
        heap_pop(res_d, res_i, j + 1)
    return out_i, out_d


@jit(inline="always")
def dot(vectors, slot, q):
    row = vectors[slot]
    acc = np.float32(0.0)
    for t in range(q.shape[0]):
        acc += row[t] * q[t]
    return acc


@jit(inline="always")
def distance(vectors, sqnorms, slot, q, q_sq, euclidean):
    """Distance from q to a stored slot: -q·v, or ‖v‖² + q_sq - 2q·v for euclidean (q_sq = 0 gives
    the query ranking distance, q_sq = ‖q‖² the true one)."""
    ip = dot(vectors, slot, q)
    if euclidean:
        return sqnorms[slot] + q_sq - np.float32(2.0) * ip
    return -ip


def warm() -> None:
    """Compile (or load from the on-disk cache) every kernel by using the indexes on a tiny input,
    for each metric, filtered and not, float32 and float64 queries, so that a process's first real
    query does not pay it (vectordb/warmup.py runs this in a thread at process start)."""
    if not AVAILABLE:
        return
    from vectordb.engine.base import METRICS
    from vectordb.engine.hnsw import HNSWIndex
    from vectordb.engine.ivf import IVFIndex

    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((64, 8)).astype(np.float32)
    ids = np.arange(1, 65, dtype=np.int64)
    for metric in METRICS:
        for index in (
            HNSWIndex(dim=8, metric=metric, M=4, ef_construction=16),
            IVFIndex(dim=8, metric=metric, nlist=2, train_min=16),
        ):
            index.build(ids, vectors)
            index.upsert(ids[:2], vectors[2:4])  # the incremental insert path too
            mask = np.zeros(index.capacity, dtype=bool)
            mask[::2] = True  # a filtered search (half the slots)
            for q in (vectors[5], vectors[5].astype(np.float64)):
                index.search(q, 3)
                index.search(q, 3, mask=mask)
