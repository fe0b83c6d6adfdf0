import factory
import numpy as np

from accounts.tests.factories import ProjectFactory
from vectordb.models import Document, Library


class LibraryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Library

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"library-{n}")
    dimension = 8
    metric = "cosine"
    index_type = "flat"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    library = factory.SubFactory(LibraryFactory)
    title = factory.Sequence(lambda n: f"Document {n}")


def random_vectors(n: int, dim: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    v = rng.standard_normal((n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)
