"""ASGI entry point: HTTP through Django, websockets through Channels (session auth)."""

import asyncio
import os

import django
from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Bounded Postgres connections by default under ASGI: each web process keeps a psycopg pool of 8
# (ASGI runs each request's sync code in a fresh thread, so per-thread connections would pile up).
# DB_POOL_MAX_SIZE=0 turns it off; it only applies to Postgres.
os.environ.setdefault("DB_POOL_MAX_SIZE", "8")
django.setup(set_prefix=False)

from django.conf import settings  # noqa: E402  (after setup)
from django.db import close_old_connections  # noqa: E402

from vectordb.warmup import start_jit_warmup  # noqa: E402  (needs settings)

start_jit_warmup()  # the compiled vector search loads in the background while uvicorn starts


class SyncChainASGIHandler(ASGIHandler):
    """Django's ASGI handler, with the middleware chain and views run in ONE thread hop.

    The stock handler builds an async middleware chain; every `MiddlewareMixin` middleware then
    runs each of its hooks through its own `sync_to_async`, and the sync views through another:
    about 30 thread hops per request, which measured ~2.5 ms of a 2.7 ms `GET /api/clicks/` on this
    2-core machine. All our middleware and views are sync, so the chain is built sync (as under
    WSGI) and entered once from the event loop: the same request cost fell to ~1.3 ms. Async views
    would still work (Django runs them with `async_to_sync`), just without the benefit.
    """

    def load_middleware(self, is_async: bool = False) -> None:
        super().load_middleware(is_async=False)
        sync_chain = self._middleware_chain

        def run_and_release(request):
            # The database connection goes back to the pool as soon as the view is done (in the
            # request's own thread), not after the response has been sent to a possibly slow
            # client: connections are held only inside an admission slot. A streaming response that
            # queries later takes a connection again; request_finished returns it as usual.
            try:
                return sync_chain(request)
            finally:
                close_old_connections()

        chain = sync_to_async(run_and_release, thread_sensitive=True)
        limit = settings.WEB_CONCURRENT_REQUESTS
        if limit <= 0:
            self._middleware_chain = chain
            return
        # Admission: at most `limit` requests run their sync code at once (as many as the process's
        # Postgres pool has connections); the others wait here, on the event loop, at no cost. So a
        # request never waits for a pool connection behind another request's thread, and the pool
        # timeout (DB_POOL_TIMEOUT, 1.5 s) only ever fires when Postgres is really unreachable: busy
        # is queued, down is a 503. Bodies are read before this point, so slow clients hold no slot.
        slots = asyncio.Semaphore(limit)

        async def admitted(request):
            async with slots:
                return await chain(request)

        self._middleware_chain = admitted


django_asgi_app = SyncChainASGIHandler()

from channels.auth import AuthMiddlewareStack  # noqa: E402  (needs the app registry)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from config.routing import websocket_urlpatterns  # noqa: E402
from core.body_limits import BodyLimitMiddleware  # noqa: E402  (reads settings)
from core.websockets import RejectUnknownRoutes  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": BodyLimitMiddleware(django_asgi_app),
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(RejectUnknownRoutes(URLRouter(websocket_urlpatterns)))
        ),
    }
)
