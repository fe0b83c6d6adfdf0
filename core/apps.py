from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Platform"

    def ready(self) -> None:
        # After the admin's autodiscovery (listed before us, so its ready() has run): start-up's
        # imports are done, the garbage collector paused by config/__init__.py comes back on.
        from config.startup import resume_gc

        resume_gc()
