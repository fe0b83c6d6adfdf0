"""Service-log ids become UUIDs, like every other id of the Vendomo API (existing rows get new ones)."""

import uuid

from django.db import migrations, models


def integer_ids_to_uuids(apps, schema_editor) -> None:
    table = "fleet_servicelog"
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN id")
        schema_editor.execute(f"ALTER TABLE {table} ADD COLUMN id uuid PRIMARY KEY DEFAULT gen_random_uuid()")
        schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN id DROP DEFAULT")
        return
    ServiceLog = apps.get_model("fleet", "ServiceLog")
    ServiceLog.objects.all().delete()  # other databases (the SQLite dev default): history is dropped
    old = ServiceLog._meta.get_field("id")
    new = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    new.set_attributes_from_name("id")
    new.model = ServiceLog
    schema_editor.alter_field(ServiceLog, old, new)


class Migration(migrations.Migration):
    dependencies = [("fleet", "0003_vendomo_contract_fields")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(integer_ids_to_uuids, migrations.RunPython.noop)],
            state_operations=[
                migrations.AlterField(
                    model_name="servicelog",
                    name="id",
                    field=models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False),
                )
            ],
        )
    ]
