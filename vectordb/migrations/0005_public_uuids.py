"""Libraries, documents, chunks and index builds get public UUIDs (non-sequential ids for the API).

Each column is added nullable, filled in Python (portable: no gen_random_uuid(), so SQLite works
too; in batches, so a large chunk table does not need one statement per row), then made unique and
required."""

import uuid

from django.db import migrations, models

MODELS = ("Library", "Document", "Chunk", "IndexBuild")
BATCH = 2000


def fill_uuids(apps, schema_editor) -> None:
    for name in MODELS:
        model = apps.get_model("vectordb", name)
        pending = model.objects.filter(uuid__isnull=True).order_by("pk").values_list("pk", flat=True)
        while True:
            pks = list(pending[:BATCH])
            if not pks:
                break
            objs = [model(pk=pk, uuid=uuid.uuid4()) for pk in pks]
            model.objects.bulk_update(objs, ["uuid"], batch_size=BATCH)


def _nullable() -> models.UUIDField:
    return models.UUIDField(null=True, editable=False)


def _public() -> models.UUIDField:
    return models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text="The public id.")


class Migration(migrations.Migration):
    dependencies = [("vectordb", "0004_snapshot_files")]

    operations = [
        *[migrations.AddField(model_name=m.lower(), name="uuid", field=_nullable()) for m in MODELS],
        migrations.RunPython(fill_uuids, migrations.RunPython.noop),
        *[migrations.AlterField(model_name=m.lower(), name="uuid", field=_public()) for m in MODELS],
    ]
