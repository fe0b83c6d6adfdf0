"""The consumer group against the real Redis: trimmed history, claims, pending entries."""

import redis as redis_lib
from django.conf import settings

from revenue.stream import RevenueStream

STREAM = "test:revenue:stream"


def client():
    return redis_lib.Redis.from_url(settings.REDIS_URL, decode_responses=True)


def redis_7(c) -> bool:
    return int(c.info("server")["redis_version"].split(".")[0]) >= 7


def test_trimmed_history_is_detected_counted_once_and_the_lag_stays_right(redis_client):
    c = client()
    stream = RevenueStream(c, stream=STREAM)
    stream.ensure_group()
    for i in range(20):
        c.xadd(STREAM, {"n": str(i)})
    first, _ = stream.read_new("c1", 5)
    assert [f["n"] for _, f in first] == ["0", "1", "2", "3", "4"]
    for i in range(20, 50):
        c.xadd(STREAM, {"n": str(i)}, maxlen=10, approximate=False)  # entries 5..39 are trimmed unread
    entries, _ = stream.read_new("c1", 100)
    assert [f["n"] for _, f in entries] == [str(i) for i in range(40, 50)]
    gaps = stream.pending_losses()
    assert len(gaps) == 1 and gaps[0].after_id == first[-1][0] and gaps[0].before_id == entries[0][0]
    if redis_7(c):
        assert gaps[0].lost == 35
        assert stream.status()["lag"] == 0
    else:
        assert gaps[0].lost is None  # Redis 6.2 cannot count them
    stream.forget_losses(gaps)
    c.xadd(STREAM, {"n": "50"}, maxlen=10, approximate=False)
    more, _ = stream.read_new("c1", 100)
    assert [f["n"] for _, f in more] == ["50"] and stream.pending_losses() == []


def test_no_loss_is_reported_when_the_group_keeps_up(redis_client):
    c = client()
    stream = RevenueStream(c, stream=STREAM)
    stream.ensure_group()
    for i in range(30):
        c.xadd(STREAM, {"n": str(i)}, maxlen=10, approximate=False)
        entries, _ = stream.read_new("c1", 100)
        assert len(entries) == 1
    assert stream.pending_losses() == []


def test_entries_left_pending_by_a_dead_consumer_are_claimed(redis_client):
    c = client()
    stream = RevenueStream(c, stream=STREAM)
    stream.ensure_group()
    ids = [c.xadd(STREAM, {"n": str(i)}) for i in range(6)]
    stream.read_new("dead", 4)
    assert stream.read_own_pending("dead", 10)[0][0] == ids[0]
    _, claimed = stream.claim_idle("alive", min_idle_ms=0, count=10)
    assert [i for i, _ in claimed] == ids[:4]
    stream.ack([i for i, _ in claimed])
    assert stream.status()["pending"] == 0
    assert stream.read_own_pending("dead", 10) == []


def test_idle_consumers_with_nothing_pending_are_forgotten(redis_client):
    c = client()
    stream = RevenueStream(c, stream=STREAM)
    stream.ensure_group()
    c.xadd(STREAM, {"n": "1"})
    stream.read_new("holder", 10)  # keeps one pending entry
    c.xgroup_createconsumer(STREAM, "revenue", "empty")
    c.xgroup_createconsumer(STREAM, "revenue", "me")
    assert stream.forget_idle_consumers(idle_ms=0, keep="me") == ["empty"]
    assert {i["name"] for i in c.xinfo_consumers(STREAM, "revenue")} == {"holder", "me"}
