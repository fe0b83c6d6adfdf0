"""The ASGI app as it was before the one-hop handler (the baseline of `bench_vectordb_http`).

Django's handler with the middleware chain built sync and entered in one `sync_to_async` (the
previous `config.asgi.SyncChainASGIHandler`), but Django's own `handle`: the `request_started`
signal and the response's close in hops of their own, and a new thread for every request.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DB_POOL_MAX_SIZE", "8")

import django
from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIHandler

django.setup(set_prefix=False)


class PreviousHandler(ASGIHandler):
    def load_middleware(self, is_async: bool = False) -> None:
        super().load_middleware(is_async=False)
        self._middleware_chain = sync_to_async(self._middleware_chain, thread_sensitive=True)


from core.body_limits import BodyLimitMiddleware  # noqa: E402

application = BodyLimitMiddleware(PreviousHandler())
