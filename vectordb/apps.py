from django.apps import AppConfig


class VectordbConfig(AppConfig):
    name = "vectordb"
