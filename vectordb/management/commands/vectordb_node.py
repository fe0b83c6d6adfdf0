"""`manage.py vectordb_node --node-id n1 --port 8010`: one vectordb index node (see vectordb/README.md,
"Replication"): serves reads from its replicas, follows the change feed, and leads when it holds the lease."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from vectordb.replication.keys import DEFAULT_CLUSTER, valid_cluster


class Command(BaseCommand):
    help = "Run a vectordb index node (reads from in-memory replicas; leader election over a Redis lease)."
    # No system checks at start (`manage.py check` and CI run them): they import the web URL conf,
    # which a node does not serve, ~0.2 s of CPU before its first answer (vectordb/README.md, "Cold start").
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("--node-id", required=True, help="Unique name of this node in the cluster.")
        parser.add_argument("--port", type=int, required=True)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--cluster", default=DEFAULT_CLUSTER, help="Nodes of one cluster share a lease and a write stream."
        )
        parser.add_argument(
            "--lease-ttl-ms", type=int, default=3000, help="Leader lease; failover takes about this long."
        )
        parser.add_argument(
            "--poll-interval", type=float, default=1.0, help="Seconds between version polls (staleness bound)."
        )

    def handle(self, *args, **options) -> None:
        from vectordb.replication.node import serve

        node_id = options["node_id"]
        if not node_id or "|" in node_id or len(node_id) > 100:
            raise CommandError("--node-id: 1 to 100 characters, no '|'")
        if not valid_cluster(options["cluster"]):
            raise CommandError("--cluster: letters, digits, '-', '_' or '.'")
        if options["lease_ttl_ms"] < 300 or options["poll_interval"] <= 0:
            raise CommandError("--lease-ttl-ms must be at least 300 and --poll-interval positive")
        from vectordb.warmup import start_jit_warmup

        start_jit_warmup()  # the compiled search loads in the background while the node starts
        serve(
            node_id=node_id,
            cluster=options["cluster"],
            host=options["host"],
            port=options["port"],
            lease_ttl_ms=options["lease_ttl_ms"],
            poll_interval=options["poll_interval"],
        )
