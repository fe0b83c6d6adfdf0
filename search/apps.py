from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"

    def ready(self) -> None:
        from fleet.events import fleet_reset, machines_changed
        from search import services

        machines_changed.connect(services.on_machines_changed, dispatch_uid="search.index.machines_changed")
        fleet_reset.connect(services.on_fleet_reset, dispatch_uid="search.index.fleet_reset")
