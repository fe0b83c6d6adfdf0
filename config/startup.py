"""Process start-up: the cyclic garbage collector is paused while the platform imports.

Importing Django, DRF, numba and our apps creates ~500,000 long-lived objects (classes, functions,
module dicts) and no garbage worth collecting, yet the collector runs dozens of times over them
while they are made (its full collections grow with everything already alive): 0.1-0.45 s of CPU
of a web process's ~1.5 s to its first answer, measured on the 2-core machine. So
`config/__init__.py` (the first module of ours every process imports: the settings, the Celery
app and the ASGI app all live in this package) calls `pause_gc()`, and `resume_gc()` runs once
`django.setup()` has imported the models and the admin (`CoreConfig.ready`; `config.run`, which
never sets up Django, calls it itself). `resume_gc` freezes what start-up made (`gc.freeze`:
those objects move to a permanent generation that later collections skip, so the snapshot load
and the first request's imports do not pay for them either; a prefork child's collections also
stop touching the parent's pages) and turns the collector back on.

The cost: the few thousand garbage cycles start-up leaves are frozen too (~1 MB, never freed).
A process that imports `config` but never sets up Django (`celery -A config flower`, a script)
gets the collector back from a fallback timer after `PAUSE_MAX_S`.

Bytecode: with `PYTHONDONTWRITEBYTECODE=1` (the Docker image sets it; so does this machine's
environment) no process writes `__pycache__`, so every process compiled our ~160 modules from
source again: ~0.1 s of CPU before its first answer. `compile_sources()` writes the bytecode
explicitly (py_compile ignores that variable; only files changed since are recompiled): `make
run` calls it before it starts the processes, the image runs `compileall` at build (Dockerfile).
"""

from __future__ import annotations

import compileall
import gc
import threading
from pathlib import Path

#: The longest the collector stays paused when nothing resumes it (start-up takes ~1-10 s).
PAUSE_MAX_S = 60.0

_paused = False
_lock = threading.Lock()
_fallback: threading.Timer | None = None


def pause_gc() -> None:
    """Pause the collector for start-up (once; a no-op if it was already off)."""
    global _paused, _fallback
    with _lock:
        if _paused or not gc.isenabled():
            return
        gc.disable()
        _paused = True
        _fallback = threading.Timer(PAUSE_MAX_S, resume_gc)
        _fallback.name = "config-startup-gc"
        _fallback.daemon = True
        _fallback.start()


def resume_gc() -> None:
    """Freeze what start-up made and turn the collector back on (a no-op unless paused)."""
    global _paused, _fallback
    with _lock:
        if not _paused:
            return
        _paused = False
        if _fallback is not None and _fallback is not threading.current_thread():
            _fallback.cancel()
        _fallback = None
        gc.freeze()
        gc.enable()


def compile_sources(base: Path) -> bool:
    """Write the bytecode of the project's packages under `base` (the ones with an `__init__.py`:
    not the virtualenv, `var/` or `node_modules`); True if every file compiled."""
    ok = True
    for package in sorted(p for p in base.iterdir() if (p / "__init__.py").is_file()):
        ok = bool(compileall.compile_dir(package, quiet=1, workers=1)) and ok
    return ok
