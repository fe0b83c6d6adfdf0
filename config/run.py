"""`make run`: prepare the database and demo data, then start every process from the Procfile.

Runs on embedded defaults (SQLite, embedded Redis) unless DATABASE_URL / REDIS_URL /
CELERY_BROKER_URL say otherwise. Ctrl-C stops every process, and the embedded Redis with them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from config import embedded_redis, embedded_temporal, env

# One-off steps before the processes start; each is idempotent.
SETUP_COMMANDS: list[list[str]] = [
    ["migrate", "--no-input"],
    ["bootstrap_demo"],
    ["seed_fleet", "--count", "1000", "--if-empty"],
]


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    bin_dir = str(Path(sys.executable).parent)
    os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    started_redis = env.uses_embedded_redis() and not embedded_redis.is_running()
    redis_url = env.redis_url()
    started_temporal = env.uses_embedded_temporal() and not embedded_temporal.is_running()
    if env.uses_embedded_temporal():
        embedded_temporal.ensure_running()
    manage = [sys.executable, str(env.BASE_DIR / "manage.py")]
    try:
        for command in SETUP_COMMANDS:
            subprocess.run([*manage, *command], check=True)
        port = os.environ.setdefault("PORT", "8000")
        host = os.environ.setdefault("HOST", "127.0.0.1")
        base = f"http://{host}:{port}"
        print(
            f"\n  Vendomo platform on {base}/\n"
            f"  admin      {base}/admin/  (admin@example.com / admin on a fresh database)\n"
            f"  API docs   {base}/api/docs/   health {base}/api/health\n"
            f"  database   {env.database_url().split('@')[-1]}\n"
            f"  redis      {redis_url}{' (embedded)' if env.uses_embedded_redis() else ''}\n"
            f"  Ctrl-C stops everything.\n",
            flush=True,
        )
        honcho = subprocess.Popen(
            [str(Path(bin_dir) / "honcho"), "start", "-f", str(env.BASE_DIR / "Procfile")], cwd=env.BASE_DIR
        )

        stopping: list[int] = []

        def stop(signum: int, frame: object) -> None:
            stopping.append(signum)
            honcho.terminate()  # honcho stops its children; we wait for it below

        # Explicit handlers: Ctrl-C and a service manager's SIGTERM both stop every process, even
        # when this was started from a shell that ignores SIGINT in background jobs.
        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        returncode = honcho.wait()
        return 0 if stopping else returncode
    except subprocess.CalledProcessError as exc:
        print(f"setup step failed: {' '.join(exc.cmd[2:])}", file=sys.stderr)
        return exc.returncode
    finally:
        if started_redis:
            embedded_redis.stop()
        if started_temporal:
            embedded_temporal.stop()


if __name__ == "__main__":
    sys.exit(main())
