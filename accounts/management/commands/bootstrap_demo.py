"""Demo data for a local run; safe to run on every start."""

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import ApiKey, Project, Team, User
from accounts.services import api_key_create, project_create, team_create, team_member_add

DEMO_EMAIL = "admin@example.com"
DEMO_PASSWORD = "admin"  # noqa: S105 - local demo only; documented in the README
DEMO_KEY_NAME = "demo"


class Command(BaseCommand):
    help = "Create the demo superuser, team, project and API key if they do not exist (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        user = User.objects.filter(email=DEMO_EMAIL).first()
        if user is None:
            user = User.objects.create_superuser(DEMO_EMAIL, DEMO_PASSWORD, full_name="Demo Admin")
            self.stdout.write(f"Superuser {DEMO_EMAIL} / password {DEMO_PASSWORD!r} created.")
        team = Team.objects.filter(slug="demo").first() or team_create(name="Demo Team", slug="demo", owner=user)
        team_member_add(team=team, user=user, role="owner")
        project = Project.objects.filter(team=team, slug="demo").first() or project_create(
            team=team, name="Demo Project", slug="demo", description="Created by bootstrap_demo."
        )
        existing = ApiKey.objects.filter(project=project, name=DEMO_KEY_NAME, revoked_at=None).first()
        if existing:
            self.stdout.write(
                f"Demo API key exists ({existing}); its secret was shown when it was made. "
                f"New one: python manage.py create_api_key --project {project.pk} --name mykey"
            )
            return
        _, raw = api_key_create(project=project, name=DEMO_KEY_NAME, created_by=user)
        self.stdout.write(
            self.style.SUCCESS(f"Demo API key for project {project.slug} ({project.uuid}; shown once): {raw}")
        )
