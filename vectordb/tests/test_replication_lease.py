"""The leader lease against a real Redis: exclusive, renewed only by its holder, released only by
its holder, taken over after expiry with a higher fencing epoch."""

import time

import pytest

from vectordb.replication.lease import Holder, Lease


def _lease(redis_client, node_id: str, ttl_ms: int = 1000) -> Lease:
    return Lease(redis_client, key="t:lease", epoch_key="t:epoch", node_id=node_id, ttl_ms=ttl_ms)


def test_only_one_node_holds_the_lease(redis_client):
    a, b = _lease(redis_client, "a"), _lease(redis_client, "b")
    assert a.try_acquire()
    assert not b.try_acquire()
    assert a.held() and not b.held()
    assert a.current() == Holder("a", a.epoch)


def test_each_acquisition_gets_a_higher_epoch(redis_client):
    a, b = _lease(redis_client, "a"), _lease(redis_client, "b")
    assert a.try_acquire()
    first = a.epoch
    assert a.release()
    assert b.try_acquire()
    assert b.epoch > first


def test_the_epoch_starts_above_the_floor_postgres_recorded(redis_client):
    a = _lease(redis_client, "a")
    assert a.try_acquire(epoch_floor=41)
    assert a.epoch == 42


def test_renewal_extends_the_lease_past_its_first_ttl(redis_client):
    a, b = _lease(redis_client, "a", ttl_ms=400), _lease(redis_client, "b", ttl_ms=400)
    assert a.try_acquire()
    for _ in range(4):
        time.sleep(0.15)
        assert a.renew()
    assert not b.try_acquire()
    assert redis_client.pttl("t:lease") > 200


def test_an_expired_lease_is_taken_over_and_the_old_holder_cannot_renew_it(redis_client):
    a, b = _lease(redis_client, "a", ttl_ms=300), _lease(redis_client, "b", ttl_ms=300)
    assert a.try_acquire()
    time.sleep(0.4)
    assert not a.held()  # the local view expires first (safety margin)
    assert b.try_acquire()
    assert b.epoch > a.epoch
    assert not a.renew()  # compare-and-extend: the key holds b's value now
    assert a.holder is None
    assert b.current() == Holder("b", b.epoch)
    assert redis_client.pttl("t:lease") > 0


def test_release_only_deletes_the_lease_of_its_holder(redis_client):
    a, b = _lease(redis_client, "a", ttl_ms=300), _lease(redis_client, "b", ttl_ms=300)
    assert a.try_acquire()
    time.sleep(0.4)
    assert b.try_acquire()
    assert not a.release()  # a's lease expired: it must not delete b's
    assert b.current().node_id == "b"
    assert b.release()
    assert b.current() is None
    assert a.try_acquire()  # released: taken at once, no waiting for a ttl


def test_a_node_id_with_the_separator_is_refused(redis_client):
    with pytest.raises(ValueError):
        _lease(redis_client, "a|b")
