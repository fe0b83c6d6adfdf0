"""Domain events of the fleet, for other apps that keep derived state (e.g. the search index).

`machines_changed` is sent after the transaction that changed machines commits (fleet services
send it through `transaction.on_commit`), with `machine_ids`: the ids of machines whose inventory,
status, location or existence changed. Receivers re-read what they need through fleet selectors;
they must cope with long lists (bulk inserts, seeding) and must not raise into the sender.
`fleet_reset` is sent when the whole fleet was replaced (seed with --reset): rebuild from scratch.
"""

from django.dispatch import Signal

machines_changed = Signal()  # kwargs: machine_ids: list[uuid.UUID]
fleet_reset = Signal()
