"""ASGI entry point: HTTP through Django, websockets through Channels (session auth)."""

import asyncio
import contextlib
import os
from concurrent.futures import ThreadPoolExecutor

import django
from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.core import signals
from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler, get_script_prefix
from django.http import HttpResponseBase
from django.urls import set_script_prefix, set_urlconf
from django.utils.log import log_response

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

    `handle` goes further: the stock one also hops to a thread for the `request_started` signal,
    and creates two tasks to watch for a disconnect while the view runs (a sync view cannot be
    cancelled anyway). Here the signal and the chain run in one hop, the response is sent from the
    event loop, then `response.close()` (`request_finished`) runs in a second hop, after the answer
    is out, as Django does (closing before sending measured slower for a keep-alive client). The
    database connection itself goes back to the pool before the answer is sent, at the end of the
    first hop (in the request's own thread), so a slow client holds no connection. Streaming
    responses are sent as Django sends them, watching for the client's disconnect.

    Admission (`WEB_CONCURRENT_REQUESTS`): at most that many requests run their first hop at once
    (as many as the process's Postgres pool has connections); the others wait on the event loop,
    at no cost. So a request never waits for a pool connection behind another request's thread,
    and the pool timeout (DB_POOL_TIMEOUT, 1 s) only ever fires when Postgres is really
    unreachable: busy is queued, down is a 503. Bodies are read before admission, so slow clients
    hold no slot. 0 turns admission off.

    And the thread is not new: Django gives every request a fresh one-thread executor (its
    `ThreadSensitiveContext`), so each request starts an OS thread and waits for it to be scheduled,
    which measured ~1-4 ms a request on this loaded 2-core machine. Here a request takes an idle
    one-thread executor kept from an earlier request (or a new one when all are busy, so requests
    still run in parallel as before), and gives it back after: still one thread per request for
    all its thread-sensitive code, as Django requires, but a warm one. Up to `KEEP_THREADS` idle
    threads are kept (each holds at most one pooled database connection between requests).
    """

    KEEP_THREADS = 8

    def __init__(self) -> None:
        super().__init__()
        self._idle: list[ThreadPoolExecutor] = []  # touched only from the event loop's thread

    async def __call__(self, scope: dict, receive, send) -> None:
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        executor = self._idle.pop() if self._idle else ThreadPoolExecutor(1, thread_name_prefix="django-request")
        try:
            async with ThreadSensitiveContext(executor=executor):
                await self.handle(scope, receive, send)
        finally:
            if len(self._idle) < self.KEEP_THREADS:
                self._idle.append(executor)
            else:
                executor.shutdown(wait=False)

    def load_middleware(self, is_async: bool = False) -> None:
        super().load_middleware(is_async=False)
        self._sync_chain = self._middleware_chain
        self._middleware_chain = sync_to_async(self._middleware_chain, thread_sensitive=True)
        self._serve = sync_to_async(self._serve_sync, thread_sensitive=True)
        self._close = sync_to_async(self._close_sync, thread_sensitive=True)
        limit = settings.WEB_CONCURRENT_REQUESTS
        self._slots = asyncio.Semaphore(limit) if limit > 0 else None

    @staticmethod
    def _close_sync(response: HttpResponseBase) -> None:
        response.close()

    def _serve_sync(self, scope: dict, body_file) -> HttpResponseBase:
        try:
            signals.request_started.send(sender=self.__class__, scope=scope)
            request, response = self.create_request(scope, body_file)
            if request is not None:  # BaseHandler.get_response, with the sync chain
                set_urlconf(settings.ROOT_URLCONF)
                response = self._sync_chain(request)
                response._resource_closers.append(request.close)
                if response.status_code >= 400:
                    log_response("%s: %s", response.reason_phrase, request.path, response=response, request=request)
                response._handler_class = self.__class__
            return response
        finally:
            # The database connection goes back to the pool as soon as the view is done, not after
            # the response has been sent to a possibly slow client: connections are held only inside
            # an admission slot. A streaming response that queries later takes a connection again;
            # request_finished returns it as usual.
            close_old_connections()

    async def _admitted_serve(self, scope: dict, body_file) -> HttpResponseBase:
        if self._slots is None:
            return await self._serve(scope, body_file)
        async with self._slots:
            return await self._serve(scope, body_file)

    async def handle(self, scope: dict, receive, send) -> None:
        try:
            body_file = await self.read_body(receive)
        except RequestAborted:
            return
        set_script_prefix(get_script_prefix(scope))
        try:
            response = await self._admitted_serve(scope, body_file)
            if not response.streaming:
                try:
                    await self.send_response(response, send)
                finally:  # after the answer is out (request_finished)
                    await self._close(response)
                return
            await self._stream(response, receive, send)
        finally:
            body_file.close()

    async def _stream(self, response: HttpResponseBase, receive, send) -> None:
        """Send a streaming response, stopping when the client disconnects (as Django does)."""
        tasks = [
            asyncio.create_task(self.listen_for_disconnect(receive)),
            asyncio.create_task(self.send_response(response, send)),
        ]
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in tasks:
            if task.done():
                with contextlib.suppress(RequestAborted, asyncio.CancelledError):
                    task.result()
            else:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        await sync_to_async(response.close)()


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
