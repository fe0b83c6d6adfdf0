from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from fleet.events import fleet_reset, machines_changed
        from search import services

        post_migrate.connect(services.on_post_migrate, sender=self, dispatch_uid="search.index.post_migrate")
        machines_changed.connect(services.on_machines_changed, dispatch_uid="search.index.machines_changed")
        fleet_reset.connect(services.on_fleet_reset, dispatch_uid="search.index.fleet_reset")
