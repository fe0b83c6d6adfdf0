"""Issue 16, sixth round (b): corners of main streets outside the downtowns of Detroit (the Mile roads, Woodward north
to Ferndale), Indianapolis and Kansas City (their numbered streets), Minneapolis, San Jose, New Orleans and Miami
(Calle Ocho drawn west past 27th Ave, and said in Spanish), through `interpret` and the HTTP API. Each expected point
is the intersection as known, independently of the lines drawn in streets.tsv."""

import pytest

from search.geo.gazetteer import haversine_km
from search.tests.offline import plan


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("water at woodward and 8 mile detroit", (42.4466, -83.1240)),
        ("water at woodward and 9 mile detroit", (42.4605, -83.1337)),
        ("water at 7 mile and livernois detroit", (42.4320, -83.1415)),
        ("water at woodward ave and mcnichols detroit", (42.4175, -83.1055)),
        ("water at 46th and college indianapolis", (39.8393, -86.1458)),
        ("water at 38th st and keystone ave indianapolis", (39.8253, -86.1214)),
        ("water at 63rd and troost kansas city", (39.0134, -94.5715)),
        ("water at 55th st and state line rd kansas city", (39.0270, -94.6075)),
        ("water at 42nd and chicago ave minneapolis", (44.9270, -93.2623)),
        ("water at 38th st and chicago ave minneapolis", (44.9342, -93.2623)),
        ("water at stevens creek and winchester san jose", (37.3233, -121.9502)),
        ("water at st charles and carrollton new orleans", (29.9405, -90.1312)),
        ("water at canal and carrollton new orleans", (29.9757, -90.0958)),
        ("water at calle ocho y la 27 avenida miami", (25.7653, -80.2391)),
        ("water at sw 8th st and sw 57th ave miami", (25.7653, -80.2895)),
    ],
)
def test_corners_of_main_streets_across_the_metro(query, point):
    place = plan(query).place
    assert place.kind == "corner" and haversine_km(place.point, point) < 0.3


def test_woodward_names_detroit_without_the_city():
    # "woodward" is drawn in Detroit alone, so its corner with a Mile road needs no city
    place = plan("water at woodward and 8 mile").place
    assert place.kind == "corner" and haversine_km(place.point, (42.4466, -83.1240)) < 0.3


def test_a_mile_road_corner_over_http(api_client, db):
    location = api_client.get("/api/search", {"q": "water at woodward and 8 mile detroit"}).json()["interpretation"][
        "location"
    ]
    assert (location["resolution"], location["metro"]) == ("corner", "detroit")
    assert location["name"].startswith("Woodward Ave & 8 Mile Rd")
