"""Issue 16, eighth round (b): concert halls, theatres, museums, historic sites, hospitals, malls, stations, campuses,
beaches and piers and famous buildings of the twelve bigger metros (venues.tsv, block "venues round 8b"), found by
the names people write, through the parser and the gazetteer. Each expected point is the place's own, written apart
from its row."""

import pytest

from search.interpret import Unresolved
from search.tests.offline import km_from, plan


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("water near the brooklyn academy of music", (40.6862, -73.9776)),
        ("snacks at kings theatre brooklyn", (40.6459, -73.9578)),
        ("coke near symphony center chicago", (41.8792, -87.6251)),
        ("water at the cadillac palace", (41.8852, -87.6339)),
        ("chips near the goodman theatre", (41.8846, -87.6301)),
        ("water near steppenwolf", (41.9114, -87.6487)),
        ("coke at the aragon ballroom", (41.9690, -87.6579)),
        ("water near dorothy chandler pavilion", (34.0574, -118.2489)),
        ("coke at the orpheum los angeles", (34.0430, -118.2557)),
        ("water near the shrine auditorium", (34.0233, -118.2812)),
        ("snacks at the wiltern", (34.0616, -118.3086)),
        ("water near the hollywood palladium", (34.0979, -118.3245)),
        ("coke near the wang theatre boston", (42.3501, -71.0647)),
        ("water at the boston opera house", (42.3541, -71.0624)),
        ("water near the hatch shell", (42.3572, -71.0732)),
        ("coke near the balboa theatre", (32.7140, -117.1612)),
        ("water near the old globe", (32.7323, -117.1523)),
        ("snacks at the rady shell", (32.7042, -117.1655)),
        ("water near the kimmel center", (39.9467, -75.1652)),
        ("coke at the mann center philly", (39.9804, -75.2116)),
        ("water near walnut street theatre", (39.9495, -75.1552)),
        ("coke near the woodruff arts center", (33.7898, -84.3852)),
        ("water at cobb energy centre", (33.8841, -84.4671)),
        ("water near the variety playhouse", (33.7651, -84.3491)),
        ("coke at the orpheum minneapolis", (44.9754, -93.2768)),
        ("water near the ordway", (44.9450, -93.0976)),
        ("water at northrop auditorium", (44.9764, -93.2353)),
        ("coke near the majestic theatre san antonio", (29.4265, -98.4914)),
        ("water near the paramount theatre austin", (30.2693, -97.7422)),
        ("snacks at stubbs austin", (30.2684, -97.7361)),
        ("water near the broken spoke", (30.2416, -97.7846)),
        ("coke near benaroya hall", (47.6080, -122.3369)),
        ("water at mccaw hall", (47.6241, -122.3501)),
        ("coke near the 5th avenue theatre", (47.6090, -122.3341)),
        ("water near powell hall", (38.6403, -90.2326)),
        ("coke at the muny", (38.6366, -90.2942)),
        ("water near the pageant st louis", (38.6555, -90.2986)),
    ],
)
def test_concert_halls_and_theatres_are_found(query, point):
    assert km_from(query, point) < 1.5
    assert plan(query).place.confidence in ("high", "medium")


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("water near grants tomb", (40.8133, -73.9630)),
        ("coke near st john the divine", (40.8037, -73.9618)),
        ("water near green wood cemetery", (40.6523, -73.9906)),
        ("water at the morgan library", (40.7491, -73.9815)),
        ("snacks near the tenement museum", (40.7187, -73.9901)),
        ("coke near katz deli", (40.7222, -73.9874)),
        ("water near robie house", (41.7896, -87.5961)),
        ("water near the newberry library", (41.8996, -87.6312)),
        ("coke near hull house", (41.8717, -87.6479)),
        ("water near the bahai temple wilmette", (42.0744, -87.6845)),
        ("water near daley plaza", (41.8841, -87.6302)),
        ("snacks near the pullman national monument", (41.6931, -87.6091)),
        ("water at the hammer museum", (34.0597, -118.4433)),
        ("coke near the academy museum", (34.0638, -118.3611)),
        ("water at the autry museum", (34.1485, -118.2814)),
        ("water near the wilshire grand", (34.0501, -118.2602)),
        ("coke at the beverly hills hotel", (34.0816, -118.4136)),
        ("water at knotts berry farm", (33.8442, -117.9985)),
        ("water near harvard art museums", (42.3743, -71.1142)),
        ("coke near the glass flowers", (42.3783, -71.1156)),
        ("water near old south meeting house", (42.3572, -71.0584)),
        ("water at the custom house tower", (42.3593, -71.0535)),
        ("coke near the hancock tower boston", (42.3492, -71.0751)),
        ("water near cheers boston", (42.3558, -71.0710)),
        ("water near the whaley house", (32.7526, -117.1942)),
        ("coke near the point loma lighthouse", (32.6722, -117.2411)),
        ("water near the coronado bridge", (32.6895, -117.1541)),
        ("water at the academy of natural sciences", (39.9571, -75.1712)),
        ("coke near pafa", (39.9557, -75.1632)),
        ("water near carpenters hall", (39.9485, -75.1471)),
        ("water at pats steaks", (39.9333, -75.1593)),
        ("coke near the battleship new jersey", (39.9391, -75.1329)),
        ("water near the delta flight museum", (33.6561, -84.4221)),
        ("coke at the margaret mitchell house", (33.7812, -84.3849)),
        ("water near the big chicken marietta", (33.9525, -84.5207)),
        ("water at skyview atlanta", (33.7591, -84.3921)),
        ("coke near the american swedish institute", (44.9554, -93.2657)),
        ("water at paisley park", (44.8618, -93.5605)),
        ("water near the basilica of st mary", (44.9731, -93.2856)),
        ("coke near the james j hill house", (44.9444, -93.1097)),
        ("water near the buckhorn saloon", (29.4261, -98.4898)),
        ("water at natural bridge caverns", (29.6923, -98.3425)),
        ("coke near the ut tower", (30.2861, -97.7393)),
        ("water near treaty oak austin", (30.2712, -97.7548)),
        ("water near the jenga tower austin", (30.2670, -97.7506)),
        ("water at the 360 bridge", (30.3516, -97.7954)),
        ("coke near the first starbucks", (47.6096, -122.3424)),
        ("water at snoqualmie falls", (47.5416, -121.8378)),
        ("water near the wing luke museum", (47.5981, -122.3231)),
        ("coke near the nordic museum", (47.6687, -122.3849)),
        ("water near cahokia mounds", (38.6557, -90.0621)),
        ("water near the world chess hall of fame", (38.6444, -90.2613)),
        ("coke near the wainwright building", (38.6272, -90.1927)),
    ],
)
def test_museums_historic_sites_and_landmarks_are_found(query, point):
    assert km_from(query, point) < 1.5
    assert plan(query).place.confidence in ("high", "medium")


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("water near maimonides medical center", (40.6394, -73.9984)),
        ("coke at montefiore hospital", (40.8801, -73.8801)),
        ("water near elmhurst hospital", (40.7448, -73.8858)),
        ("water near kings county hospital", (40.6558, -73.9444)),
        ("coke near ui health", (41.8695, -87.6725)),
        ("water at advocate christ", (41.7211, -87.7321)),
        ("water near harbor ucla", (33.8298, -118.2945)),
        ("coke near kaiser sunset", (34.0981, -118.2951)),
        ("water near st elizabeths hospital brighton", (42.3496, -71.1484)),
        ("coke near scripps green", (32.8992, -117.2437)),
        ("water near sharp grossmont", (32.7797, -117.0084)),
        ("water at einstein hospital philadelphia", (40.0367, -75.1413)),
        ("coke near fox chase cancer center", (40.0746, -75.0891)),
        ("water near egleston", (33.7957, -84.3197)),
        ("water at scottish rite hospital", (33.9077, -84.3534)),
        ("coke near kennestone", (33.9681, -84.5521)),
        ("water near childrens minnesota", (44.9563, -93.2620)),
        ("water at the minneapolis va", (44.9021, -93.2026)),
        ("coke near north memorial", (45.0134, -93.3203)),
        ("water near christus childrens", (29.4304, -98.4994)),
        ("water near fred hutch", (47.6276, -122.3305)),
        ("coke near overlake hospital", (47.6201, -122.1871)),
    ],
)
def test_hospitals_are_found(query, point):
    assert km_from(query, point) < 1.5
    assert plan(query).place.confidence in ("high", "medium")


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("water at brookfield place", (40.7127, -74.0154)),
        ("coke near american dream mall", (40.8094, -74.0701)),
        ("water near old orchard mall", (42.0631, -87.7491)),
        ("water at 900 north michigan", (41.8993, -87.6246)),
        ("coke near fox hills mall", (33.9857, -118.3916)),
        ("water near natick mall", (42.3009, -71.3828)),
        ("coke at grossmont center", (32.7829, -117.0117)),
        ("water near cherry hill mall", (39.9416, -75.0276)),
        ("coke near franklin mills", (40.0871, -74.9611)),
        ("water at the battery atlanta", (33.8896, -84.4679)),
        ("water near avalon alpharetta", (34.0711, -84.2751)),
        ("coke near southcenter mall", (47.4591, -122.2591)),
        ("water at alderwood mall", (47.8301, -122.2701)),
        ("water near uwajimaya", (47.5981, -122.3271)),
        ("coke near boston public market", (42.3619, -71.0573)),
        ("water at the minneapolis farmers market", (44.9846, -93.2884)),
        ("water near the hynes convention center", (42.3478, -71.0879)),
        ("coke at the long beach convention center", (33.7641, -118.1887)),
        ("water near the stephens convention center", (41.9781, -87.8641)),
        ("water at palmer events center", (30.2596, -97.7544)),
    ],
)
def test_malls_markets_and_convention_centres_are_found(query, point):
    assert km_from(query, point) < 1.5
    assert plan(query).place.confidence in ("high", "medium")


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("water at hoboken terminal", (40.7351, -74.0274)),
        ("coke near newark penn station", (40.7345, -74.1645)),
        ("water at secaucus junction", (40.7613, -74.0756)),
        ("water near howard station chicago", (42.0191, -87.6727)),
        ("coke at alewife", (42.3955, -71.1424)),
        ("water near the 69th street terminal", (39.9621, -75.2589)),
        ("coke at lindbergh center", (33.8232, -84.3692)),
        ("water near the atlanta amtrak station", (33.7991, -84.3921)),
        ("water at union depot st paul", (44.9482, -93.0864)),
        ("coke near target field station", (44.9832, -93.2770)),
        ("water near ryan field", (42.0656, -87.6924)),
        ("water at the palestra", (39.9509, -75.1892)),
        ("coke near the liacouras center", (39.9791, -75.1581)),
        ("water near gregory gym", (30.2844, -97.7365)),
        ("water near harvard business school", (42.3664, -71.1225)),
        ("coke at st kates", (44.9268, -93.1846)),
        ("water near orchard beach bronx", (40.8681, -73.7931)),
        ("coke at walden pond", (42.4391, -71.3379)),
        ("water near revere beach", (42.4171, -70.9901)),
        ("water at the manhattan beach pier", (33.8844, -118.4110)),
        ("coke near redondo pier", (33.8396, -118.3914)),
        ("water near imperial beach pier", (32.5793, -117.1351)),
        ("water at torrey pines beach", (32.9331, -117.2604)),
        ("coke near childrens pool la jolla", (32.8474, -117.2787)),
        ("water at hamilton pool", (30.3424, -98.1268)),
        ("coke near cal anderson park", (47.6171, -122.3191)),
        ("water at como park st paul", (44.9811, -93.1511)),
        ("water near san pedro springs park", (29.4451, -98.5001)),
    ],
)
def test_stations_campuses_beaches_and_parks_are_found(query, point):
    assert km_from(query, point) < 1.5
    assert plan(query).place.confidence in ("high", "medium")


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("agua cerca del museo maritimo de san diego", (32.7207, -117.1734)),
        ("agua cerca de la mision san diego de alcala", (32.7842, -117.1062)),
        ("agua cerca del puente de coronado", (32.6893, -117.1539)),
        ("agua cerca de la mision san gabriel", (34.0967, -118.1065)),
        ("agua cerca del museo de la tolerancia", (34.0521, -118.4017)),
        ("agua cerca del teatro majestic", (29.4267, -98.4916)),
        ("agua cerca del hospital de ninos san antonio", (29.4302, -98.4996)),
        ("agua cerca del parque san pedro", (29.4449, -98.4999)),
        ("agua cerca de la biblioteca central san antonio", (29.4317, -98.4928)),
        ("water near kimel center", (39.9467, -75.1652)),
        ("water near knots berry farm", (33.8442, -117.9985)),
        ("water near stubs austin", (30.2684, -97.7361)),
        ("water near the wiltern theater", (34.0616, -118.3086)),
    ],
)
def test_spanish_names_and_typos_are_found(query, point):
    assert km_from(query, point) < 1.5
    assert plan(query).place.confidence in ("high", "medium")


@pytest.mark.parametrize(
    "query",
    [
        "chocolate bar near the orpheum theatre",  # Los Angeles, Boston, Minneapolis, Memphis, Phoenix, New Orleans
        "water near the paramount theatre",  # Austin, Seattle, Denver
        "water near the state theatre",
    ],
)
def test_generic_theatre_names_need_their_city(query):
    with pytest.raises(Unresolved):
        plan(query)
