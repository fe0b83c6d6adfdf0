"""The DummyClassifier, without a database."""

import pytest

from threads import classifier as classifier_module
from threads.classifier import CategoryOption, DummyClassifier, NoCategoriesError

DEFAULTS = [
    CategoryOption(1, "Discovery", "A user trying to figure out how to do something."),
    CategoryOption(2, "Troubleshooting", "A user asking for help with a problem."),
]


def test_it_picks_one_of_the_given_categories():
    chosen = {DummyClassifier(delay=0).classify(f"question {i}", DEFAULTS) for i in range(50)}
    assert chosen <= {1, 2}
    assert chosen == {1, 2}  # ties are spread by the question's hash


def test_it_raises_on_an_empty_list_of_categories():
    with pytest.raises(NoCategoriesError):
        DummyClassifier(delay=0).classify("anything", [])


def test_it_prefers_the_category_whose_words_the_question_shares():
    categories = [*DEFAULTS, CategoryOption(3, "Careers", "Asking for open positions, jobs and hiring.")]
    assert DummyClassifier(delay=0).classify("Do you have open positions for engineers?", categories) == 3
    assert DummyClassifier(delay=0).classify("I have a problem, please help", categories) == 2


def test_the_same_question_always_gets_the_same_category():
    first = DummyClassifier(delay=0).classify("What is this?", DEFAULTS)
    assert all(DummyClassifier(delay=0).classify("What is this?", DEFAULTS) == first for _ in range(5))


def test_it_waits_the_configured_delay_per_question(monkeypatch):
    slept = []
    monkeypatch.setattr(classifier_module.time, "sleep", slept.append)
    DummyClassifier(delay=2.0).classify("q", DEFAULTS)
    DummyClassifier().classify("q", DEFAULTS)
    DummyClassifier(delay=0).classify("q", DEFAULTS)
    assert slept == [2.0, 2.0]


def test_it_refuses_a_negative_delay():
    with pytest.raises(ValueError):
        DummyClassifier(delay=-1)
