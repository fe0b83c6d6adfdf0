"""vectordb replication (issue 7): write acknowledgement through the leader vs a direct service
write, follower read latency by consistency level, replication lag, failover time.

Real node processes (`manage.py vectordb_node`) on a throwaway Postgres database; Postgres only.
`VECTORDB_REPL_BENCH_WRITES` (default 200) writes of 3 chunks of 64 dimensions.
"""

from __future__ import annotations

import os
import signal
import time
import uuid

from benchmarks.support import bench_database, setup_django, summary

DIM = 64


def main() -> None:
    setup_django()
    from django.db import connection

    if connection.vendor != "postgresql":
        print("skipped: needs Postgres (set DATABASE_URL); node processes share the database")
        return
    import numpy as np

    from accounts.tests.factories import ApiKeyFactory, ProjectFactory
    from vectordb import services
    from vectordb.replication.client import redis_client, submit_write
    from vectordb.tests.replication_nodes import Cluster

    writes = int(os.environ.get("VECTORDB_REPL_BENCH_WRITES", "200"))
    rng = np.random.default_rng(0)

    def chunks(document_id: str) -> list[dict]:
        return [
            {"document_id": document_id, "text": "x", "embedding": rng.standard_normal(DIM).tolist()} for _ in range(3)
        ]

    with bench_database():
        project = ProjectFactory()
        _, key = ApiKeyFactory.create_with_secret(project=project)
        library = services.library_create(project=project, name="repl", dimension=DIM)
        document = services.document_create(library=library, title="d")
        services.chunks_upsert(
            library=library,
            chunks=[
                {"document_id": str(document.uuid), "embedding": v.tolist()} for v in rng.standard_normal((2000, DIM))
            ],
        )
        cluster = Cluster(f"bench{uuid.uuid4().hex[:6]}", ttl_ms=3000, poll_interval=1.0)
        try:
            cluster.start("n1")
            cluster.wait_for(lambda: cluster.leader(["n1"]), what="n1 to lead")
            cluster.start("n2")
            cluster.start("n3")
            payload = lambda: {"library_id": str(library.uuid), "chunks": chunks(str(document.uuid))}  # noqa: E731
            for node in ("n2", "n3"):
                cluster.query(node, str(library.uuid), key, {"embedding": [1.0] * DIM, "k": 10})
            for _ in range(20):  # warm up
                submit_write("chunks_upsert", payload(), cluster=cluster.name)

            direct, leader, lag = [], [], []
            for _ in range(writes):
                started = time.perf_counter()
                services.chunks_upsert(library=library, chunks=chunks(str(document.uuid)))
                direct.append((time.perf_counter() - started) * 1000)
            for _ in range(writes):
                started = time.perf_counter()
                ack = submit_write("chunks_upsert", payload(), cluster=cluster.name)
                acked = time.perf_counter()
                leader.append((acked - started) * 1000)
                # read-your-writes on a follower: the write's version, right after the ack
                cluster.query(
                    "n2", str(library.uuid), key, {"embedding": [1.0] * DIM, "k": 10, "min_version": ack.version}
                )
                lag.append((time.perf_counter() - acked) * 1000)
            reads = {"bounded": [], "strong": []}
            for consistency, values in reads.items():
                for _ in range(writes):
                    started = time.perf_counter()
                    status, _body = cluster.query(
                        "n3",
                        str(library.uuid),
                        key,
                        {"embedding": rng.standard_normal(DIM).tolist(), "k": 10, "consistency": consistency},
                    )
                    assert status == 200
                    values.append((time.perf_counter() - started) * 1000)

            print(f"library: {library.chunks.count()} chunks of {DIM}-d (flat); {writes} writes of 3 chunks each; ms")
            print(f"write, direct service call (baseline):     {summary(direct)}")
            print(f"write through the leader (submit_write):   {summary(leader)}")
            print(f"follower read, bounded staleness:          {summary(reads['bounded'])}")
            print(f"follower read, strong (reads the version): {summary(reads['strong'])}")
            print(f"follower read with min_version after ack:  {summary(lag)}")

            # failover: kill -9 the leader and time a write submitted at once until it is acknowledged
            # (the lease must expire first); then a clean stop (the lease is released on the way out)
            current = cluster.leader(list(cluster.procs)) or "n1"
            started = time.perf_counter()
            cluster.signal(current, signal.SIGKILL)
            ack = submit_write("chunks_upsert", payload(), cluster=cluster.name, timeout=30)
            elapsed = (time.perf_counter() - started) * 1000
            print(f"failover after SIGKILL of {current} (ttl 3 s): acked by {ack.leader} after {elapsed:.0f} ms")
            current = ack.leader
            cluster.signal(current, signal.SIGTERM)
            cluster.procs[current].wait(timeout=30)
            started = time.perf_counter()
            ack = submit_write("chunks_upsert", payload(), cluster=cluster.name, timeout=30)
            elapsed = (time.perf_counter() - started) * 1000
            print(f"hand-over after a clean stop of {current}: acked by {ack.leader} after {elapsed:.0f} ms")
        finally:
            cluster.stop_all()
            keys = redis_client().keys(f"vectordb:repl:{cluster.name}:*")
            if keys:
                redis_client().delete(*keys)
