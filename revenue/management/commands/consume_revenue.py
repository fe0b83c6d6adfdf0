"""`manage.py consume_revenue`: the sales stream -> exactly-once aggregates in Postgres -> live push.

One process = one consumer of the `revenue` group (run as many as needed). Each loop: take back
this consumer's own unacknowledged entries after a crash or an outage, claim entries that dead
consumers left pending, read new entries (detecting trimmed history atomically), apply each batch in
one transaction, acknowledge after commit, push the changes (coalesced). Redis or Postgres down:
back off and retry, losing nothing. SIGTERM/SIGINT: finish the batch, commit, acknowledge, exit 0.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import time
from concurrent.futures import Future, ThreadPoolExecutor

import redis as redis_lib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, InterfaceError, close_old_connections, connection

from fleet.salestream import STREAM_KEY
from revenue.live import KnownMachines, LivePusher
from revenue.services import (
    BatchOutcome,
    ParsedBatch,
    processed_entries_prune,
    revenue_batch_apply,
    revenue_batch_parse,
    trim_loss_record,
)
from revenue.stream import GROUP, Entry, RevenueStream

logger = logging.getLogger("revenue.consumer")
OUTAGES = (redis_lib.ConnectionError, redis_lib.TimeoutError, redis_lib.BusyLoadingError, DatabaseError, InterfaceError)
PRUNE_EVERY_SECONDS = 600
IDLE_CONSUMER_MS = 24 * 3600 * 1000  # consumers idle a day with nothing pending are removed from the group


class Command(BaseCommand):
    help = "Consume the sales stream into the revenue aggregates, exactly once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--stream", default=STREAM_KEY)
        parser.add_argument("--group", default=GROUP)
        parser.add_argument("--name", default="", help="consumer name (default: host-pid); reuse it to resume")
        parser.add_argument("--batch", type=int, default=5000, help="entries per read and transaction")
        parser.add_argument("--block-ms", type=int, default=1000, help="longest wait for new entries")
        parser.add_argument("--claim-idle-ms", type=int, default=30_000, help="claim others' entries idle this long")
        parser.add_argument("--claim-every", type=float, default=10.0, help="seconds between claim sweeps")
        parser.add_argument("--push-interval", type=float, default=0.25, help="at most one live push this often")
        parser.add_argument("--exit-when-idle", type=float, default=0.0, help="exit after this many idle seconds")
        parser.add_argument("--no-push", action="store_true", help="do not push live updates")
        parser.add_argument(
            "--no-read-ahead", action="store_true", help="read the next batch only after the current one is written"
        )

    def handle(self, *args, **opts) -> None:
        if not 1 <= opts["batch"] <= 50_000:
            raise CommandError("--batch must be between 1 and 50,000.")
        self.opts = opts
        self.name = opts["name"] or f"{socket.gethostname()}-{os.getpid()}"
        self.stop = False
        previous = {sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
        client = redis_lib.Redis.from_url(
            settings.REDIS_URL,
            socket_timeout=10,
            socket_connect_timeout=5,
            decode_responses=True,
            encoding_errors="replace",  # a producer's stray bytes become a dead letter, not a crash
        )
        self.stream = RevenueStream(client, stream=opts["stream"], group=opts["group"])
        self.known = KnownMachines()
        self.pusher = None if opts["no_push"] else LivePusher(interval=opts["push_interval"])
        self.applied = self.read = 0
        # One thread reads and parses the next batch while this one writes the current batch to Postgres.
        self.reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="revenue-read-ahead")
        self.ahead: Future | None = None
        logger.info("consumer %s of group %s on %s starting", self.name, opts["group"], opts["stream"])
        try:
            self.run()
            self.finish_read_ahead()
            self.reader.shutdown(wait=True)
            if not opts["name"]:  # a throwaway host-pid name: leave the group tidy if nothing is pending
                self._leave_group()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        logger.info("consumer %s stopped: read %d entries, applied %d sales", self.name, self.read, self.applied)
        self.stdout.write(f"consumer {self.name} stopped cleanly (read {self.read}, applied {self.applied})")

    def _leave_group(self) -> None:
        try:
            for info in self.stream.redis.xinfo_consumers(self.stream.stream, self.stream.group):
                if info.get("name") == self.name and info.get("pending", 0) == 0:
                    self.stream.redis.xgroup_delconsumer(self.stream.stream, self.stream.group, self.name)
        except redis_lib.RedisError as exc:
            logger.warning("could not leave the consumer group: %s", exc)

    def _on_signal(self, signum, frame) -> None:
        logger.info("signal %s: finishing the current batch, then exiting", signum)
        self.stop = True

    # --- the loop ------------------------------------------------------------------------------

    def run(self) -> None:
        backoff = 0.5
        recover = True  # on start and after every failure: first finish what was delivered to us
        next_claim = next_prune = 0.0
        idle_since = time.monotonic()
        while not self.stop:
            try:
                if recover:
                    self.stream.ensure_group()
                    self.record_losses()
                    self.drain_own_pending()
                    recover = False
                now = time.monotonic()
                if now >= next_claim:
                    self.claim_abandoned()
                    next_claim = now + self.opts["claim_every"]
                if now >= next_prune:
                    self.prune()
                    next_prune = now + PRUNE_EVERY_SECONDS
                future, self.ahead = self.ahead or self.reader.submit(self._read_and_parse), None
                batch, last_id = future.result()
                if batch:
                    if not self.stop and not self.opts["no_read_ahead"]:
                        self.ahead = self.reader.submit(self._read_and_parse)
                    self.process(parsed=batch)
                    idle_since = time.monotonic()
                else:
                    if self.stream.redis.exists(self.stream.losses_key):
                        self.record_losses()
                    if self.opts["exit_when_idle"] and time.monotonic() - idle_since >= self.opts["exit_when_idle"]:
                        break
                    self.flush_push()
                    wait = self.opts["block_ms"] / 1000
                    if self.pusher:
                        wait = min(wait, max(self.pusher.seconds_until_due(), 0.01))
                    self.stream.wait_for_entries(last_id, int(wait * 1000))
                self.flush_push()
                backoff = 0.5
            except OUTAGES as exc:
                logger.warning("outage (%s: %s); retrying in %.1f s", type(exc).__name__, exc, backoff)
                self.settle_read_ahead()  # what it read is pending for us: recovery re-reads it
                close_old_connections()
                connection.close()
                self.sleep(backoff)
                backoff = min(backoff * 2, 30.0)
                recover = True

    def _read_and_parse(self) -> tuple[ParsedBatch | None, str]:
        entries, last_id = self.stream.read_new(self.name, self.opts["batch"])
        return (revenue_batch_parse(entries=entries) if entries else None), last_id

    def settle_read_ahead(self) -> None:
        if self.ahead is not None:
            try:
                self.ahead.result()
            except Exception as exc:  # an outage there too; recovery handles it
                logger.debug("read-ahead failed: %s", exc)
            self.ahead = None

    def finish_read_ahead(self) -> None:
        """On the way out: apply a batch that was already read ahead (or leave it pending on failure)."""
        if self.ahead is None:
            return
        future, self.ahead = self.ahead, None
        try:
            batch, _ = future.result()
            if batch:
                self.process(parsed=batch)
        except OUTAGES as exc:
            logger.warning("left a read-ahead batch pending for %s (%s); it is re-read on restart", self.name, exc)

    def process(self, entries: list[Entry] | None = None, parsed: ParsedBatch | None = None) -> BatchOutcome:
        outcome = revenue_batch_apply(
            stream=self.opts["stream"], entries=entries, parsed=parsed, known_machines=self.known
        )
        self.stream.ack(outcome.ids)  # only after the commit
        self.read += outcome.read
        self.applied += outcome.applied
        if outcome.dead:
            logger.warning("%d bad entries dead-lettered", outcome.dead)
        if outcome.gone:
            trim_loss_record(after_id=f"pending:{outcome.ids[0]}", before_id=outcome.ids[-1], lost=outcome.gone)
            logger.warning("%d pending entries were trimmed away before they could be applied", outcome.gone)
        if self.pusher:
            self.pusher.add(outcome)
        return outcome

    def drain_own_pending(self) -> None:
        after = "0"
        while not self.stop:
            entries = self.stream.read_own_pending(self.name, self.opts["batch"], after=after)
            if not entries:
                return
            logger.info("re-applying %d entries delivered to %s before a restart or outage", len(entries), self.name)
            self.process(entries)
            after = entries[-1][0]

    def claim_abandoned(self) -> None:
        start = "0-0"
        for _ in range(100):
            start, entries = self.stream.claim_idle(
                self.name, min_idle_ms=self.opts["claim_idle_ms"], count=self.opts["batch"], start=start
            )
            if entries:
                logger.info("claimed %d entries another consumer left pending", len(entries))
                self.process(entries)
            if start in ("0-0", "0") or self.stop:
                return

    def record_losses(self) -> None:
        gaps = self.stream.pending_losses()
        for gap in gaps:
            if trim_loss_record(after_id=gap.after_id, before_id=gap.before_id, lost=gap.lost):
                logger.error(
                    "history trimmed before it was read: %s entries lost between %s and %s",
                    gap.lost if gap.lost is not None else "an unknown number of",
                    gap.after_id,
                    gap.before_id,
                )
        self.stream.forget_losses(gaps)

    def prune(self) -> None:
        first_ms = self.stream.first_entry_ms()
        if first_ms:
            processed_entries_prune(before_ms=first_ms)
        gone = self.stream.forget_idle_consumers(idle_ms=IDLE_CONSUMER_MS, keep=self.name)
        if gone:
            logger.info("removed %d idle consumers with nothing pending: %s", len(gone), ", ".join(gone))

    def flush_push(self) -> None:
        if self.pusher:
            self.pusher.flush()

    def sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stop and time.monotonic() < deadline:
            time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))
