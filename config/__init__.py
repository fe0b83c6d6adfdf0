"""Project configuration: settings, URLs, ASGI routing and the Celery app."""

from config.startup import pause_gc

pause_gc()  # until django.setup() is done (config/startup.py says why)

from config.celery import app as celery_app  # noqa: E402  (after the pause: it imports Celery)

__all__ = ("celery_app",)
