"""Issue 16, eighth round: well-known neighbourhoods, districts and big parks of all thirty metros (venues.tsv, block
"neighbourhoods and parks, round 8"), found by the names people write, through the parser and the gazetteer. Each
expected point is the place's own, written apart from its row; a name two metros share asks which city."""

import pytest

from search.interpret import Unresolved
from search.tests.offline import km_from, plan


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("doritos in magnolia seattle", (47.650, -122.400)),
        ("coke in ravenna seattle", (47.676, -122.303)),
        ("water in madrona", (47.612, -122.289)),
        ("snacks in leschi", (47.600, -122.287)),
        ("coke in madison park seattle", (47.635, -122.278)),
        ("chips in lake city seattle", (47.719, -122.295)),
        ("water in rainier beach", (47.513, -122.261)),
        ("coke in interbay", (47.637, -122.377)),
        ("water in kenton portland", (45.583, -122.687)),
        ("coke in irvington portland", (45.540, -122.648)),
        ("water in montavilla", (45.519, -122.580)),
        ("snacks in the hollywood district portland", (45.535, -122.621)),
        ("coke in woodstock portland", (45.479, -122.614)),
        ("water in eastmoreland", (45.481, -122.634)),
        ("coke in lents", (45.480, -122.566)),
        ("coke in carondelet st louis", (38.562, -90.239)),
        ("water in fox park st louis", (38.608, -90.222)),
        ("snacks in st louis hills", (38.585, -90.300)),
        ("coke in carroll gardens", (40.680, -73.999)),
        ("water in boerum hill", (40.685, -73.984)),
        ("coke in flatbush brooklyn", (40.641, -73.958)),
        ("snacks in sheepshead bay", (40.591, -73.944)),
        ("red bull in bensonhurst", (40.605, -73.994)),
        ("coke in sunset park brooklyn", (40.645, -74.011)),
        ("water in ridgewood queens", (40.704, -73.905)),
        ("coke in roslindale", (42.285, -71.127)),
        ("water in west roxbury", (42.279, -71.160)),
        ("snacks in mattapan", (42.272, -71.092)),
        ("coke in bay village boston", (42.348, -71.069)),
        ("coke in the west end boston", (42.364, -71.065)),
        ("water in roscoe village", (41.943, -87.681)),
        ("coke in portage park", (41.958, -87.765)),
        ("snacks in lincoln square chicago", (41.968, -87.689)),
        ("coke in pullman chicago", (41.692, -87.608)),
        ("water in little italy chicago", (41.869, -87.659)),
        ("coke in lakeview new orleans", (30.006, -90.103)),
        ("water in the lower ninth ward", (29.965, -90.015)),
        ("coke in freret new orleans", (29.935, -90.107)),
        ("snacks in the 7th ward new orleans", (29.975, -90.064)),
        ("coke in kirkwood atlanta", (33.754, -84.320)),
        ("water in vine city", (33.757, -84.410)),
        ("coke in barton hills austin", (30.252, -97.785)),
        ("water in dove springs", (30.187, -97.736)),
        ("coke in villa heights charlotte", (35.233, -80.814)),
        ("coke in vickery meadow", (32.870, -96.760)),
        ("water in winnetka heights", (32.747, -96.840)),
        ("coke in belcaro", (39.707, -104.943)),
        ("snacks in lowry denver", (39.718, -104.898)),
        ("coke in north corktown", (42.337, -83.076)),
        ("water in sharpstown", (29.705, -95.520)),
        ("coke in alief", (29.711, -95.596)),
        ("water in rice military", (29.770, -95.420)),
        ("coke in fall creek place", (39.795, -86.152)),
        ("coke in mayport", (30.393, -81.431)),
        ("water in thai town", (34.102, -118.303)),
        ("coke in historic filipinotown", (34.070, -118.270)),
        ("snacks in glassell park", (34.114, -118.230)),
        ("coke in hancock park la", (34.074, -118.328)),
        ("water in mar vista", (34.003, -118.430)),
        ("coke in soulsville memphis", (35.116, -90.033)),
        ("water in the mimo district", (25.835, -80.185)),
        ("coke in liberty city miami", (25.832, -80.223)),
        ("coke in cathedral hill st paul", (44.944, -93.113)),
        ("water in tangletown minneapolis", (44.914, -93.282)),
        ("coke in fitler square", (39.948, -75.179)),
        ("water in pennsport", (39.930, -75.148)),
        ("snacks in east falls philadelphia", (40.011, -75.190)),
        ("coke in moon valley phoenix", (33.610, -112.095)),
        ("coke in central ninth salt lake", (40.751, -111.899)),
        ("water in mahncke park", (29.460, -98.460)),
        ("coke in sherman heights", (32.711, -117.145)),
        ("water in talmadge san diego", (32.762, -117.090)),
        ("coke in alviso", (37.426, -121.974)),
        ("water in spartan keyes", (37.319, -121.871)),
    ],
)
def test_neighbourhoods_are_found(query, point):
    assert km_from(query, point) < 2.0
    assert plan(query).place.confidence in ("high", "medium")


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("water near san pedro springs park", (29.4445, -98.5003)),
        ("agua cerca del parque san pedro springs", (29.4445, -98.5003)),
        ("coke near christopher columbus park", (42.3609, -71.0509)),
        ("water near carkeek park", (47.7115, -122.3765)),
        ("agua en el parque carkeek", (47.7115, -122.3765)),
        ("coke near cal anderson park", (47.6172, -122.3190)),
        ("water at kubota garden", (47.5118, -122.2643)),
        ("snacks near lincoln park seattle", (47.5313, -122.3958)),
        ("water near powell butte", (45.4905, -122.5000)),
        ("coke at kelley point park", (45.6468, -122.7627)),
        ("water near inwood hill park", (40.8718, -73.9258)),
        ("coke at jacob riis park", (40.5668, -73.8712)),
        ("water near horner park chicago", (41.9592, -87.6960)),
        ("coke near oz park", (41.9207, -87.6466)),
        ("water near marquette park chicago", (41.7692, -87.6990)),
        ("coke near hamilton pool", (30.3420, -98.1270)),
        ("water near lake cliff park", (32.7571, -96.8190)),
        ("coke near grand circus park", (42.3362, -83.0509)),
        ("water at milliken state park detroit", (42.3330, -83.0310)),
        ("coke near levy park houston", (29.7368, -95.4248)),
        ("water near lorenzi park", (36.1780, -115.1870)),
        ("coke at the wetlands park las vegas", (36.1080, -115.0270)),
        ("water near hollenbeck park", (34.0420, -118.2180)),
        ("agua en el parque hollenbeck", (34.0420, -118.2180)),
        ("coke near pan pacific park", (34.0770, -118.3550)),
        ("water at point fermin park", (33.7060, -118.2940)),
        ("coke near matheson hammock park", (25.6790, -80.2720)),
        ("water near oleta river state park", (25.9240, -80.1350)),
        ("coke at tropical park miami", (25.7320, -80.3230)),  # infobox point (round 14a)
        ("water near como park st paul", (44.9810, -93.1500)),
        ("coke near phalen park", (44.9880, -93.0570)),
        ("water near penn treaty park", (39.9660, -75.1290)),
        ("coke at bartrams garden", (39.9320, -75.2130)),
        ("water near lemon hill philadelphia", (39.9720, -75.1860)),
        ("coke near mcallister park san antonio", (29.5550, -98.4530)),
        ("water near kate sessions park", (32.8050, -117.2400)),
        ("coke near emma prusch farm park", (37.3360, -121.8530)),
        ("water near martial cottle park", (37.2680, -121.8520)),
        ("coke near theis park kansas city", (39.0450, -94.5800)),
        ("water near city creek park salt lake", (40.7720, -111.8900)),
    ],
)
def test_parks_are_found(query, point):
    assert km_from(query, point) < 1.5
    assert plan(query).place.confidence in ("high", "medium")


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("coke in ravena seattle", (47.676, -122.303)),  # typo of Ravenna
        ("water near carkeek prak", (47.7115, -122.3765)),  # typo of park
        ("coke in montavila portland", (45.519, -122.580)),  # typo of Montavilla
    ],
)
def test_a_misspelt_neighbourhood_or_park_is_still_found(query, point):
    assert km_from(query, point) < 2.0


@pytest.mark.parametrize(
    ("query", "cities"),
    [
        ("coke in lakeview", {"Chicago", "New Orleans"}),
        ("water near clark park", {"Detroit", "Philadelphia"}),
        ("coke in the west end", {"Atlanta", "Boston"}),
        ("coke in the financial district", {"New York", "Boston"}),
    ],
)
def test_a_shared_name_without_its_city_asks_which(query, cities):
    with pytest.raises(Unresolved) as caught:
        plan(query)
    assert caught.value.code == "ambiguous_location"
    assert all(any(city in s for s in caught.value.suggestions) for city in cities)


@pytest.mark.parametrize(
    "query",
    ["coke in magnolia", "water in irvington", "coke in richmond"],
)
def test_a_district_named_like_a_town_elsewhere_is_never_picked_without_its_city(query):
    try:
        place = plan(query).place
    except Unresolved:
        return
    assert not (place.kind == "neighbourhood" and place.metro in ("seattle", "portland")), place
