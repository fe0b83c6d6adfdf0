"""The per-process classification outbox, without a database."""

import threading

from threads.outbox import Outbox


def test_it_publishes_every_item_in_order_from_its_own_thread():
    seen = []
    outbox = Outbox(lambda item: seen.append((item, threading.current_thread().name)))
    for item in range(100):
        assert outbox.submit(item)
    assert outbox.flush(timeout=10)
    assert [item for item, _ in seen] == list(range(100))
    assert {name for _, name in seen} == {"classification-outbox"}


def test_a_failing_publish_does_not_stop_the_outbox():
    seen = []

    def publish(item):
        if item == 1:
            raise ConnectionError("broker down")
        seen.append(item)

    outbox = Outbox(publish)
    for item in range(3):
        outbox.submit(item)
    assert outbox.flush(timeout=10)
    assert seen == [0, 2]


def test_when_full_it_drops_items_instead_of_blocking_the_request():
    release = threading.Event()
    outbox = Outbox(lambda item: release.wait(10), max_pending=2)
    results = [outbox.submit(i) for i in range(5)]
    release.set()
    assert outbox.flush(timeout=10)
    assert results[-1] is False
    assert results.count(True) <= 3  # one being published, two waiting
