"""python manage.py temporal_worker [--task-queue Q] [--threads N]: run the QueryWorkflow worker."""

from __future__ import annotations

import asyncio

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the Temporal worker of the vector database's query pipeline (QueryWorkflow and its activities)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--task-queue", default=None, help="default: TEMPORAL_TASK_QUEUE")
        parser.add_argument("--threads", type=int, default=4, help="threads for the blocking activities")

    def handle(self, *args, **options) -> None:
        from vectordb.workflows.worker import run_worker

        if settings.EMBEDDED_TEMPORAL:
            from config import embedded_temporal

            embedded_temporal.ensure_running()
        asyncio.run(
            run_worker(
                address=settings.TEMPORAL_ADDRESS,
                namespace=settings.TEMPORAL_NAMESPACE,
                task_queue=options["task_queue"] or settings.TEMPORAL_TASK_QUEUE,
                threads=options["threads"],
            )
        )
