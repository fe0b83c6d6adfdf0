"""The `start | stop | status` command line shared by the embedded services (`python -m config.embedded_*`)."""

from collections.abc import Callable


def run(
    argv: list[str], *, usage: str, start: Callable[[], str], stop: Callable[[], None], status: Callable[[], str]
) -> int:
    """Run one command of `argv` (default `status`); an unknown one prints `usage` and returns 2."""
    command = argv[1] if len(argv) > 1 else "status"
    if command == "start":
        print(start())
    elif command == "stop":
        stop()
    elif command == "status":
        print(status())
    else:
        print(usage)
        return 2
    return 0
