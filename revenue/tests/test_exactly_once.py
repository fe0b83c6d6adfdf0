"""Exactly once with real consumer processes on Postgres and Redis: kill -9 and restart, two
consumers at once, a dead consumer's pending entries claimed by another, SIGTERM mid-stream."""

import random
import signal
from decimal import Decimal

import pytest
from django.db.models import Sum

from fleet.selectors import machine_regions
from fleet.services import fleet_seed
from revenue.models import MachineRevenue, ProcessedEntry, RegionRevenue, RevenueTotals
from revenue.services import revenue_batch_apply
from revenue.stream import RevenueStream
from revenue.tests.support import consumer, produce, wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
STREAM = "test:revenue:once"


@pytest.fixture
def machines(redis_client):
    fleet_seed(count=40, seed=5)
    return machine_regions()


def applied() -> int:
    return ProcessedEntry.objects.count()


def assert_exact(expected_total: Decimal, expected_count: int, redis_client) -> None:
    totals = RevenueTotals.objects.get(stream=STREAM)
    assert (totals.total, totals.count) == (expected_total, expected_count)
    # every breakdown adds up to the same grand total
    assert MachineRevenue.objects.aggregate(s=Sum("total"))["s"] == expected_total
    assert RegionRevenue.objects.aggregate(s=Sum("count"))["s"] == expected_count
    assert ProcessedEntry.objects.count() == expected_count
    assert redis_client.xpending(STREAM, "revenue")["pending"] == 0


def finish(proc, timeout: float = 90) -> str:
    out, _ = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, out
    return out


def test_kill_9_at_random_moments_then_restart_counts_every_entry_once(machines, redis_client):
    expected = produce(redis_client, STREAM, machines, 6000)
    rng = random.Random(7)
    for round_ in range(3):
        proc = consumer(STREAM, "--name", "c1", "--batch", "25")
        target = applied() + rng.randint(150, 900)
        assert wait_until(lambda t=target, p=proc: applied() >= t or p.poll() is not None), f"round {round_} stalled"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finish(consumer(STREAM, "--name", "c1", "--exit-when-idle", "1.5"))
    assert_exact(expected, 6000, redis_client)


def test_two_consumers_at_once_count_every_entry_once(machines, redis_client):
    RevenueStream(redis_client, stream=STREAM).ensure_group()
    first = consumer(STREAM, "--name", "a", "--batch", "20", "--exit-when-idle", "3")
    second = consumer(STREAM, "--name", "b", "--batch", "20", "--exit-when-idle", "3")
    assert wait_until(lambda: len(redis_client.xinfo_consumers(STREAM, "revenue")) == 2)
    expected = produce(redis_client, STREAM, machines, 5000)
    outputs = [finish(first), finish(second)]
    assert_exact(expected, 5000, redis_client)
    assert all("applied 0)" not in out for out in outputs), outputs  # both did part of the work


def test_a_dead_consumers_pending_entries_are_claimed_and_finished_once(machines, redis_client):
    expected = produce(redis_client, STREAM, machines, 1200)
    stream = RevenueStream(redis_client, stream=STREAM)
    stream.ensure_group()
    taken, _ = stream.read_new("ghost", 500)  # delivered to "ghost", which then died...
    from fleet.selectors import existing_machine_ids

    revenue_batch_apply(  # ...after committing its first 200 but before acknowledging them
        stream=STREAM, entries=taken[:200], known_machines=lambda ids: existing_machine_ids(ids=ids)
    )
    assert redis_client.xpending(STREAM, "revenue")["pending"] == 500
    out = finish(consumer(STREAM, "--name", "alive", "--claim-idle-ms", "100", "--exit-when-idle", "1.5"))
    assert_exact(expected, 1200, redis_client)
    assert "applied 1000" in out  # 300 claimed from the ghost + 700 never delivered; the 200 were skipped


def test_sigterm_finishes_the_batch_and_exits_cleanly(machines, redis_client):
    expected = produce(redis_client, STREAM, machines, 6000)
    proc = consumer(STREAM, "--name", "t", "--batch", "25")
    assert wait_until(lambda: applied() >= 300 or proc.poll() is not None)
    proc.send_signal(signal.SIGTERM)
    out = finish(proc, timeout=30)
    assert "stopped cleanly" in out
    assert redis_client.xpending(STREAM, "revenue")["pending"] == 0  # nothing half done
    assert applied() < 6000
    finish(consumer(STREAM, "--name", "t", "--exit-when-idle", "1.5"))
    assert_exact(expected, 6000, redis_client)
