"""numba's on-disk cache as engine/_jit.py guards it: one directory per engine version, and an
unusable entry (torn, or holding another signature's machine code, as two processes saving at
once could leave) is recompiled with a warning instead of failing or running the wrong code.
Each run is a fresh interpreter on a kernel of its own, in a cache directory of the test's."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from vectordb.engine import _jit

pytestmark = pytest.mark.skipif(not _jit.AVAILABLE, reason="numba is not installed")

ROOT = Path(__file__).resolve().parents[2]

KERNEL = """
from vectordb.engine._jit import jit


@jit
def scaled(x, factor):
    return x * factor + 1
"""

RUN = """
import json, logging, sys
import numpy as np
logging.basicConfig(level=logging.WARNING, format="%(message)s")
import kernel
from vectordb.engine import _jit
args = [(2, 3), (2.5, 2.0), (np.float32(1.5), np.float32(2.0))]
if len(sys.argv) > 1:
    args = args[int(sys.argv[1]):int(sys.argv[1]) + 1]
values = [repr(kernel.scaled(*a)) for a in args]  # repr: an int result stays an int
stats = kernel.scaled.stats
print(json.dumps({"values": values, "hits": sum(stats.cache_hits.values()),
                  "misses": sum(stats.cache_misses.values()), "dir": _jit.CACHE_DIR}))
"""
EXPECTED = ["7", "6.0", "4.0"]


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "kernel.py").write_text(KERNEL)
    (tmp_path / "run.py").write_text(RUN)
    return tmp_path


def _env(workdir: Path, **extra: str) -> dict:
    return {
        **os.environ,
        "NUMBA_CACHE_DIR": str(workdir / "cache"),
        "PYTHONPATH": f"{workdir}{os.pathsep}{ROOT}",
        **extra,
    }


def _run(workdir: Path, *argv: str) -> tuple[dict, str]:
    done = subprocess.run(
        [sys.executable, str(workdir / "run.py"), *argv], env=_env(workdir), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


def _data_files(workdir: Path) -> list[Path]:
    return sorted((workdir / "cache").rglob("*.nbc"))


def test_the_cache_lives_in_a_directory_of_the_engine_version(workdir: Path, tmp_path: Path):
    got, _ = _run(workdir)
    assert got["dir"] == str(workdir / "cache" / f"engine-{_jit.CACHE_VERSION}")
    assert _data_files(workdir) and all(str(p).startswith(got["dir"]) for p in _data_files(workdir))
    # The version follows every engine source file, helpers included (numba alone checks only the
    # kernel's own file, so an edited inlined helper kept the old machine code).
    copy = tmp_path / "engine"
    shutil.copytree(_jit.ENGINE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert _jit.source_version(copy) == _jit.CACHE_VERSION
    helper = copy / "_jit.py"
    helper.write_text(helper.read_text().replace("acc += row[t] * q[t]", "acc += q[t] * row[t]"))
    assert _jit.source_version(copy) != _jit.CACHE_VERSION


def test_the_second_process_loads_every_kernel_from_the_cache(workdir: Path):
    first, _ = _run(workdir)
    second, stderr = _run(workdir)
    assert first == {**first, "values": EXPECTED, "misses": 3, "hits": 0}
    assert second == {**second, "values": EXPECTED, "misses": 0, "hits": 3}
    assert "numba cache" not in stderr


def test_a_torn_entry_is_recompiled_and_replaced(workdir: Path):
    _run(workdir)
    for path in _data_files(workdir):
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])  # cut short
    got, stderr = _run(workdir)
    assert got == {**got, "values": EXPECTED, "hits": 0, "misses": 3}
    assert stderr.count("unusable") == 3
    again, stderr = _run(workdir)  # the recompiled entries were saved over the torn ones
    assert again == {**again, "values": EXPECTED, "hits": 3, "misses": 0}
    assert "numba cache" not in stderr


def test_an_entry_holding_another_signatures_code_is_not_run(workdir: Path):
    """What concurrent unguarded saves could leave: the index names a data file that holds the
    machine code of another signature. Loading it as-is would run float code on ints."""
    _run(workdir)
    first, second = _data_files(workdir)[:2]
    a, b = first.read_bytes(), second.read_bytes()
    first.write_bytes(b)
    second.write_bytes(a)
    got, stderr = _run(workdir)
    assert got["values"] == EXPECTED
    assert stderr.count("holds") == 2
    again, _ = _run(workdir)
    assert again == {**again, "values": EXPECTED, "hits": 3, "misses": 0}


def test_processes_compiling_different_signatures_at_once_leave_a_consistent_cache(workdir: Path):
    with ThreadPoolExecutor(3) as pool:  # three processes, one signature each, saving together
        runs = list(pool.map(lambda i: _run(workdir, str(i)), range(3)))
    assert [r[0]["values"] for r in runs] == [[v] for v in EXPECTED]
    got, stderr = _run(workdir)
    assert got == {**got, "values": EXPECTED, "hits": 3, "misses": 0}
    assert "numba cache" not in stderr


def test_processes_starting_together_compile_each_kernel_once(workdir: Path):
    """Two processes reach the same uncompiled kernels at the same moment: one compiles each
    signature, the other waits on the version's compile lock and loads what it saved."""
    go = workdir / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, str(workdir / "run.py")],
            env=_env(workdir, GO_FILE=str(go)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    time.sleep(3)  # both have imported numba and the kernel and wait for the signal
    go.write_text("")
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err[-2000:] for _, err in outs]
    runs = [json.loads(out.strip().splitlines()[-1]) for out, _ in outs]
    assert [r["values"] for r in runs] == [EXPECTED, EXPECTED]
    assert sum(r["misses"] for r in runs) == 3 and sum(r["hits"] for r in runs) == 3, runs


def test_stale_version_directories_are_swept(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(_jit, "CACHE_ROOT", str(tmp_path))
    current = tmp_path / f"engine-{_jit.CACHE_VERSION}"
    old, recent = tmp_path / "engine-0ld", tmp_path / "engine-recent"
    for directory in (current, old, recent):
        (directory / "k").mkdir(parents=True)
        (directory / "k" / "f.nbc").write_bytes(b"x")
    long_ago = 1_000_000_000
    for path in (old, old / "k", old / "k" / "f.nbc", current / "k" / "f.nbc"):
        os.utime(path, (long_ago, long_ago))
    assert _jit.sweep_stale_caches() == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([current.name, recent.name])


def test_the_engine_kernels_are_guarded():
    from vectordb.engine.hnsw import walk

    kernels = [getattr(walk, name) for name in dir(walk) if hasattr(getattr(walk, name), "_cache")]
    assert kernels
    for kernel in kernels:
        assert kernel._cache.load_overload.__name__ == "checked_load"
        assert kernel._cache.save_overload.__name__ == "locked_save"
        assert kernel.compile.__name__ == "compile" and kernel.compile.__qualname__.startswith("_serialise_compiles")
        assert kernel._cache._cache_path.startswith(_jit.CACHE_DIR or kernel._cache._cache_path)
