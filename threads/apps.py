from django.apps import AppConfig


class ThreadsConfig(AppConfig):
    name = "threads"
    verbose_name = "Chat threads"

    def ready(self) -> None:
        from accounts.events import project_created
        from threads.receivers import seed_categories_of_new_project

        project_created.connect(seed_categories_of_new_project, dispatch_uid="threads.seed_categories")
