import os

from django.apps import AppConfig

#: BLAS threads per process (web, worker, replication node): the index's matrix products are
#: small per query, and on a shared machine OpenBLAS's default of one thread per core makes
#: several processes fight over the cores (a 60k-vector load took 23.6 s with the default and
#: 16.6 s with one thread). Set VECTORDB_BLAS_THREADS=0 to leave OpenBLAS's own default.
DEFAULT_BLAS_THREADS = 1


def blas_threads() -> int:
    raw = os.environ.get("VECTORDB_BLAS_THREADS", "").strip()
    try:
        return max(int(raw), 0) if raw else DEFAULT_BLAS_THREADS
    except ValueError:
        return DEFAULT_BLAS_THREADS


class VectordbConfig(AppConfig):
    name = "vectordb"

    def ready(self) -> None:
        threads = blas_threads()
        if threads:
            from threadpoolctl import threadpool_limits

            threadpool_limits(limits=threads, user_api="blas")
