"""The Celery app. Configuration comes from Django settings (`CELERY_*`)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Start-up defaults of a worker (vectordb/README.md, "Cold start"); each is the environment form of
# a `celery worker` option, read after this app is loaded, so an explicit value still wins:
# - no Django system checks: Celery's Django fixup runs them as a worker starts and ignores what
#   they find; they import the web URL conf (~0.2 s of CPU). `manage.py check` and CI run them.
# - no mingle: a starting worker asks its peers for their revoked task ids and logical clocks and
#   waits ~1 s for answers; we revoke no tasks and use no clock (`--without-mingle`).
# Empty values (CELERY_SKIP_CHECKS= CELERY_WORKER_WITHOUT_MINGLE=false) bring either back.
os.environ.setdefault("CELERY_SKIP_CHECKS", "1")
os.environ.setdefault("CELERY_WORKER_WITHOUT_MINGLE", "1")

app = Celery("vendomo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
