import factory

from accounts.tests.factories import ProjectFactory
from threads.models import Category, QuestionAnswer, Thread


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Category {n}")
    description = "Questions about something."


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    project = factory.SubFactory(ProjectFactory)
    first_question = factory.Sequence(lambda n: f"How do I do thing number {n}?")
    total_questions = 1


class QuestionAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionAnswer

    thread = factory.SubFactory(ThreadFactory)
    project = factory.SelfAttribute("thread.project")
    question = factory.SelfAttribute("thread.first_question")
    answer = "An answer."
    answer_source = QuestionAnswer.AnswerSource.OFFLINE
