"""Issue 16, streets round 6a: corners named in Spanish ("calle ocho y la 27 avenida", "esquina de calle 8 y
avenida 27") and with the English connectors ("corner of X and Y", "X at Y", "X & Y", "X y Y"), through `interpret`.
"""

import pytest

from search.geo.gazetteer import haversine_km
from search.tests.offline import plan


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("water at calle ocho y la 27 avenida miami", (25.7656, -80.2387)),
        ("water at esquina de calle 8 y avenida 27 miami", (25.7656, -80.2387)),
        ("water at calle 8 y 27 avenida miami", (25.7656, -80.2387)),
        ("water at calle ocho y avenida 12 miami", (25.7657, -80.2155)),
        ("water at corner of colfax and broadway denver", (39.7402, -104.9875)),
        ("water at colfax & broadway denver", (39.7402, -104.9875)),
        ("water at colfax y broadway denver", (39.7402, -104.9875)),
        ("water at peachtree st at 10th st atlanta", (33.7815, -84.3847)),
    ],
)
def test_spanish_and_english_corner_forms(query, point):
    place = plan(query).place
    assert place.kind == "corner" and haversine_km(place.point, point) < 0.3


def test_a_spanish_article_does_not_eat_a_street_named_la():
    place = plan("water at la brea and sunset").place  # "la brea" is a name, not "the brea"
    assert place.kind == "corner" and haversine_km(place.point, (34.0982, -118.3442)) < 0.3
