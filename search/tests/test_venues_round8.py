"""Issue 16, eighth round: concert halls, theatres, museums, historic sites, hospitals, malls, casinos, libraries and
famous buildings of the eighteen thinnest metros (venues.tsv, block "venues round 8"), found by the names people
write, through the parser and the gazetteer. Each expected point is the place's own, written apart from its row."""

import pytest

from search.tests.offline import km_from, plan


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("water near the meyerson symphony center", (32.7901, -96.7981)),
        ("coke at the winspear opera house dallas", (32.7906, -96.7962)),
        ("snacks near the wyly theatre", (32.7910, -96.7966)),
        ("water at the majestic theatre dallas", (32.7817, -96.7968)),
        ("chips near the texas theatre oak cliff", (32.7433, -96.8265)),
        ("water at the schnitz portland", (45.5171, -122.6813)),
        ("coke near keller auditorium", (45.5112, -122.6788)),
        ("gum near the crystal ballroom portland", (45.5231, -122.6852)),
        ("water at the saenger theatre new orleans", (29.9560, -90.0699)),
        ("coke near mahalia jackson theater", (29.9613, -90.0688)),
        ("snacks at tpac nashville", (36.1662, -86.7818)),
        ("water near the herberger theater", (33.4503, -112.0702)),
        ("coke near comerica theatre phoenix", (33.4482, -112.0787)),
        ("water at the southern theatre columbus", (39.9572, -82.9988)),
        ("chips near hilbert circle theatre", (39.7684, -86.1572)),
        ("water at the murat theatre indianapolis", (39.7751, -86.1518)),
        ("coke near orchestra hall detroit", (42.3481, -83.0588)),
        ("water near jones hall houston", (29.7623, -95.3652)),
        ("snacks at the alley theatre", (29.7622, -95.3642)),
        ("water at blumenthal performing arts center", (35.2279, -80.8422)),
        ("coke near the cannon center memphis", (35.1502, -90.0502)),
        ("water at kingsbury hall", (40.7652, -111.8488)),
    ],
)
def test_concert_halls_and_theatres_are_found(query, point):
    assert km_from(query, point) < 1.5
    assert plan(query).place.confidence in ("high", "medium")


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("coke near fort negley", (36.1428, -86.7752)),
        ("water at fort nashborough", (36.1642, -86.7748)),
        ("snacks near the batman building nashville", (36.1605, -86.7773)),
        ("water near the bluebird cafe", (36.1032, -86.8158)),
        ("gum near the truman library independence", (39.1042, -94.4205)),
        ("water near linda hall library", (39.0342, -94.5778)),
        ("coke at the coral castle", (25.5002, -80.4444)),
        ("water near the wolfsonian", (25.7801, -80.1332)),
        ("cafecito near versailles little havana", (25.7651, -80.2532)),
        ("agua cerca del monasterio espanol", (25.9288, -80.1652)),
        ("coke near the bush presidential library", (32.8412, -96.7782)),
        ("water at the crow museum dallas", (32.7873, -96.7993)),
        ("water near pueblo grande museum", (33.4468, -111.9802)),
        ("coke near the brown palace denver", (39.7442, -104.9872)),
        ("water near wings over the rockies", (39.7212, -104.8958)),
        ("coke at the family history library salt lake", (40.7708, -111.8948)),
        ("water near lagoon amusement park", (40.9856, -111.8939)),
        ("coke near the penobscot building", (42.3297, -83.0482)),
        ("water at the arab american national museum", (42.3222, -83.1772)),
        ("water near the beer can house", (29.7646, -95.4195)),
        ("snacks near the lick observatory", (37.3413, -121.6431)),
        ("water at hoover tower stanford", (37.4274, -122.1667)),
        ("coke near the presbytere", (29.9578, -90.0637)),
        ("water near pat o'briens new orleans", (29.9583, -90.0652)),
        ("coke near the blues hall of fame memphis", (35.1342, -90.0568)),
    ],
)
def test_museums_historic_sites_and_landmarks_are_found(query, point):
    assert km_from(query, point) < 1.5
    assert plan(query).place.confidence in ("high", "medium")


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("coke at the palazzo las vegas", (36.1242, -115.1688)),
        ("water near vdara", (36.1093, -115.1773)),
        ("snacks at the cromwell las vegas", (36.1157, -115.1723)),
        ("water near el cortez las vegas", (36.1692, -115.1392)),
        ("coke at binions", (36.1703, -115.1439)),
        ("water at south point casino", (36.0122, -115.1748)),
        ("coke near sams town las vegas", (36.1142, -115.0578)),
        ("water at the boulevard mall las vegas", (36.1328, -115.1362)),
        ("coke near the crystals shops las vegas", (36.1072, -115.1742)),
        ("water at chandler fashion center", (33.3012, -111.8978)),
        ("coke near arrowhead towne center", (33.6402, -112.2248)),
        ("water at stonebriar centre frisco", (33.0992, -96.8112)),
        ("coke near washington square mall portland", (45.4512, -122.7808)),
        ("water at bridgeport village", (45.3962, -122.7508)),
        ("snacks at coolsprings galleria", (35.9573, -86.8122)),
        ("water near shops at merrick park", (25.7322, -80.2612)),
    ],
)
def test_casinos_and_malls_are_found(query, point):
    assert km_from(query, point) < 1.5
    assert plan(query).place.confidence in ("high", "medium")


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("water at doernbecher childrens hospital", (45.4987, -122.6853)),
        ("coke near touro infirmary", (29.9268, -90.0872)),
        ("water at mayo clinic phoenix", (33.6582, -111.9570)),
        ("snacks near centennial medical center nashville", (36.1542, -86.8078)),
        ("water at rose medical center denver", (39.7312, -104.9338)),
        ("coke near national jewish health", (39.7388, -104.9432)),
        ("water at st lukes houston", (29.7078, -95.3992)),
        ("water near methodist dallas medical center", (32.7592, -96.8228)),
        ("coke near baptist hospital of miami", (25.6863, -80.3392)),
        ("water at o'connor hospital san jose", (37.3229, -121.9322)),
    ],
)
def test_hospitals_are_found(query, point):
    assert km_from(query, point) < 1.5
    assert plan(query).place.confidence in ("high", "medium")


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("water near the main library jacksonville", (30.3292, -81.6587)),
        ("coke at the ritz theatre jacksonville", (30.3383, -81.6657)),
        ("water near huguenot memorial park", (30.4112, -81.4148)),
        ("snacks at tpc sawgrass", (30.1977, -81.3942)),
        ("water near the kemper arena kansas city", (39.0914, -94.6042)),
        ("coke at the folly theater", (39.0999, -94.5855)),
        ("water at the ohio union", (39.9979, -83.0085)),
        ("coke near thompson library osu", (39.9992, -83.0151)),
        ("water near kemba live columbus", (39.9712, -83.0058)),
        ("water near imaginon charlotte", (35.2282, -80.8372)),
        ("coke at the billy graham library", (35.1953, -80.9332)),
        ("water near the hooks library memphis", (35.1207, -89.9578)),
        ("coke near the meyerson symphony centre", (32.7901, -96.7981)),
        ("water near the palazo las vegas", (36.1242, -115.1688)),
        ("coke near the intel museum", (37.3878, -121.9632)),
        ("water at the conner prairie", (39.9873, -86.0252)),
        ("water near saltair", (40.7688, -112.2044)),
        ("water near the winspear opra house", (32.7906, -96.7962)),
        ("coke near doernbecker childrens hospital", (45.4987, -122.6853)),
        ("water near fort negly nashville", (36.1428, -86.7752)),
        ("water near the holocaust memorial miami beach", (25.7962, -80.1368)),
    ],
)
def test_libraries_parks_arenas_and_typos_are_found(query, point):
    assert km_from(query, point) < 1.5
    assert plan(query).place.confidence in ("high", "medium")
