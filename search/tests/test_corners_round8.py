"""Issue 16, eighth round: corners of the main arterials added for the metros that had few streets (Atlanta,
Charlotte, San Antonio, San Jose, Dallas, Houston, Columbus, St. Louis, Kansas City, Detroit, Las Vegas, Los Angeles,
New Orleans, Jacksonville), in the styles people write them. Each expected point is the intersection as known,
independently of the lines drawn in streets.tsv."""

import pytest

from search.geo.gazetteer import haversine_km
from search.interpret import Unresolved
from search.tests.offline import plan


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("water at ponce de leon ave & n highland ave atlanta", (33.7732, -84.3531)),
        ("water at virginia and highland atlanta", (33.7817, -84.3527)),
        ("water at corner of moreland and euclid atlanta", (33.7642, -84.3492)),
        ("water at dekalb ave at moreland ave atlanta", (33.7593, -84.3490)),
        ("water at 10th st at monroe dr atlanta", (33.7813, -84.3693)),
        ("water at juniper and 14th atlanta", (33.7860, -84.3824)),
        ("water at ponce de leon and moreland", (33.7754, -84.3490)),
        ("water at tryon and 5th charlotte", (35.2283, -80.8418)),
        ("water at college st & trade st charlotte", (35.2262, -80.8418)),
        ("water at corner of church and 4th charlotte", (35.2268, -80.8455)),
        ("water at san pedro and hildebrand san antonio", (29.4612, -98.4975)),
        ("water at st marys st & houston st san antonio", (29.4272, -98.4912)),
        ("water at the alameda and santa clara st san jose", (37.3320, -121.9030)),
        ("water at bascom ave & san carlos st san jose", (37.3227, -121.9318)),
        ("water at san fernando and 1st st san jose", (37.3355, -121.8896)),
        ("water at 4th st and santa clara st san jose", (37.3382, -121.8870)),
        ("water at lovers ln and greenville ave dallas", (32.8509, -96.7700)),
        ("water at main st & ervay st dallas", (32.7812, -96.7974)),
        ("water at kirby and university houston", (29.7168, -95.4180)),
        ("water at heights blvd & 11th st houston", (29.7903, -95.3985)),
        ("water at main st and holcombe blvd houston", (29.7075, -95.4045)),
        ("water at high and long columbus", (39.9657, -83.0007)),
        ("water at high st & nationwide blvd columbus", (39.9685, -83.0010)),
        ("water at kingshighway and manchester st louis", (38.6245, -90.2640)),
        ("water at kingshighway blvd and chippewa st st louis", (38.5890, -90.2650)),
        ("water at euclid & lindell st louis", (38.6440, -90.2605)),
        ("water at linwood and troost kansas city", (39.0689, -94.5715)),
        ("water at broadway and westport rd kansas city", (39.0530, -94.5895)),
        ("water at cass ave & warren ave detroit", (42.3556, -83.0670)),
        ("water at spring mountain and valley view las vegas", (36.1225, -115.1900)),
        ("water at flamingo rd & durango dr las vegas", (36.1161, -115.2790)),
        ("water at harmon and koval las vegas", (36.1083, -115.1625)),
        ("water at 3rd st and fairfax los angeles", (34.0721, -118.3615)),
        ("water at olympic & western los angeles", (34.0527, -118.3091)),
        ("water at alvarado and sunset los angeles", (34.0775, -118.2600)),
        ("water at hollywood blvd & cahuenga blvd", (34.1017, -118.3296)),
        ("water at los feliz and vermont los angeles", (34.1090, -118.2917)),
        ("water at royal st and canal st new orleans", (29.9543, -90.0689)),
        ("water at esplanade and decatur new orleans", (29.9613, -90.0563)),
        ("water at magazine and napoleon new orleans", (29.9190, -90.0975)),
        ("water at laura st & adams st jacksonville", (30.3291, -81.6582)),
        ("water at main and forsyth jacksonville", (30.3280, -81.6560)),
    ],
)
def test_corners_of_the_added_arterials(query, point):
    place = plan(query).place
    assert place.kind == "corner" and haversine_km(place.point, point) < 0.5


def test_a_distinctive_pair_needs_no_city():
    # "spring mountain" and "valley view" are drawn in Las Vegas alone
    place = plan("water at spring mountain and valley view").place
    assert place.kind == "corner" and haversine_km(place.point, (36.1225, -115.1900)) < 0.5


def test_streets_that_do_not_cross_answer_no_corner():
    # Lovers Lane runs east-west north of downtown Dallas; Ervay is a downtown street: they never meet
    with pytest.raises(Unresolved):
        plan("water at lovers ln and ervay st dallas")


@pytest.mark.parametrize(
    "query",
    [
        "water at royal and rampart new orleans",  # side by side through the French Quarter, four blocks apart
        "water at chartres and decatur new orleans",
    ],
)
def test_parallel_streets_answer_no_corner(query):
    assert plan(query).place.kind != "corner"
