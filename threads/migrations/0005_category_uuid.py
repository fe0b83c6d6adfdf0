"""Categories get public UUIDs too (the API no longer shows or takes their integer pk). As in 0003:
the column is added nullable, filled (on Postgres in one UPDATE; elsewhere, e.g. the SQLite dev
default, row by row in Python), then made unique and required."""

import uuid

from django.db import migrations, models


def fill_uuids(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("UPDATE threads_category SET uuid = gen_random_uuid() WHERE uuid IS NULL")
        return
    model = apps.get_model("threads", "Category")
    for pk in model.objects.filter(uuid__isnull=True).values_list("pk", flat=True).iterator():
        model.objects.filter(pk=pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("threads", "0004_backfill_lock_and_chunks")]

    operations = [
        migrations.AddField(model_name="category", name="uuid", field=models.UUIDField(null=True, editable=False)),
        migrations.RunPython(fill_uuids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="category",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text="The public id."),
        ),
    ]
