"""Migration 0005 gives the rows that existed before it each their own public UUID, on Postgres and
on SQLite (filled in Python, no database function)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("vectordb", "0004_snapshot_files")]
AFTER = [("vectordb", "0005_public_uuids")]


@pytest.mark.django_db(transaction=True)
def test_existing_rows_get_distinct_uuids_then_the_column_is_unique_and_required():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state([*BEFORE, ("accounts", "0002_project_uuid")]).apps
        team = old.get_model("accounts", "Team").objects.create(name="t", slug="mig-t")
        project = old.get_model("accounts", "Project").objects.create(team=team, name="p", slug="p")
        Library = old.get_model("vectordb", "Library")
        libraries = [Library.objects.create(project=project, name=f"l{i}", dimension=2) for i in range(3)]
        document = old.get_model("vectordb", "Document").objects.create(library=libraries[0], title="d")
        Chunk = old.get_model("vectordb", "Chunk")
        Chunk.objects.bulk_create(
            [Chunk(library=libraries[0], document=document, embedding=b"\0" * 8) for _ in range(2500)]
        )  # more than one fill batch
        old.get_model("vectordb", "IndexBuild").objects.create(library=libraries[1], index_type="flat")

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        for name, count in (("Library", 3), ("Document", 1), ("Chunk", 2500), ("IndexBuild", 1)):
            values = list(new.get_model("vectordb", name).objects.values_list("uuid", flat=True))
            assert len(values) == count and None not in values, name
            assert len(set(values)) == count, f"{name}: every row its own id"
        field = new.get_model("vectordb", "Chunk")._meta.get_field("uuid")
        assert field.unique and not field.null
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
