"""The canonical product catalog (27 products with list prices) as data."""

from django.db import migrations


def add_catalog(apps, schema_editor):
    from fleet.catalog import PRODUCT_PRICES

    Product = apps.get_model("fleet", "Product")
    existing = set(Product.objects.values_list("name", flat=True))
    Product.objects.bulk_create(
        [Product(name=name, price=price) for name, price in PRODUCT_PRICES.items() if name not in existing]
    )


class Migration(migrations.Migration):
    dependencies = [("fleet", "0001_initial")]

    operations = [migrations.RunPython(add_catalog, migrations.RunPython.noop)]
