"""Parsing stream entries and summing batches, without a database."""

import uuid
from decimal import Decimal

import pytest

from revenue.aggregation import aggregate, minute_of
from revenue.validation import Rejected, Sale, decode_fields, parse_entry, parse_stream_id

NOW = 1_800_000_000_000
MACHINE = str(uuid.uuid4())
GOOD = {"machine_id": MACHINE, "region": "NY", "item": "Cola", "amount": "2.50", "ts": str(NOW)}


def test_a_good_entry_becomes_a_sale_with_a_decimal_amount():
    sale = parse_entry("1-0", GOOD, now_ms=NOW)
    assert isinstance(sale, Sale)
    assert sale.amount == Decimal("2.50") and sale.machine_id == uuid.UUID(MACHINE)
    assert parse_entry("1-0", {**GOOD, "amount": "3"}, now_ms=NOW).amount == Decimal("3.00")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"amount": None}, "missing field(s): amount"),
        ({"machine_id": ""}, "missing field(s): machine_id"),
        ({"amount": "two"}, "amount is not a number"),
        ({"amount": "-1.00"}, "amount is negative"),
        ({"amount": "NaN"}, "not a finite number"),
        ({"amount": "Infinity"}, "not a finite number"),
        ({"amount": "1.005"}, "fractions of a cent"),
        ({"amount": "1e9"}, "implausibly large"),
        ({"machine_id": "machine-7"}, "machine_id is not a UUID"),
        ({"ts": "yesterday"}, "ts is not epoch milliseconds"),
        ({"ts": "12"}, "ts is out of range"),
        ({"region": "N1"}, "region is not a state code"),
        ({"item": "x" * 101}, "item is longer"),
    ],
)
def test_it_rejects_bad_entries_with_a_reason(change, reason):
    fields = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    result = parse_entry("7-1", fields, now_ms=NOW)
    assert isinstance(result, Rejected)
    assert reason in result.reason
    assert result.fields == fields and result.stream_id == "7-1"


def test_bytes_fields_are_decoded_leniently():
    assert decode_fields({b"item": b"Cola\xff"}) == {"item": "Cola\ufffd"}


def test_a_batch_is_summed_per_machine_region_product_and_minute():
    other = str(uuid.uuid4())
    sales = [
        parse_entry("1-0", GOOD, now_ms=NOW),
        parse_entry("1-1", {**GOOD, "amount": "1.25", "item": "Gum"}, now_ms=NOW),
        parse_entry("1-2", {**GOOD, "machine_id": other, "region": "TX", "ts": str(NOW + 60_000)}, now_ms=NOW),
    ]
    agg = aggregate(sales)
    assert agg.total == Decimal("6.25") and agg.count == 3
    assert agg.machines[uuid.UUID(MACHINE)].total == Decimal("3.75")
    assert agg.regions["TX"].total == Decimal("2.50")
    assert agg.products["Gum"].count == 1
    assert agg.minutes[minute_of(NOW)].count == 2
    assert agg.last_ms == NOW + 60_000


def test_stream_ids_map_onto_signed_bigints_one_to_one():
    assert parse_stream_id("1790000000000-3") == (1_790_000_000_000, 3)
    top = parse_stream_id("5-18446744073709551615")
    assert top == (5, -1) and parse_stream_id("5-9223372036854775807") == (5, 2**63 - 1)
