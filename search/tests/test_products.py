import pytest

from fleet.catalog import PRODUCT_NAMES
from search.parsing.products import AMBIGUOUS, CATALOG, DESCRIPTIONS, DRINKS, LEXICON, SNACKS, ProductResolver
from search.parsing.semantic import EmbeddingMatcher, LexicalMatcher

resolver = ProductResolver(LexicalMatcher())


def test_the_lexicon_covers_exactly_the_fleet_catalog():
    assert set(CATALOG) == set(PRODUCT_NAMES)
    assert set(DRINKS) | set(SNACKS) == set(PRODUCT_NAMES)
    assert set(LEXICON) == set(DESCRIPTIONS) == set(PRODUCT_NAMES)
    for products in AMBIGUOUS.values():
        assert set(products) <= set(PRODUCT_NAMES)


@pytest.mark.parametrize(
    ("said", "product"),
    [
        ("coke", "Cola"),
        ("Coca-Cola", "Cola"),
        ("diet coke", "Diet Cola"),
        ("Coke Zero", "Diet Cola"),
        ("sprite", "Lemon-Lime Soda"),
        ("7up", "Lemon-Lime Soda"),
        ("red bull", "Energy Drink"),
        ("Monster", "Energy Drink"),
        ("doritos", "Tortilla Chips"),
        ("Lay's", "Potato Chips"),
        ("snickers", "Chocolate Bar"),
        ("Hershey's", "Chocolate Bar"),
        ("M&M's", "Peanut M&Ms"),
        ("m and ms", "Peanut M&Ms"),
        ("La Croix", "Sparkling Water"),
        ("seltzer", "Sparkling Water"),
        ("cold brew", "Iced Coffee"),
        ("OJ", "Orange Juice"),
        ("tic tacs", "Mints"),
        ("jerky", "Beef Jerky"),
        ("Cookies", "Cookies"),
        ("PRETZELS", "Pretzels"),
        ("granola bars", "Granola Bar"),
    ],
)
def test_it_maps_brands_and_everyday_words_to_the_catalog(said, product):
    assert resolver.resolve(said).product == product


@pytest.mark.parametrize(
    ("typo", "product"),
    [("cokr", "Cola"), ("snikers", "Chocolate Bar"), ("dortios", "Tortilla Chips"), ("pretzles", "Pretzels")],
)
def test_it_tolerates_typos(typo, product):
    match = resolver.resolve(typo)
    assert match.product == product
    assert match.how == "fuzzy"


def test_an_ambiguous_word_comes_back_as_candidates():
    match = resolver.resolve("candy")
    assert match.product is None
    assert match.how == "ambiguous"
    assert {"Chocolate Bar", "Peanut M&Ms", "Gum"} <= set(match.alternatives)
    assert match.found


@pytest.mark.parametrize("word", ["soda", "pop", "soft drink", "tonic", "refresco", "gaseosa", "soda pop"])
def test_a_bare_soda_word_is_a_cola_with_the_other_sodas_offered(word):
    match = resolver.resolve(word)
    assert match.product == "Cola"
    assert {"Diet Cola", "Lemon-Lime Soda", "Root Beer", "Ginger Ale"} <= set(match.alternatives)


@pytest.mark.parametrize("phrase", ["tonic water", "club soda", "soda water"])
def test_fizzy_waters_named_after_soda_are_sparkling_water(phrase):
    assert resolver.resolve(phrase).product == "Sparkling Water"


def test_an_unknown_word_is_a_clear_no_match_with_suggestions():
    match = resolver.resolve("pizza")
    assert match.product is None
    assert match.how == "none"
    assert not match.found
    assert match.suggestions
    assert set(match.suggestions) <= set(PRODUCT_NAMES)


def test_a_false_friend_is_not_a_typo():
    assert resolver.fuzzy("after") is None  # not "water"


def test_the_lexical_matcher_reads_descriptions():
    assert resolver.resolve("dried meat snack").product == "Beef Jerky"
    assert resolver.resolve("something to keep me awake").product == "Energy Drink"


def test_a_single_unknown_noun_is_never_resolved_by_the_semantic_matcher():
    def matcher(phrase):
        return [("Popcorn", 0.99)]

    match = ProductResolver(matcher).resolve("pizza")
    assert match.product is None
    assert match.how == "none"
    assert match.suggestions[0] == "Popcorn"  # it may still suggest


def test_the_embedding_matcher_ranks_by_cosine_of_the_descriptions():
    import numpy as np

    names = list(CATALOG)

    def embed(texts):
        rows = []
        for text in texts:
            vector = np.zeros(len(names), dtype=np.float32)
            for i, name in enumerate(names):
                if name.lower() in text.lower() or ("meat" in text and name == "Beef Jerky"):
                    vector[i] = 1.0
            norm = np.linalg.norm(vector) or 1.0
            rows.append(vector / norm)
        return np.stack(rows)

    ranked = EmbeddingMatcher(embed)("salty dried meat snack")
    assert ranked[0][0] == "Beef Jerky"
    assert ranked[0][1] > 0.5


def test_a_failing_embedding_matcher_gives_no_answer_rather_than_an_error():
    def broken(texts):
        raise RuntimeError("model missing")

    assert EmbeddingMatcher(broken)("something sweet") is None


@pytest.mark.parametrize(
    ("word", "product"),
    [("mountain dew", "Lemon-Lime Soda"), ("sweet tea", "Green Tea"), ("hot cheetos", "Tortilla Chips"),
     ("chex mix", "Trail Mix"), ("minute maid", "Orange Juice"), ("minute maid lemonade", "Lemonade")],
)  # fmt: skip
def test_brands_whose_catalog_item_is_plain(word, product):
    assert resolver.resolve(word).product == product
