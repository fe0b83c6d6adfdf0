"""vectordb cold start: a fresh process's first answered query on a 60,000 × 384 HNSW library.

    python -m benchmarks vectordb_coldstart
    VECTORDB_COLDSTART_N=20000 python -m benchmarks vectordb_coldstart     # quicker

On a throwaway database (Postgres when DATABASE_URL is set, else SQLite), the library is written
through the services (pydocs-minilm vectors), a snapshot is saved the way the worker saves one,
then real processes are started and timed from `Popen` to their first answered query:

- a web process (`uvicorn config.asgi:application`, one worker) that loads the binary snapshot;
- the baseline, in the same run: the same web process with no snapshot to read (an empty
  `VECTORDB_SNAPSHOT_DIR`), which rebuilds the index from the chunks as before this change;
- an index node (`manage.py vectordb_node`, Postgres and Redis only) that loads the snapshot;
- a Celery worker (Postgres and a broker only), timed to the end of its first snapshot task
  (load the snapshot, replay 100 newer chunks from the change log, write a new snapshot).

Before timing, the numba cache is warmed and the project's bytecode written (`compile_sources`),
as on any machine that has run the product once: the image compiles at build and `make run`
before it starts, which matters because `PYTHONDONTWRITEBYTECODE=1` (set in the image and on this
machine) otherwise has every process compile our modules from source again (~0.1 s of CPU).

Each row gives wall-clock seconds (the machine is shared: other load stretches them) and the
child's CPU seconds (user + system, less sensitive to other load), and the child's RSS after the
answer. The index's own memory (`memory_bytes`) and the snapshot's size and write time are
reported too.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.support import bench_database, setup_django
from config.startup import compile_sources

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("VECTORDB_BENCH_DATA", ROOT.parent / "shared" / "datasets" / "pydocs-minilm"))
PORT = int(os.environ.get("VECTORDB_COLDSTART_PORT", "8170"))
TIMEOUT = float(os.environ.get("VECTORDB_COLDSTART_TIMEOUT", "900"))


def _database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


def _post(port: int, path: str, body: dict, key: str) -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        conn.request("POST", path, json.dumps(body), {"Content-Type": "application/json", "X-API-KEY": key})
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        conn.close()


def _cpu_rss(pid: int) -> tuple[float, float]:
    import psutil

    proc = psutil.Process(pid)
    procs = [proc, *proc.children(recursive=True)]
    cpu = sum(p.cpu_times().user + p.cpu_times().system for p in procs)
    rss = sum(p.memory_info().rss for p in procs)
    return cpu, rss / 1e6


def _first_answer(cmd: list[str], env: dict, port: int, path: str, body: dict, key: str) -> dict:
    """Start `cmd`, send the query as soon as the port accepts, time the first 200 answer."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        up = None
        while time.perf_counter() - started < TIMEOUT:
            if proc.poll() is not None:
                raise RuntimeError(f"{cmd[2]} exited: {proc.stderr.read().decode()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            except OSError:
                time.sleep(0.05)
                continue
            up = up or time.perf_counter() - started
            status, answer = _post(port, path, body, key)
            if status == 200:
                elapsed = time.perf_counter() - started
                cpu, rss = _cpu_rss(proc.pid)
                return {"first_answer_s": elapsed, "port_open_s": up, "cpu_s": cpu, "rss_mb": rss, "answer": answer}
            if status not in (503, 409):
                raise RuntimeError(f"{status}: {answer}")
            time.sleep(0.1)
        raise RuntimeError("no answer in time")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _worker_first_task(env: dict, library, document) -> dict:
    """A Celery worker started fresh, timed to the end of its first `index_snapshot_refresh`:
    it loads the library (snapshot + change log), then writes a new snapshot."""
    from vectordb import services
    from vectordb.models import IndexSnapshot
    from vectordb.tasks import index_snapshot_refresh

    rng = np.random.default_rng(1)
    extra = [{"document_id": str(document.uuid), "text": "x", "embedding": v} for v in rng.standard_normal((100, 384))]
    version = services.chunks_upsert(library=library, chunks=extra)[0].seq  # 100 chunks: queues no snapshot
    queue = f"coldbench{os.getpid()}"
    cmd = [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", queue, "-c", "1", "--loglevel", "WARNING"]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        index_snapshot_refresh.apply_async((library.id,), queue=queue)
        while time.perf_counter() - started < TIMEOUT:
            if IndexSnapshot.objects.filter(library_id=library.id, seq=version).exists():
                elapsed = time.perf_counter() - started
                cpu, rss = _cpu_rss(proc.pid)
                return {"first_answer_s": elapsed, "port_open_s": float("nan"), "cpu_s": cpu, "rss_mb": rss}
            if proc.poll() is not None:
                raise RuntimeError(f"the worker exited: {proc.stderr.read().decode()[-2000:]}")
            time.sleep(0.1)
        raise RuntimeError("no snapshot in time")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main() -> None:
    setup_django()
    from django.conf import settings
    from django.db import connection

    from accounts.tests.factories import ApiKeyFactory, ProjectFactory
    from vectordb import services
    from vectordb.engine import _jit
    from vectordb.runtime import registry
    from vectordb.snapshots import store

    n = int(os.environ.get("VECTORDB_COLDSTART_N", "60000"))
    base = np.load(DATA / "base.f16.npy").astype(np.float32)[:n]
    query = np.load(DATA / "queries.f16.npy").astype(np.float32)[0]
    _jit.warm()  # the numba cache is warm, as on any machine that has run the product once
    compile_sources(ROOT)  # and so is the bytecode (see the module docstring)
    rows: list[tuple[str, dict]] = []
    with bench_database():
        snapshot_dir = store.snapshot_root()  # the throwaway database's own: removed at the end
        project = ProjectFactory()
        _, key = ApiKeyFactory.create_with_secret(project=project)
        library = services.library_create(project=project, name="cold", dimension=base.shape[1], index_type="hnsw")
        document = services.document_create(library=library, title="d")
        started = time.perf_counter()
        for s in range(0, n, 20_000):
            chunk_rows = [
                {
                    "document_id": str(document.uuid),
                    "text": f"c{i}",
                    "embedding": base[i],
                    "metadata": {"bucket": i % 100},
                }
                for i in range(s, min(s + 20_000, n))
            ]
            services.chunks_upsert(library=library, chunks=chunk_rows)
        print(f"{n:,} × {base.shape[1]} chunks written in {time.perf_counter() - started:.1f} s ({connection.vendor})")

        cpu0, wall0 = time.process_time(), time.perf_counter()
        snap = services.index_snapshot_save(library_id=library.id)  # the worker's path: rebuild + write
        print(
            f"snapshot saved by the worker's task in {time.perf_counter() - wall0:.1f} s "
            f"({time.process_time() - cpu0:.1f} s CPU, most of it the rebuild from the chunks); "
            f"{snap.size_bytes / 1e6:.1f} MB"
        )
        live, _ = registry.get(library.id)
        index_mb = live.index.memory_bytes() / 1e6
        vectors_mb = live.index.vectors[: live.index.size].nbytes / 1e6
        wall0 = time.perf_counter()
        _, written, _ = store.snapshot_of(live, library_id=library.id, generation=0, index_type="hnsw")
        write_s = time.perf_counter() - wall0
        store.remove_files([written.file_name])
        registry.clear()

        env = {**os.environ, "DATABASE_URL": _database_url(), "DJANGO_SETTINGS_MODULE": "config.settings"}
        env["VECTORDB_SNAPSHOT_DIR"] = str(settings.VECTORDB_SNAPSHOT_DIR)
        env.setdefault("DJANGO_SECRET_KEY", "bench")
        path = f"/api/vectordb/libraries/{library.uuid}/query"
        body = {"embedding": query.tolist(), "k": 10}
        web = [sys.executable, "-m", "uvicorn", "config.asgi:application", "--port", str(PORT)]
        web += ["--log-level", "warning"]
        rows.append(("web process, binary snapshot file", _first_answer(web, env, PORT, path, body, key)))
        with tempfile.TemporaryDirectory() as empty:
            baseline_env = {**env, "VECTORDB_SNAPSHOT_DIR": empty}
            baseline = _first_answer(web, baseline_env, PORT, path, body, key)
            rows.append(("web process, no snapshot: rebuild (baseline)", baseline))
        rows.append(("web process, binary snapshot file (again)", _first_answer(web, env, PORT, path, body, key)))
        if connection.vendor == "postgresql" and os.environ.get("REDIS_URL"):
            node = [sys.executable, "manage.py", "vectordb_node", "--node-id", "cold", "--cluster", "coldbench"]
            node += ["--port", str(PORT + 1)]
            node_path = f"/libraries/{library.uuid}/query"
            rows.append(("index node, binary snapshot file", _first_answer(node, env, PORT + 1, node_path, body, key)))
        else:
            print("(index node skipped: needs Postgres and REDIS_URL)")
        if connection.vendor == "postgresql" and os.environ.get("CELERY_BROKER_URL"):
            rows.append(("worker, first snapshot task (load + write)", _worker_first_task(env, library, document)))
        else:
            print("(worker skipped: needs Postgres and CELERY_BROKER_URL)")

    if snapshot_dir is not None:
        shutil.rmtree(snapshot_dir, ignore_errors=True)
    first_ids = [h["chunk_id"] for h in rows[0][1]["answer"]["hits"]]
    baseline_ids = [h["chunk_id"] for h in rows[1][1]["answer"]["hits"]]
    print()
    print(f"cold start, {n:,} × {base.shape[1]} HNSW library (wall-clock on a shared machine; CPU of the child):")
    print(f"{'process':<46} {'first answer s':>15} {'port open s':>12} {'CPU s':>7} {'RSS MB':>7}")
    for name, r in rows:
        print(
            f"{name:<46} {r['first_answer_s']:>15.2f} {r['port_open_s']:>12.2f} {r['cpu_s']:>7.2f} {r['rss_mb']:>7.0f}"
        )
    speedup = rows[1][1]["first_answer_s"] / rows[0][1]["first_answer_s"]
    print(f"snapshot vs rebuild: {speedup:.1f}x faster to the first answer; same top-10: {first_ids == baseline_ids}")
    print(
        f"snapshot {snap.size_bytes / 1e6:.1f} MB, written (copy + write + fsync + rename) in {write_s:.2f} s; "
        f"index memory {index_mb:.1f} MB per library ({vectors_mb:.1f} MB of it the vectors)"
    )


if __name__ == "__main__":
    main()
