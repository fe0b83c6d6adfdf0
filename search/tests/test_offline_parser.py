import pytest

from search.geo.gazetteer import Gazetteer
from search.parsing.offline import OfflineParser
from search.parsing.products import ProductResolver
from search.parsing.semantic import LexicalMatcher

parser = OfflineParser(Gazetteer(), ProductResolver(LexicalMatcher()))


def test_it_understands_the_example_query():
    parsed = parser.parse("what's the closest vending machine that has coke near West 42nd Street in New York City")
    assert parsed.product.product == "Cola"
    assert parsed.product.term == "coke"
    assert parsed.location_phrase == "west 42nd street in new york city"
    assert parsed.parser == "offline"


@pytest.mark.parametrize(
    ("query", "product", "location"),
    [
        ("sprite near minute maid park", "Lemon-Lime Soda", "minute maid park"),
        ("coke near the world of coca-cola", "Cola", "the world of coca cola"),
        ("la croix near union station los angeles", "Sparkling Water", "union station los angeles"),
        ("gum near wrigley field", "Gum", "wrigley field"),
        ("Tic Tacs by Pike Place Market", "Mints", "pike place market"),
        ("m&ms 10036", "Peanut M&Ms", "10036"),
    ],
)
def test_place_names_that_contain_product_words_stay_places(query, product, location):
    parsed = parser.parse(query)
    assert parsed.product.product == product
    assert parsed.location_phrase == location


def test_it_reads_count_radius_and_coordinates():
    parsed = parser.parse("top 3 machines with red bull within 2 km of 40.75,-73.99")
    assert parsed.product.product == "Energy Drink"
    assert parsed.limit == 3
    assert parsed.radius_km == 2.0
    assert parsed.coordinates == (40.75, -73.99)
    assert parsed.coordinates_source == "text"


def test_an_unknown_product_keeps_its_words_for_the_message():
    parsed = parser.parse("pizza near times square")
    assert parsed.product.product is None
    assert parsed.product.term == "pizza"
    assert parsed.location_phrase == "times square"


def test_a_typo_in_the_product_is_forgiven():
    parsed = parser.parse("snikers near the bean")
    assert parsed.product.product == "Chocolate Bar"
    assert parsed.location_phrase == "the bean"


def test_a_query_with_only_a_product_has_no_location():
    assert parser.parse("beef jerky").location_phrase is None


def test_a_description_goes_to_the_semantic_matcher():
    parsed = parser.parse("a healthy snack for after the gym in denver")
    assert parsed.product.product == "Protein Bar"
    assert parsed.product.how == "semantic"
    assert parsed.location_phrase == "denver"
