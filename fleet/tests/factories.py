import factory

from fleet.models import InventoryItem, Machine, Product, ServiceLog


class MachineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Machine

    asset_tag = factory.Sequence(lambda n: f"VM-T{n:06d}")
    name = factory.Sequence(lambda n: f"Office Tower #{n} — New York")
    model = "BevMax 4"
    manufacturer = "Crane"
    status = "operational"
    latitude = 40.75
    longitude = -73.98
    address = "350 5th Ave"
    location_description = "In the lobby next to the ATM"
    city = "New York"
    region = "NY"
    capacity = 400


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        django_get_or_create = ("name",)

    name = "Cola"
    price = "2.00"


class InventoryItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InventoryItem

    machine = factory.SubFactory(MachineFactory)
    product = factory.SubFactory(ProductFactory)
    quantity = 5


class ServiceLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceLog

    machine = factory.SubFactory(MachineFactory)
    type = "inspection"
    technician = "Dana Reyes"
