"""Issue 16, streets round 6d: corners of main streets outside the downtowns of San Diego, Denver, Seattle, Portland,
Boston, St. Louis, New York (outside Manhattan's numbered grid) and Phoenix, through `interpret`; each must come out
within 300 m of the intersection."""

import pytest

from search.geo.gazetteer import haversine_km
from search.tests.offline import plan

CORNERS = [
    ("water at garnet and mission san diego", (32.7976, -117.2527)),
    ("water at broadway and harbor dr san diego", (32.7157, -117.1735)),
    ("water at garnet ave & ingraham st san diego", (32.7983, -117.2398)),
    ("water at colfax and wadsworth denver", (39.7402, -105.0814)),
    ("water at federal and 38th ave denver", (39.7695, -105.0250)),
    ("water at colorado blvd and hampden denver", (39.6531, -104.9407)),
    ("water at california and alaska west seattle", (47.5613, -122.3868)),
    ("water at aurora and 85th seattle", (47.6903, -122.3445)),
    ("water at ne 65th st and roosevelt way seattle", (47.6758, -122.3168)),
    ("water at burnside and 82nd portland", (45.5229, -122.5783)),
    ("water at nw 23rd and burnside portland", (45.5230, -122.6985)),
    ("water at killingsworth and interstate portland", (45.5627, -122.6818)),
    ("water at mass ave and columbus ave boston", (42.3403, -71.0810)),
    ("water at main st and mass ave cambridge", (42.3653, -71.1036)),
    ("water at boylston and arlington boston", (42.3516, -71.0705)),
    ("water at delmar and skinker st louis", (38.6560, -90.3010)),
    ("water at kingshighway and delmar st louis", (38.6560, -90.2640)),
    ("water at fulton and nostrand brooklyn", (40.6804, -73.9505)),
    ("water at eastern parkway and utica ave brooklyn", (40.6688, -73.9310)),
    ("water at flatbush and church ave brooklyn", (40.6505, -73.9590)),
    ("water at main st and roosevelt ave flushing queens", (40.7596, -73.8300)),
    ("water at delancey and essex new york", (40.7184, -73.9877)),
    ("water at canal and lafayette new york", (40.7186, -74.0003)),
    ("water at 7th st and missouri phoenix", (33.5166, -112.0650)),
    ("water at 12th st and mcdowell phoenix", (33.4655, -112.0563)),
    ("water at 20th st and camelback phoenix", (33.5093, -112.0388)),
]


@pytest.mark.parametrize(("query", "point"), CORNERS)
def test_round6d_corners(query, point):
    place = plan(query).place
    assert place.kind == "corner" and haversine_km(place.point, point) < 0.3
