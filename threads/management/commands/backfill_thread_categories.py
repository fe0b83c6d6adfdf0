"""Label every unlabelled thread: plan chunk tasks to the `low` queue and show the progress.

manage.py backfill_thread_categories                 # resume the unfinished run, or start one
manage.py backfill_thread_categories --project 7     # one project only
manage.py backfill_thread_categories --new           # supersede an unfinished run (lost chunks)
manage.py backfill_thread_categories --no-wait       # plan, then return (workers carry on)
manage.py backfill_thread_categories --inline        # classify in this process, no workers needed
"""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from threads import selectors, services
from threads.models import BackfillRun

BAR_WIDTH = 30


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return "--"
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m{secs:02d}s" if hours else f"{minutes}m{secs:02d}s"


def progress_line(run: BackfillRun) -> str:
    p = selectors.backfill_progress(run=run)
    filled = int(BAR_WIDTH * p.percent / 100)
    bar = "#" * filled + "." * (BAR_WIDTH - filled)
    return (
        f"[{bar}] {p.done:,}/{p.total:,} ({p.percent:5.1f}%)  {p.rate:,.1f} threads/s  "
        f"ETA {format_duration(p.eta_seconds)}  labelled {run.labelled:,}  failed {run.failed:,}"
    )


class Command(BaseCommand):
    help = "Label every unlabelled thread with the classifier (chunk tasks on the low-priority queue)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--project", type=int, help="Only this project's threads.")
        parser.add_argument("--chunk-size", type=int, help="Threads per task (default THREADS_BACKFILL_CHUNK_SIZE).")
        parser.add_argument("--new", action="store_true", help="Supersede an unfinished run and start afresh.")
        parser.add_argument("--no-wait", action="store_true", help="Return once the chunks are enqueued.")
        parser.add_argument("--inline", action="store_true", help="Classify in this process instead of workers.")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between progress updates.")

    def handle(self, *args, **options) -> None:
        if options["chunk_size"] is not None and options["chunk_size"] < 1:
            raise CommandError("--chunk-size must be at least 1")
        run = services.backfill_start(
            project_id=options["project"], chunk_size=options["chunk_size"], new=options["new"]
        )
        scope = f"project {run.project_id}" if run.project_id else "all projects"
        self.stdout.write(f"Backfill #{run.pk} ({scope}): {run.status}, {run.total:,} unlabelled threads to go.")
        tty = sys.stdout.isatty()
        planning_started = time.perf_counter()

        def on_page(current: BackfillRun) -> None:
            line = f"planning: {current.planned:,} threads in {current.chunks:,} chunks enqueued"
            self._show(line, tty)

        if run.status == BackfillRun.Status.PLANNING:
            if options["inline"]:
                run = services.backfill_run_inline(run_id=run.pk, on_page=lambda r: self._show(progress_line(r), tty))
            else:
                run = services.backfill_plan(run_id=run.pk, on_page=on_page)
            self._end_line(tty)
            self.stdout.write(
                f"Planned {run.planned:,} threads in {run.chunks:,} chunks in "
                f"{time.perf_counter() - planning_started:.1f} s."
            )
        if options["no_wait"]:
            self.stdout.write("Workers carry on; follow the run in the admin (Chat threads → Backfill runs).")
            return
        try:
            while True:
                run.refresh_from_db()
                self._show(progress_line(run), tty)
                if run.status in (BackfillRun.Status.FINISHED, BackfillRun.Status.SUPERSEDED):
                    break
                time.sleep(options["interval"])
        except KeyboardInterrupt:
            self._end_line(tty)
            self.stdout.write("Stopped watching; the workers carry on. Run the command again to watch or resume.")
            return
        self._end_line(tty)
        self.stdout.write(
            self.style.SUCCESS(
                f"Backfill #{run.pk} {run.status}: {run.labelled:,} labelled, {run.skipped:,} skipped, "
                f"{run.failed:,} failed."
            )
        )

    def _show(self, line: str, tty: bool) -> None:
        if tty:
            self.stdout.write(f"\r{line}\033[K", ending="")
            self.stdout.flush()
        else:
            self.stdout.write(line)

    def _end_line(self, tty: bool) -> None:
        if tty:
            self.stdout.write("")
