import contextlib
import uuid
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from accounts.models import Project
from accounts.services import api_key_create


class Command(BaseCommand):
    help = "Create an API key for a project and print its secret (shown once; only its hash is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--project", required=True, help="Project id, UUID or slug.")
        parser.add_argument("--name", required=True, help="What will use the key.")
        parser.add_argument("--expires-in-days", type=int, default=None)

    def handle(self, *args, project: str, name: str, expires_in_days: int | None, **options) -> None:
        lookup: dict[str, object] = {"pk": int(project)} if project.isdigit() else {"slug": project}
        with contextlib.suppress(ValueError):
            lookup = {"uuid": uuid.UUID(project)}
        matches = list(Project.objects.filter(**lookup)[:2])
        if len(matches) != 1:
            raise CommandError(f"No single project matches {project!r}; give its id.")
        if expires_in_days is not None and expires_in_days <= 0:
            raise CommandError("--expires-in-days must be positive.")
        expires_at = timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None
        api_key, raw = api_key_create(project=matches[0], name=name, expires_at=expires_at)
        self.stdout.write(
            f"API key for {matches[0]} (project {matches[0].uuid}, key id {api_key.pk}); "
            "copy it now, it is not shown again:"
        )
        self.stdout.write(raw)
