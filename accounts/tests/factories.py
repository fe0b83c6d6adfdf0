import factory

from accounts.models import ApiKey, Project, Team, User
from accounts.services import api_key_create


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    password = factory.django.Password("correct horse battery staple")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")
    slug = factory.Sequence(lambda n: f"team-{n}")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    team = factory.SubFactory(TeamFactory)
    name = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")


class ApiKeyFactory:
    @staticmethod
    def create_with_secret(*, project: Project | None = None, **kwargs) -> tuple[ApiKey, str]:
        return api_key_create(project=project or ProjectFactory(), name=kwargs.pop("name", "test"), **kwargs)
