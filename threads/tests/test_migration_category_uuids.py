"""Migration 0005 gives the categories that existed before it each their own public UUID, on Postgres
and on SQLite (filled in Python there, no database function)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("threads", "0004_backfill_lock_and_chunks")]
AFTER = [("threads", "0005_category_uuid")]


@pytest.mark.django_db(transaction=True)
def test_existing_categories_get_distinct_uuids_then_the_column_is_unique_and_required():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state([*BEFORE, ("accounts", "0002_project_uuid")]).apps
        team = old.get_model("accounts", "Team").objects.create(name="t", slug="mig-cat-t")
        projects = [
            old.get_model("accounts", "Project").objects.create(team=team, name=f"p{i}", slug=f"p{i}") for i in range(2)
        ]
        Category = old.get_model("threads", "Category")
        made = [Category.objects.create(project=p, name=f"c{i}") for p in projects for i in range(3)]
        thread = old.get_model("threads", "Thread").objects.create(project=projects[0], category=made[0])

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        rows = dict(new.get_model("threads", "Category").objects.values_list("pk", "uuid"))
        assert set(rows) == {c.pk for c in made}, "the integer pks are kept"
        assert None not in rows.values() and len(set(rows.values())) == len(made), "every row its own id"
        assert new.get_model("threads", "Thread").objects.get(pk=thread.pk).category_id == made[0].pk
        field = new.get_model("threads", "Category")._meta.get_field("uuid")
        assert field.unique and not field.null
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
