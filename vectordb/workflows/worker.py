"""The worker: polls the task queue, runs `QueryWorkflow` tasks on its event loop, the async answer
activity on that loop, and the blocking activities on a thread pool."""

from __future__ import annotations

import asyncio
import logging
import signal
from concurrent.futures import ThreadPoolExecutor

from temporalio.client import Client
from temporalio.worker import Worker

from vectordb.workflows import activities
from vectordb.workflows.workflow import QueryWorkflow

logger = logging.getLogger(__name__)


def build_worker(client: Client, *, task_queue: str, pool: ThreadPoolExecutor, threads: int = 4) -> Worker:
    """The worker of `QueryWorkflow` (sync activities on `pool`, the async one on the event loop)."""
    return Worker(
        client,
        task_queue=task_queue,
        workflows=[QueryWorkflow],
        activities=activities.ALL,
        activity_executor=pool,
        max_concurrent_activities=threads,
    )


async def run_worker(*, address: str, namespace: str, task_queue: str, threads: int = 4) -> None:
    client = await Client.connect(address, namespace=namespace)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="activity") as pool:
        async with build_worker(client, task_queue=task_queue, pool=pool, threads=threads):
            logger.info("temporal worker on %s, namespace %s, task queue %s", address, namespace, task_queue)
            print(f"temporal worker ready on {address} ({namespace}/{task_queue})", flush=True)
            await stop.wait()
