"""Issue 16, thirteenth round (blocks "venues.tsv round 13e" and "streets.tsv round 13e"): parks, preserves, lakes and
trails, music venues, bars and restaurants, museums, hotels, hospitals, schools and colleges, malls, stations and
neighbourhoods of San Jose, Austin, Columbus, Charlotte and Indianapolis that neither "coke at <name>" nor "coke at
<name> <city>" placed within the kind's tolerance. Queries are written as people type them (with and without the city,
short names, a few in Spanish); each expected point is written apart from its row: a neighbouring building, park or
station that another file places, or the published coordinate the comment names, with a tolerance fit to the kind and
to how far that neighbour stands (0.4-1 km for a building, up to 2.5 km for a large park or lake, 2-3 km for a
district). The corners check the new Indianapolis lines and Austin's South Lamar against the Fountain Square point and
the Broken Spoke / Matt's El Rancho points they were laid through."""

import pytest

from search.tests.offline import assert_corner, km_from, plan


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # San Jose
        ("coke at peralta adobe", (37.3362, -121.8943), 0.4),  # San Pedro Square Market
        ("coke at the japanese american museum san jose", (37.3487, -121.8947), 0.6),  # Japantown
        ("coke at the old courthouse san jose", (37.3380, -121.8910), 0.4),  # St. James Park
        ("coke at the quilt museum san jose", (37.3300, -121.8860), 0.6),  # SoFA District
        ("coke at henrys hi life", (37.3327, -121.9010), 0.8),  # SAP Center (memory)
        ("coke at our lady of peace santa clara", (37.3977, -121.9745), 1.5),  # California's Great America
        ("coke at mission college", (37.3977, -121.9745), 1.5),  # California's Great America
        ("coke at lucile packard childrens hospital", (37.4330, -122.1750), 0.7),  # Stanford Hospital
        ("coke at milpitas bart", (37.4160, -121.8970), 1.0),  # Great Mall
        ("coke at infinite loop", (37.3318, -122.0312), 0.5),  # 1 Infinite Loop (published address point)
        ("coke at the pruneyard", (37.2872, -121.9500), 2.0),  # Campbell's town point
        ("refresco en raging waters san jose", (37.3350, -121.8120), 1.0),  # Lake Cunningham Park
        ("coke at mountain view caltrain", (37.3861, -122.0839), 1.5),  # Mountain View's town point
        # Austin
        ("coke at waterloo records", (30.2712, -97.7530), 0.4),  # 6th St and Lamar Blvd
        ("coke at bookpeople austin", (30.2712, -97.7530), 0.4),  # 6th St and Lamar Blvd
        ("coke at whole foods flagship", (30.2712, -97.7530), 0.4),  # 6th St and Lamar Blvd
        ("coke at mohawk austin", (30.2683, -97.7362), 0.5),  # Stubb's Bar-B-Q
        ("coke at the austin motel", (30.2500, -97.7493), 0.4),  # Continental Club
        ("agua en el mural i love you so much", (30.2500, -97.7493), 0.4),  # Continental Club
        ("coke at c boys austin", (30.2500, -97.7493), 1.2),  # Continental Club
        ("coke at magnolia cafe", (30.2500, -97.7493), 0.6),  # Continental Club
        ("coke at littlefield fountain", (30.2862, -97.7394), 0.5),  # UT Main Building
        ("coke at hole in the wall austin", (30.2862, -97.7394), 0.8),  # UT Main Building
        ("coke at terry blacks austin", (30.2595, -97.7545), 0.6),  # Palmer Events Center
        ("coke at brush square", (30.2635, -97.7396), 0.5),  # Austin Convention Center
        ("coke at the four seasons austin", (30.2610, -97.7450), 0.5),  # Congress Avenue Bridge
        ("coke at kalahari round rock", (30.5273, -97.6307), 1.5),  # Dell Diamond
        ("coke at concordia university texas", (30.4200, -97.8369), 0.5),  # Wikipedia infobox
        ("coke at saxon pub", (30.2485, -97.7745), 1.5),  # Matt's El Rancho, 13 blocks down S Lamar
        # Columbus
        ("coke at billy ireland cartoon library", (40.0000, -83.0090), 0.4),  # Wexner Center for the Arts
        ("coke at buckeye donuts", (40.0000, -83.0090), 0.6),  # Wexner Center for the Arts
        ("coke at thurman cafe", (39.9470, -82.9940), 0.6),  # Schiller Park
        ("coke at katzingers", (39.9470, -82.9940), 1.0),  # Schiller Park
        ("coke at the ohio supreme court", (39.9613, -82.9990), 0.6),  # Ohio Statehouse
        ("coke at huntington center columbus", (39.9613, -82.9990), 0.4),  # Ohio Statehouse
        ("coke at garden theater columbus", (39.9780, -83.0030), 0.5),  # Short North
        # Charlotte
        ("coke at neighborhood theatre", (35.2470, -80.8130), 1.0),  # NoDa
        ("coke at the visulite", (35.2130, -80.8200), 0.6),  # Elizabeth
        ("coke at mccoll center", (35.2294, -80.8366), 0.6),  # First Ward Park
        ("coke at wing haven charlotte", (35.1880, -80.8330), 1.0),  # Queens University of Charlotte
        ("coke at the duke mansion", (35.1880, -80.8260), 1.0),  # Myers Park
        ("coke at charlotte nature museum", (35.1940, -80.8400), 1.3),  # Freedom Park
        ("coke at the green charlotte", (35.2240, -80.8480), 0.3),  # Mint Museum Uptown
        # Indianapolis
        ("coke at indiana repertory theatre", (39.7650, -86.1600), 0.4),  # Circle Centre Mall
        ("agua en el indiana roof ballroom", (39.7650, -86.1600), 0.4),  # Circle Centre Mall
        ("coke at indiana historical society", (39.7680, -86.1680), 0.6),  # Eiteljorg Museum
        ("coke at indiana state library", (39.7686, -86.1626), 0.5),  # Indiana Statehouse
        ("coke at birch bayh courthouse", (39.7684, -86.1581), 0.5),  # Monument Circle
        ("coke at the riley home indianapolis", (39.7710, -86.1480), 0.5),  # Lockerbie Square
        ("coke at vonnegut museum", (39.7770, -86.1660), 0.6),  # Madam Walker Legacy Center
        ("coke at bottleworks", (39.7740, -86.1500), 0.8),  # Mass Ave
        ("coke at ruoff music center", (40.0052, -85.9311), 0.5),  # Wikipedia infobox
        ("coke at clay terrace", (39.9970, -86.1290), 0.5),  # Wikipedia infobox
    ],
)
def test_round_13e_buildings_are_found(query, point, km):
    assert km_from(query, point) < km


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        ("coke at grant ranch", (37.3455, -121.6872), 1.0),  # Wikipedia infobox
        ("agua en guadalupe oak grove park", (37.2361, -121.8803), 0.5),  # wikimapia
        ("coke at anderson lake san jose", (37.1650, -121.6300), 1.5),  # Wikipedia infobox
        ("coke at hakone gardens", (37.2638, -122.0230), 2.0),  # Saratoga's town point
        ("coke at villa montalvo", (37.2638, -122.0230), 2.5),  # Saratoga's town point
        ("coke at wild basin", (30.3103, -97.8233), 0.5),  # Wikipedia infobox
        ("coke at walter e long lake", (30.2852, -97.5962), 1.5),  # Wikipedia infobox
        ("coke at old settlers park round rock", (30.5273, -97.6307), 2.0),  # Dell Diamond
        ("coke at hula hut", (30.2770, -97.7730), 2.5),  # Deep Eddy Pool
        ("coke at chadwick arboretum", (40.0017, -83.0197), 1.5),  # Ohio Stadium
        ("coke at blacklick woods", (39.9460, -82.8100), 1.0),  # hiking-ohio.com coordinates
        ("coke at field of corn dublin", (40.0992, -83.1141), 2.5),  # Historic Dublin
        ("coke at holcomb gardens", (39.8400, -86.1720), 0.8),  # Butler University
    ],
)
def test_round_13e_parks_lakes_and_large_sites_are_found(query, point, km):
    assert km_from(query, point) < km


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        ("coke in wells branch", (30.4440, -97.6785), 1.5),  # Wikipedia infobox
        ("coke in bryker woods austin", (30.2900, -97.7240), 3.5),  # St. David's Medical Center
        ("coke in swede hill", (30.2747, -97.7404), 1.5),  # Texas State Capitol
        ("coke in olde gahanna", (40.0192, -82.8793), 0.5),  # Gahanna's town point
        ("coke in grier heights", (35.1870, -80.7940), 2.5),  # Cotswold
        ("coke in seversville charlotte", (35.2320, -80.8630), 1.5),  # Wesley Heights
        ("coke in enderly park", (35.2320, -80.8630), 2.0),  # Wesley Heights
        ("coke in midtown san jose", (37.3380, -121.8910), 3.5),  # St. James Park
    ],
)
def test_round_13e_neighbourhoods_are_found(query, point, km):
    assert km_from(query, point) < km


@pytest.mark.parametrize(
    ("query", "name", "metro"),
    [
        ("coke at central park", "Central Park", "new-york"),  # Santa Clara's is only 'central park santa clara'
        ("coke at mission san jose", "Mission San José", "san-antonio"),  # Fremont's needs the city
        ("coke at lafayette square", "Lafayette Square", "st-louis"),  # Indianapolis's is the mall's full name
    ],
)
def test_what_was_right_stays_right(query, name, metro):
    place = plan(query).place
    assert (place.name.split(", ")[0], place.metro) == (name, metro), place


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("coke at shelby and prospect indianapolis", (39.7500, -86.1400)),  # Fountain Square
        ("agua en virginia ave y shelby st indianapolis", (39.7500, -86.1400)),  # Fountain Square
        ("coke at s lamar and oltorf austin", (30.2450, -97.7795)),  # between Matt's El Rancho and the Broken Spoke
    ],
)
def test_round_13e_corners(query, point):
    assert_corner(query, point, km=0.4)
