"""Applying batches exactly once, on the test database (SQLite or Postgres)."""

import uuid
from decimal import Decimal

import pytest

from fleet.tests.factories import MachineFactory
from revenue import selectors
from revenue.models import DeadLetter, MachineRevenue, ProcessedEntry, RevenueTotals
from revenue.services import processed_entries_prune, revenue_batch_apply, trim_loss_record

pytestmark = pytest.mark.django_db
STREAM = "test:revenue"


def known(ids):
    from fleet.selectors import existing_machine_ids

    return existing_machine_ids(ids=ids)


def entry(stream_id, machine, amount="2.00", item="Cola", region="NY", ts=1_790_000_000_000):
    return stream_id, {"machine_id": str(machine), "region": region, "item": item, "amount": amount, "ts": str(ts)}


def totals():
    row = RevenueTotals.objects.get(stream=STREAM)
    return row.total, row.count


def test_a_batch_updates_every_aggregate():
    a, b = MachineFactory(), MachineFactory(region="TX")
    outcome = revenue_batch_apply(
        stream=STREAM,
        entries=[
            entry("1-0", a.id, "2.00"),
            entry("1-1", a.id, "1.25", "Gum"),
            entry("2-0", b.id, "3.50", region="TX"),
        ],
        known_machines=known,
    )
    assert (outcome.read, outcome.applied, outcome.dead, outcome.duplicates) == (3, 3, 0, 0)
    assert totals() == (Decimal("6.75"), 3)
    assert MachineRevenue.objects.get(pk=a.id).total == Decimal("3.25")
    assert {r["region"]: r["total"] for r in selectors.regions()} == {"NY": "3.25", "TX": "3.50"}
    assert {p["product"] for p in selectors.products()} == {"Cola", "Gum"}
    assert outcome.changes["totals"]["total"] == "6.75"
    top = selectors.top_machines(top=1)[0]
    assert top["name"] == b.name and top["total"] == "3.50"


def test_redelivered_entries_are_not_counted_twice():
    machine = MachineFactory()
    batch = [entry(f"10-{i}", machine.id, "1.10") for i in range(5)]
    revenue_batch_apply(stream=STREAM, entries=batch, known_machines=known)
    again = revenue_batch_apply(
        stream=STREAM, entries=[*batch[2:], entry("11-0", machine.id, "0.90")], known_machines=known
    )
    assert again.duplicates == 3 and again.applied == 1
    assert totals() == (Decimal("6.40"), 6)
    assert ProcessedEntry.objects.count() == 6


def test_bad_entries_become_dead_letters_once_and_do_not_stop_the_batch():
    machine = MachineFactory()
    batch = [
        entry("20-0", machine.id, "-2.00"),
        entry("20-1", uuid.uuid4()),
        ("20-2", {"machine_id": str(machine.id), "amount": "1.00"}),
        entry("20-3", machine.id, "4.00"),
    ]
    outcome = revenue_batch_apply(stream=STREAM, entries=batch, known_machines=known)
    revenue_batch_apply(stream=STREAM, entries=batch, known_machines=known)
    assert (outcome.applied, outcome.dead) == (1, 3)
    assert totals() == (Decimal("4.00"), 1)
    reasons = dict(DeadLetter.objects.values_list("stream_id", "reason"))
    assert reasons["20-0"].startswith("amount is negative")
    assert reasons["20-1"].startswith("unknown machine")
    assert reasons["20-2"].startswith("missing field(s): region, item, ts")
    assert DeadLetter.objects.get(stream_id="20-2").fields == {"machine_id": str(machine.id), "amount": "1.00"}
    assert RevenueTotals.objects.get(stream=STREAM).dead_letters == 3


def test_entries_trimmed_before_they_were_applied_count_as_gone():
    machine = MachineFactory()
    revenue_batch_apply(stream=STREAM, entries=[entry("30-0", machine.id)], known_machines=known)
    outcome = revenue_batch_apply(stream=STREAM, entries=[("30-0", None), ("30-1", None)], known_machines=known)
    assert outcome.gone == 1 and outcome.ids == ["30-0", "30-1"]


def test_losses_are_recorded_once_per_gap_and_summarised():
    assert trim_loss_record(after_id="5-0", before_id="9-0", lost=40)
    assert not trim_loss_record(after_id="5-0", before_id="9-0", lost=40)
    trim_loss_record(after_id="12-0", before_id="13-0", lost=None)
    assert selectors.losses() == {"entries_lost": 40, "trim_gaps": 2, "uncounted_gaps": 1}


def test_ids_older_than_the_stream_are_pruned():
    machine = MachineFactory()
    revenue_batch_apply(
        stream=STREAM, entries=[entry("100-0", machine.id), entry("200-0", machine.id)], known_machines=known
    )
    assert processed_entries_prune(before_ms=150) == 1
    assert list(ProcessedEntry.objects.values_list("ms", flat=True)) == [200]


def test_an_entry_with_nul_bytes_is_dead_lettered_without_blocking_the_stream():
    machine = MachineFactory()
    poison = ("40-0", {"machine_id": "bad\x00id", "region": "N\x00Y", "item": "Co\x00la", "amount": "1", "ts": "1"})
    outcome = revenue_batch_apply(stream=STREAM, entries=[poison, entry("40-1", machine.id)], known_machines=known)
    assert (outcome.applied, outcome.dead) == (1, 1)
    letter = DeadLetter.objects.get(stream_id="40-0")
    assert letter.fields["machine_id"] == "bad\ufffdid" and "\x00" not in letter.reason
