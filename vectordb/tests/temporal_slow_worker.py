"""`manage.py temporal_worker` whose rerank step sleeps for a minute (heartbeating) before working:
the worker-killed test SIGKILLs it in the middle of that step."""

from __future__ import annotations

import os
import sys
import time

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from vectordb.embeddings import rerank as rerank_module

    real = rerank_module.rerank

    def slow(*args, **kwargs):
        print("rerank started", flush=True)
        time.sleep(60)
        return real(*args, **kwargs)

    rerank_module.rerank = slow
    call_command("temporal_worker", *sys.argv[1:])
