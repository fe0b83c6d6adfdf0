"""Issue 16, twelfth round (block "venues.tsv round 12v2" of venues.tsv): hotels and resorts, the off-Strip, Henderson
and downtown Las Vegas casinos, hospitals, theatres, churches, restaurants and bars, bridges and malls of the last 15
fleet metros, and the closed and military airfields of all 30 that the airport data does not know, found by the
names people write (with and without the city, Spanish, typos). The points read from a page are checked against that
page's point (the Wikipedia article's infobox, through the mirror it was read from, written here with the page's own
decimals); the others were written from memory, so their expected point is the building's point at its address,
written apart from the row: for them the test proves the name is found where the address is, not the address
itself. Queries that must keep their old answer (Ellis Island, the Hollywood Pantages, a bridge name two metros
share) are checked too."""

import pytest

from search.interpret import Unresolved
from search.tests.offline import assert_venue, plan


@pytest.mark.parametrize(
    ("query", "name", "point"),
    [
        # points read from pages (infobox coordinates)
        ("coke at the phoenician", "The Phoenician", (33.50722, -111.94972)),
        ("coke near the phoenecian scottsdale", "The Phoenician", (33.50722, -111.94972)),  # typo
        ("agua cerca de texas station", "Texas Station", (36.19778, -115.19083)),
        ("coke near fiesta henderson", "Fiesta Henderson", (36.032138, -115.009379)),
    ],
)
def test_round_12v2_venues_read_from_pages(query, name, point):
    assert_venue(query, name, point)


@pytest.mark.parametrize(
    ("query", "name", "point"),
    [
        # points written from memory: the building at its address
        ("water near camelback inn", "JW Marriott Camelback Inn", (33.5312, -111.9655)),  # 5402 E Lincoln Dr
        ("coke near hotel san carlos phoenix", "Hotel San Carlos", (33.4507, -112.0738)),  # Central Ave & Monroe
        ("snacks at the valley ho", "Hotel Valley Ho", (33.4928, -111.9328)),  # 6850 E Main St
        ("coke at talking stick resort", "Talking Stick Resort", (33.5398, -111.8725)),  # by Loop 101
        ("coke near castles n coasters", "Castles N' Coasters", (33.5803, -112.1168)),  # I-17 & Peoria Ave
        ("water at st lukes medical center phoenix", "St. Luke's Medical Center Phoenix", (33.4513, -112.0433)),
        ("coke at hotel crescent court", "Hotel Crescent Court", (32.7932, -96.8043)),  # Cedar Springs & McKinnon
        ("water at the mansion on turtle creek", "Rosewood Mansion on Turtle Creek", (32.8028, -96.8052)),
        ("coke near omni dallas", "Omni Dallas Hotel", (32.7752, -96.8047)),  # beside the convention center
        ("coke at southfork ranch", "Southfork Ranch", (33.0577, -96.6172)),  # Hogge Rd, Parker
        ("coke near the statler dallas", "The Statler Dallas", (32.7815, -96.7948)),  # 1914 Commerce St
        ("coke at the bomb factory", "The Bomb Factory", (32.7825, -96.7777)),  # Canton St, Deep Ellum
        ("coke at the georgian terrace", "Georgian Terrace Hotel", (33.7728, -84.3852)),  # across from the Fox
        ("water at manuels tavern", "Manuel's Tavern", (33.7712, -84.3528)),  # N Highland & North Ave
        ("coke at boulder station", "Boulder Station", (36.1432, -115.0853)),  # Boulder Hwy at US 95
        ("coke near boulder staton", "Boulder Station", (36.1432, -115.0853)),  # typo
        ("coke at suncoast casino", "Suncoast Hotel and Casino", (36.1757, -115.2882)),  # Rampart & Alta
        ("coke near the fremont hotel", "Fremont Hotel and Casino", (36.1705, -115.1435)),  # Fremont St Experience
        ("coke at golden gate casino", "Golden Gate Hotel and Casino", (36.1717, -115.1461)),  # 1 Fremont St
        ("refresco cerca de las vegas city hall", "Las Vegas City Hall", (36.1674, -115.1476)),  # 495 S Main St
        ("water at tuscany suites", "Tuscany Suites and Casino", (36.1153, -115.1592)),  # E Flamingo Rd
        ("coke at ellis island casino", "Ellis Island Casino", (36.1162, -115.1628)),  # Koval Ln
        ("coke near durango casino", "Durango Casino & Resort", (36.0622, -115.2793)),  # Durango at the 215
        ("coke at summerlin hospital", "Summerlin Hospital Medical Center", (36.1813, -115.3083)),
        ("coke near the m resort", "M Resort", (35.9652, -115.1677)),  # Las Vegas Blvd & St Rose Pkwy
        ("coke at palacio del rio", "Hilton Palacio del Rio", (29.4222, -98.4882)),  # S Alamo St on the River Walk
        ("coke near swri", "Southwest Research Institute", (29.4483, -98.6147)),  # Culebra Rd
        ("coke at la fonda on main san antonio", "La Fonda on Main", (29.4528, -98.4968)),
        ("coke at hayes mansion", "Hayes Mansion", (37.2557, -121.8118)),  # Edenvale Ave
        ("coke at kaiser santa clara", "Kaiser Permanente Santa Clara Medical Center", (37.3368, -121.9963)),
        ("coke near the hammer theatre", "Hammer Theatre Center", (37.3331, -121.8859)),  # Paseo de San Antonio
        ("coke at westgate mall san jose", "Westgate Center", (37.2908, -121.9917)),  # Saratoga Ave
        ("coke near hotel van zandt", "Hotel Van Zandt", (30.2592, -97.7388)),  # Rainey St
        ("coke at the commodore perry estate", "Commodore Perry Estate", (30.3012, -97.7248)),  # Red River St
        ("coke near st mary cathedral austin", "St. Mary Cathedral Austin", (30.2708, -97.7402)),  # 10th & Brazos
        ("coke at the salt lick", "The Salt Lick", (30.1312, -98.0137)),  # FM 1826, Driftwood
        ("coke at camp mabry", "Camp Mabry", (30.3127, -97.7637)),  # 35th St & MoPac
        ("coke near mount carmel east", "Mount Carmel East", (39.9802, -82.8353)),  # E Broad St
        ("coke near skullys", "Skully's Music-Diner", (39.9852, -83.0038)),  # N High St, Short North
        ("coke at the omni charlotte", "Omni Charlotte Hotel", (35.2273, -80.8422)),  # E Trade St
        ("coke near the penguin charlotte", "The Penguin Drive-In", (35.2182, -80.8123)),  # Commonwealth Ave
        ("coke at the omni severin", "Omni Severin Hotel", (39.7632, -86.1598)),  # across from Union Station
        ("coke near ss peter and paul cathedral", "SS. Peter and Paul Cathedral", (39.7868, -86.1572)),
        ("coke at the oxford hotel denver", "Oxford Hotel", (39.7532, -104.9992)),  # 17th & Wazee
        ("coke at boettcher concert hall", "Boettcher Concert Hall", (39.7452, -104.9988)),
        ("coke at swedish medical center denver", "Swedish Medical Center Englewood", (39.6537, -104.9792)),
        ("coke near the tatered cover", "Tattered Cover Book Store", (39.7402, -104.9568)),  # typo; E Colfax
        ("coke near the metro courthouse nashville", "Davidson County Courthouse", (36.1668, -86.7772)),
        ("coke at loveless cafe", "Loveless Cafe", (36.0718, -86.9993)),  # Hwy 100
        ("coke at the kennedy school", "McMenamins Kennedy School", (45.5642, -122.6308)),  # NE 33rd Ave
        ("coke at the hollywood theatre portland", "Hollywood Theatre", (45.5352, -122.6208)),  # NE Sandy Blvd
        ("coke near burnside bridge", "Burnside Bridge", (45.5232, -122.6683)),
        ("coke at broadway bridge portland", "Broadway Bridge Portland", (45.5318, -122.6742)),
        ("coke at broadway bridge kansas city", "Broadway Bridge Kansas City", (39.1148, -94.5882)),
        ("coke near edgefield troutdale", "McMenamins Edgefield", (45.5402, -122.4053)),
        ("coke at hotel ivy", "Hotel Ivy", (44.9722, -93.2738)),  # S 11th St & 2nd Ave
        ("coke at pantages theater minneapolis", "Minneapolis Pantages", (44.9768, -93.2752)),  # Hennepin Ave
        ("coke near the 35w bridge", "I-35W Saint Anthony Falls Bridge", (44.9792, -93.2448)),
        ("coke at hotel phillips", "Hotel Phillips", (39.1002, -94.5838)),  # 12th & Baltimore
        ("coke at joes kansas city", "Joe's Kansas City Bar-B-Que", (39.0418, -94.6272)),  # 47th & Mission Rd
        ("coke near the scout statue", "The Scout", (39.0812, -94.5898)),  # Penn Valley Park
    ],
)
def test_round_12v2_venues_from_memory(query, name, point):
    assert_venue(query, name, point)


@pytest.mark.parametrize(
    ("query", "name", "point"),
    [
        # airfields: the infobox point of the article read; for the rows written from memory (Lockbourne, Meigs Field,
        # Selfridge, the New Orleans NAS, Cecil Field, Los Alamitos) the airfield's reference point as remembered apart
        # from the row (the runways' middle)
        ("coke near williams air force base", "Williams Air Force Base", (33.30806, -111.65972)),
        ("coke near thunderbird field", "Thunderbird Field No. 1", (33.62278, -112.18528)),
        ("coke near hensley field", "Naval Air Station Dallas", (32.74000, -96.97000)),
        ("coke near nas atlanta", "Naval Air Station Atlanta", (33.91528, -84.51639)),
        ("coke near brooks city base", "Brooks Air Force Base", (29.341659, -98.435172)),
        ("coke near martindale army airfield", "Martindale Army Airfield", (29.43, -98.38)),  # airfields-freeman
        ("coke near lockbourne air force base", "Lockbourne Air Force Base", (39.8138, -82.9278)),  # LCK
        ("coke near cornelia fort airpark", "Cornelia Fort Airpark", (36.19028, -86.69972)),
        ("coke near sewart air force base", "Sewart Air Force Base", (36.0089778, -86.520075)),
        ("coke near swan island airport", "Swan Island Municipal Airport", (45.56167, -122.71472)),
        ("coke near richards gebaur", "Richards-Gebaur Air Force Base", (38.849133, -94.552073)),
        ("coke near fairfax airport", "Fairfax Airport", (39.1481639, -94.5997111)),
        ("coke near naval air station olathe", "Naval Air Station Olathe", (38.83083, -94.89028)),
        ("coke near mitchel field", "Mitchel Air Force Base", (40.72556, -73.59500)),
        ("coke near mitchell field", "Mitchel Air Force Base", (40.72556, -73.59500)),  # the usual misspelling
        ("coke near meigs field", "Meigs Field", (41.8586, -87.6080)),  # its runway on Northerly Island
        ("coke near glenview naval air station", "Naval Air Station Glenview", (42.09056, -87.8225)),
        (
            "coke near willow grove naval air station",
            "Naval Air Station Joint Reserve Base Willow Grove",
            (40.1998, -75.1482),
        ),
        ("coke near nas south weymouth", "Naval Air Station South Weymouth", (42.14861, -70.93972)),
        ("coke near squantum naval air station", "Naval Air Station Squantum", (42.29639, -71.03111)),
        ("coke near grosse ile naval air station", "Naval Air Station Grosse Ile", (42.09917, -83.16139)),
        ("coke near selfridge air national guard base", "Selfridge Air National Guard Base", (42.6083, -82.8355)),
        ("coke near nas new orleans", "Naval Air Station Joint Reserve Base New Orleans", (29.8253, -90.0350)),
        ("coke near cecil field", "Naval Air Station Cecil Field", (30.2188, -81.8767)),
        ("coke near imeson airport", "Imeson Field", (30.42, -81.64)),
        ("coke near grand central air terminal", "Grand Central Air Terminal", (34.1630, -118.2867)),
        ("coke near hughes airport", "Hughes Airport", (33.975000, -118.417000)),
        ("coke near nas los alamitos", "Joint Forces Training Base Los Alamitos", (33.7900, -118.0517)),
        ("coke near andrau airpark", "Andrau Airpark", (29.71667, -95.58333)),
    ],
)
def test_round_12v2_airfields(query, name, point):
    assert_venue(query, name, point, km=1.5)


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("coke near ellis island", "Ellis Island"),  # New York's: the casino has no 'ellis island <city>' name
        ("coke at pantages theatre", "Pantages Theatre"),  # Hollywood's: Minneapolis's is 'Minneapolis Pantages'
        ("coke at arizona biltmore", "Arizona Biltmore Hotel"),  # was Biltmore Fashion Park's alias
        ("coke near swedish hospital", "Swedish Medical Center First Hill"),  # Seattle's; Denver's needs its city
        ("coke near floyd bennett field", "Floyd Bennett Field"),
        ("coke near kelly field", "Port San Antonio"),
    ],
)
def test_round_12v2_old_answers_stand(query, name):
    assert plan(query).place.name.split(", ")[0] == name


@pytest.mark.parametrize(
    "query",
    ["coke at broadway bridge", "coke at fremont bridge", "coke at st marys cathedral", "coke at town center"],
)
def test_round_12v2_shared_or_generic_names_need_their_city(query):
    """Portland's and Kansas City's Broadway Bridge, Seattle's and Portland's Fremont Bridge, the St. Mary's
    cathedrals: the bare name is not answered with one of this round's rows."""
    try:
        place = plan(query).place
    except Unresolved:
        return
    assert place.name.split(", ")[0] not in {
        "Broadway Bridge Portland",
        "Broadway Bridge Kansas City",
        "Fremont Bridge Portland",
        "St. Mary's Cathedral Portland",
        "St. Mary Cathedral Austin",
    }, place
