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
    """Deterministic: the publisher holds item 0 until the test releases it, and the test waits until it
    has it, so exactly two more fit (max_pending=2) and the rest are dropped. The submits run in their own
    thread: if a full outbox blocked, they would wait for a release that only comes after them, and the
    test fails on the `submitted` wait instead of hanging."""
    publishing, release = threading.Event(), threading.Event()
    seen = []

    def publish(item):
        seen.append(item)
        publishing.set()
        release.wait()

    outbox = Outbox(publish, max_pending=2)
    assert outbox.submit(0)
    assert publishing.wait(timeout=10)  # item 0 is in the publisher's hands: the queue is empty again
    results, submitted = [], threading.Event()
    submitter = threading.Thread(
        target=lambda: (results.extend(outbox.submit(i) for i in range(1, 6)), submitted.set())
    )
    submitter.start()
    try:
        assert submitted.wait(timeout=10), "submit blocked on a full outbox"
    finally:
        release.set()
    assert outbox.flush(timeout=10)
    assert results == [True, True, False, False, False]
    assert seen == [0, 1, 2]
