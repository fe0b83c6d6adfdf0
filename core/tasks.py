import time

import redis
from celery import shared_task
from django.conf import settings


@shared_task(time_limit=10, ignore_result=True)
def heartbeat() -> None:
    """Beat -> worker round trip, recorded so operators can see both are alive."""
    redis.Redis.from_url(settings.REDIS_URL).set("vendomo:heartbeat", int(time.time()), ex=600)
