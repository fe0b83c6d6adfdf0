"""`make run`: start the embedded services, prepare the database and demo data, then start every
process from the Procfile and print a banner once the web process answers.

Runs on embedded defaults (SQLite, embedded Redis) unless DATABASE_URL / REDIS_URL /
CELERY_BROKER_URL say otherwise. Setup steps that already ran against this database are skipped
(stamps under `var/setup/`); steps that do not depend on each other run together. Ctrl-C stops
every process (SIGKILL after a grace period) and the embedded services this run started.

A further embedded service is one more `EmbeddedService` entry in `EMBEDDED_SERVICES`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from config import embedded_redis, embedded_temporal, env, startup

STAMP_DIR = env.VAR_DIR / "setup"
DEMO_KEY_FILE = env.VAR_DIR / "demo_api_key"
STOP_GRACE_S = 1.5  # after SIGTERM, the process groups get SIGKILL
FIRST = ("web",)  # Procfile processes started before the others


@dataclass(frozen=True)
class EmbeddedService:
    """A server `make run` starts for itself when no URL points at a real one."""

    name: str
    wanted: Callable[[], bool]  # True when no *_URL names an external server
    start: Callable[[], str]  # idempotent; returns the URL
    stop: Callable[[], None]
    is_running: Callable[[], bool]


EMBEDDED_SERVICES: list[EmbeddedService] = [
    EmbeddedService("redis", env.uses_embedded_redis, embedded_redis.ensure_running, embedded_redis.stop,
                    embedded_redis.is_running),
    EmbeddedService("temporal", env.uses_embedded_temporal, embedded_temporal.ensure_running,
                    embedded_temporal.stop, embedded_temporal.is_running),
]  # fmt: skip


@dataclass(frozen=True)
class SetupStep:
    name: str
    command: list[str]  # manage.py arguments
    inputs: Callable[[], str] = lambda: ""  # the step reruns when this changes


def _migrations_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(env.BASE_DIR.glob("*/migrations/*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


# Stages run in order; the steps of one stage run concurrently. Each step is idempotent.
SETUP_STAGES: list[list[SetupStep]] = [
    [SetupStep("migrate", ["migrate", "--no-input"], _migrations_digest)],
    [
        SetupStep("bootstrap_demo", ["bootstrap_demo"]),
        SetupStep("seed_fleet", ["seed_fleet", "--count", "1000", "--if-empty"]),
    ],
]
# Run alongside the processes, after the banner: slow (embedding) and nothing waits for it.
BACKGROUND_STEPS: list[SetupStep] = [SetupStep("seed_chat_knowledge", ["seed_chat_knowledge"])]


def _database_key() -> str:
    """Identifies the database: its URL, and for SQLite the file itself (a deleted file reruns setup)."""
    url = env.database_url()
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        return f"{url}|{path.stat().st_ino if path.exists() else 'missing'}"
    return url


def _stamp(step: SetupStep, database: str) -> Path:
    key = hashlib.sha256(f"{database}|{step.command}|{step.inputs()}".encode()).hexdigest()[:16]
    return STAMP_DIR / f"{step.name}-{key}"


_running_steps: set[subprocess.Popen[str]] = set()  # so that Ctrl-C can stop them


def _run_step(manage: list[str], step: SetupStep) -> str:
    process = subprocess.Popen([*manage, *step.command], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    _running_steps.add(process)
    try:
        output = process.communicate()[0].strip()
    finally:
        _running_steps.discard(process)
    if process.returncode != 0:
        raise RuntimeError(f"setup step {step.name} failed:\n{output}")
    _stamp(step, _database_key()).touch()
    return output


def shown_key(output: str) -> str | None:
    """The API key `bootstrap_demo` prints once ("... (<project uuid>; shown once): <key>")."""
    match = re.search(r"shown once\): (\S+)", output)
    return match.group(1) if match else None


def setup(manage: list[str], stages: list[list[SetupStep]]) -> None:
    STAMP_DIR.mkdir(parents=True, exist_ok=True)
    for stage in stages:
        database = _database_key()
        todo = [step for step in stage if not _stamp(step, database).exists()]
        if not todo:
            continue
        started = time.monotonic()
        if len(todo) == 1:  # no pool: the background thread must not hold up the exit
            outputs = [_run_step(manage, todo[0])]
        else:
            with ThreadPoolExecutor(len(todo)) as pool:
                outputs = list(pool.map(lambda step: _run_step(manage, step), todo))
        for step, output in zip(todo, outputs, strict=True):
            print(f"  setup {step.name}: {_summary(output)}", flush=True)
            key = shown_key(output)
            if key:
                DEMO_KEY_FILE.write_text(key)
                DEMO_KEY_FILE.chmod(0o600)
        print(f"  ({', '.join(s.name for s in todo)} took {time.monotonic() - started:.1f} s)", flush=True)


def _summary(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip() and not re.search(r"^  Apply| (INFO|DEBUG) ", line)]
    return lines[-1].strip() if lines else "done"


def banner(base: str) -> str:
    key = DEMO_KEY_FILE.read_text().strip() if DEMO_KEY_FILE.exists() else ""
    shown = key or "<your key>"
    lines = [
        f"\n  Vendomo platform on {base}/   (ready; Ctrl-C stops everything)",
        f"  admin      {base}/admin/   admin@example.com / admin (staff: also the revenue dashboard)",
        f"  pages      {base}/dashboard/revenue/  {base}/search/   API docs {base}/api/docs/  {base}/redoc/",
        f"  database   {env.database_url().split('@')[-1]}",
        f"  redis      {env.redis_url()}{' (embedded)' if env.uses_embedded_redis() else ''}",
    ]
    if key:
        lines.append(f"  API key    {key}   (the demo project's first key; kept in {DEMO_KEY_FILE})")
    lines += [
        "             another: python manage.py create_api_key --project demo --name mykey",
        "  try:",
        f"    curl -s {base}/api/health",
        f"    curl -s -H 'X-API-KEY: {shown}' '{base}/api/machines?page_size=2'",
        f"    curl -s -H 'X-API-KEY: {shown}' '{base}/api/search?q=cola+near+10001'",
        "",
    ]
    return "\n".join(lines)


def _wait_until_answering(base: str, stopping: threading.Event) -> None:
    while not stopping.is_set():
        try:
            with urllib.request.urlopen(f"{base}/api/health", timeout=2):  # noqa: S310 - our own URL
                return
        except OSError as exc:
            if getattr(exc, "code", None):  # an HTTP answer (503: something still starting) is an answer
                return
            time.sleep(0.2)


def _procfile_names() -> list[str]:
    lines = (env.BASE_DIR / "Procfile").read_text().splitlines()
    return [line.split(":", 1)[0].strip() for line in lines if re.match(r"^[\w-]+:", line)]


def _start_group(names: list[str]) -> subprocess.Popen[bytes]:
    """`honcho start NAMES` in its own process group, so Ctrl-C reaches the processes only through us."""
    honcho = str(Path(sys.executable).parent / "honcho")
    command = [honcho, "start", "-f", str(env.BASE_DIR / "Procfile"), *names]
    return subprocess.Popen(command, cwd=env.BASE_DIR, start_new_session=True)


def _stop_groups(groups: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM every Procfile process group; SIGKILL whatever is left after the grace period."""
    for process in groups:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE_S
    for process in groups:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(max(deadline - time.monotonic(), 0.01))
    for process in groups:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # children honcho has not reaped yet
        process.wait()


def _bring_up(
    base: str, groups: list[subprocess.Popen[bytes]], stopping: threading.Event, manage: list[str], started: float
) -> None:
    """The web process starts alone (it is what the user waits for); the others once it answers."""
    _wait_until_answering(base, stopping)
    if stopping.is_set():
        return
    groups.append(_start_group([name for name in _procfile_names() if name not in FIRST]))
    if stopping.is_set():  # Ctrl-C came while it started: main's cleanup may have missed it
        _stop_groups(groups[-1:])
        return
    print(banner(base) + f"  (ready {time.monotonic() - started:.1f} s after `make run`)\n", flush=True)
    try:
        setup(manage, [BACKGROUND_STEPS])
    except RuntimeError as exc:
        print(exc, file=sys.stderr, flush=True)


class StopSignal:
    """The SIGINT/SIGTERM handler: the first signal unwinds main's loop (KeyboardInterrupt), any
    later one, or one during the cleanup, is ignored. It takes no lock: a handler runs between two
    bytecodes of the main thread, which may hold one; the old handler set a `threading.Event`, and a
    second signal (Ctrl-C twice, or `timeout` relaying one to the whole group) while the cleanup was
    setting that Event deadlocked on its lock, leaving every process running."""

    def __init__(self) -> None:
        self.cleaning = False
        self.signalled = False

    def __call__(self, signum: int, frame: object) -> None:
        if self.cleaning or self.signalled:
            return
        self.signalled = True
        raise KeyboardInterrupt


def main() -> int:
    started = time.monotonic()
    startup.resume_gc()  # this supervisor never sets up Django (config/startup.py)
    startup.compile_sources(env.BASE_DIR)  # bytecode even under PYTHONDONTWRITEBYTECODE (config/startup.py)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    bin_dir = str(Path(sys.executable).parent)
    os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    manage = [sys.executable, str(env.BASE_DIR / "manage.py")]
    ours = [service for service in EMBEDDED_SERVICES if service.wanted() and not service.is_running()]
    stopping = threading.Event()
    groups: list[subprocess.Popen[bytes]] = []
    stop = StopSignal()
    # Explicit handlers: Ctrl-C and a service manager's SIGTERM both stop every process, even
    # when this was started from a shell that ignores SIGINT in background jobs.
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        for service in ours:
            service.start()
        setup(manage, SETUP_STAGES)
        port = os.environ.setdefault("PORT", "8000")
        host = os.environ.setdefault("HOST", "127.0.0.1")
        base = f"http://{host}:{port}"
        groups.append(_start_group(list(FIRST)))
        threading.Thread(target=_bring_up, args=(base, groups, stopping, manage, started), daemon=True).start()
        while True:  # until Ctrl-C or a process group ends (honcho stops all its processes when one dies)
            for process in list(groups):
                if process.poll() is not None:
                    return process.returncode
            time.sleep(0.2)
    except KeyboardInterrupt:
        return 0
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        stop.cleaning = True  # from here on a signal is ignored: the cleanup must run to the end
        stopping.set()
        for process in list(_running_steps):
            process.terminate()
        _stop_groups(groups)
        for service in ours:
            service.stop()


if __name__ == "__main__":
    sys.exit(main())
