"""Threads and question-answers get public UUIDs (the original kapa API's ids). The column is added
nullable and filled (on Postgres with gen_random_uuid() in one UPDATE; elsewhere row by row), then
made unique and required."""

import uuid

from django.db import migrations, models


def fill_uuids(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":  # one UPDATE per table, however many rows
        schema_editor.execute("UPDATE threads_thread SET uuid = gen_random_uuid() WHERE uuid IS NULL")
        schema_editor.execute("UPDATE threads_questionanswer SET uuid = gen_random_uuid() WHERE uuid IS NULL")
        return
    for name in ("Thread", "QuestionAnswer"):  # other databases (the SQLite dev default): row by row
        model = apps.get_model("threads", name)
        for pk in model.objects.filter(uuid__isnull=True).values_list("pk", flat=True).iterator():
            model.objects.filter(pk=pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("threads", "0002_seed_default_categories"), ("accounts", "0002_project_uuid")]

    operations = [
        migrations.AddField(model_name="thread", name="uuid", field=models.UUIDField(null=True, editable=False)),
        migrations.AddField(
            model_name="questionanswer", name="uuid", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.RunPython(fill_uuids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="thread",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text="The public id."),
        ),
        migrations.AlterField(
            model_name="questionanswer",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text="The public id."),
        ),
    ]
