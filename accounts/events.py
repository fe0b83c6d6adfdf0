"""Domain events of accounts, for apps that keep per-project state.

`project_created` is sent after the transaction that created a project commits (from
`accounts.services.project_create`, through `transaction.on_commit`), with `project_id`. Receivers
must not raise into the sender.
"""

from django.dispatch import Signal

project_created = Signal()  # kwargs: project_id: int
