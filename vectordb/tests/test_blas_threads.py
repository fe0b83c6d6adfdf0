import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize(("env", "expected"), [({}, 1), ({"VECTORDB_BLAS_THREADS": "2"}, 2)])
def test_a_django_process_bounds_blas_threads(env, expected, monkeypatch):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings'); django.setup();"
        "from threadpoolctl import threadpool_info;"
        "print(min(i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert int(out.stdout.strip().splitlines()[-1]) == min(expected, os.cpu_count())
