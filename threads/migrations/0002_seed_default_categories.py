"""Every existing project starts with the default categories (new projects get them when created)."""

from django.db import migrations

DEFAULTS = (
    ("Discovery", "A user trying to figure out how to do something."),
    ("Troubleshooting", "A user asking for help with a problem."),
)


def seed(apps, schema_editor):
    Project = apps.get_model("accounts", "Project")
    Category = apps.get_model("threads", "Category")
    CategorySeed = apps.get_model("threads", "CategorySeed")
    seeded = set(CategorySeed.objects.values_list("project_id", flat=True))
    project_ids = [pk for pk in Project.objects.order_by("pk").values_list("pk", flat=True) if pk not in seeded]
    for start in range(0, len(project_ids), 1000):
        batch = project_ids[start : start + 1000]
        existing = {
            (project_id, name.lower())
            for project_id, name in Category.objects.filter(project_id__in=batch).values_list("project_id", "name")
        }
        CategorySeed.objects.bulk_create([CategorySeed(project_id=pk) for pk in batch])
        Category.objects.bulk_create(
            [
                Category(project_id=pk, name=name, description=description)
                for pk in batch
                for name, description in DEFAULTS
                if (pk, name.lower()) not in existing
            ]
        )


class Migration(migrations.Migration):
    dependencies = [("threads", "0001_initial"), ("accounts", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
