"""`consume_revenue` in this process (works on SQLite and Postgres)."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from fleet.tests.factories import MachineFactory
from revenue.models import DeadLetter, RevenueTotals
from revenue.tests.support import produce

pytestmark = pytest.mark.django_db
STREAM = "test:revenue:cmd"


def test_the_consumer_applies_the_stream_and_dead_letters_bad_entries(redis_client):
    machines = [(m.id, m.region) for m in MachineFactory.create_batch(5)]
    expected = produce(redis_client, STREAM, machines, 250)
    redis_client.xadd(STREAM, {"machine_id": str(machines[0][0]), "region": "NY", "item": "Cola", "amount": "abc"})
    redis_client.xadd(STREAM, {"hello": "world"})
    call_command("consume_revenue", "--stream", STREAM, "--exit-when-idle", "0.3", "--no-push", "--batch", "40")
    totals = RevenueTotals.objects.get(stream=STREAM)
    assert (totals.total, totals.count) == (expected, 250)
    assert DeadLetter.objects.count() == 2 and totals.dead_letters == 2
    assert redis_client.xpending(STREAM, "revenue")["pending"] == 0
    call_command("consume_revenue", "--stream", STREAM, "--exit-when-idle", "0.2", "--no-push")
    assert RevenueTotals.objects.get(stream=STREAM).total == expected


def test_a_bad_batch_size_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("consume_revenue", "--batch", "0")
    assert Decimal("0") == sum(t.total for t in RevenueTotals.objects.all())
