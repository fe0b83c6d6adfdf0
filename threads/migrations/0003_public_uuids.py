"""Threads and question-answers get public UUIDs (the original kapa API's ids). The column is added
nullable and filled with gen_random_uuid() in one UPDATE (Postgres 13+), then made unique and
required."""

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("threads", "0002_seed_default_categories"), ("accounts", "0002_project_uuid")]

    operations = [
        migrations.AddField(model_name="thread", name="uuid", field=models.UUIDField(null=True, editable=False)),
        migrations.AddField(
            model_name="questionanswer", name="uuid", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.RunSQL(
            [
                "UPDATE threads_thread SET uuid = gen_random_uuid() WHERE uuid IS NULL",
                "UPDATE threads_questionanswer SET uuid = gen_random_uuid() WHERE uuid IS NULL",
            ],
            migrations.RunSQL.noop,
        ),
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
