"""Projects get a public UUID (the original kapa API's ids): added nullable, filled, then made unique
and required, so existing rows each get their own value."""

import uuid

from django.db import migrations, models


def fill(apps, schema_editor):
    Project = apps.get_model("accounts", "Project")
    for pk in Project.objects.filter(uuid__isnull=True).values_list("pk", flat=True).iterator():
        Project.objects.filter(pk=pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.AddField(model_name="project", name="uuid", field=models.UUIDField(null=True, editable=False)),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="project",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, unique=True, editable=False),
        ),
    ]
