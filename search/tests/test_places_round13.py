"""Issue 16, thirteenth round: readings that probes and the twelfth round's dev halves showed wrong, fixed in general.

- A word of the product's name beside its brand is the product's in either number: "takis chips" (catalog "Tortilla
  Chips") left "chips" in the place phrase, so "union station denver" became a fuzzy match of "chips union station".
Expected points are the places' published coordinates (Wikipedia), written apart from the gazetteer's rows."""

import pytest

from search.tests.offline import plan


@pytest.mark.parametrize(
    ("query", "product"),
    [
        ("takis chips near union station denver", "Tortilla Chips"),
        ("takis chips on 6th and congress austin", "Tortilla Chips"),
        ("lays chip near the alamo", "Potato Chips"),
    ],
)
def test_a_plural_or_singular_word_of_the_products_name_beside_its_brand_is_the_products(
    query: str, product: str
) -> None:
    result = plan(query)
    assert result.product == product
    assert result.place.confidence == "high"
    assert result.place.ignored == ()
