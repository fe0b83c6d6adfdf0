"""Issue 16, fourteenth round (block "venues.tsv round 14g"): heliports, seaplane bases, small and closed airfields and
current and former military bases, army posts and naval stations of the 30 fleet metros that neither the airport data
(airportsdata) nor the earlier rows placed. Queries are written as people type them (with and without the city or
"heliport", by the FAA code written "<code> heliport", a few in Spanish, a few misspelt); each expected point is
something that stands at or beside the place (a station, a corner, a neighbouring building or park), written apart
from its row, with a tolerance fit to how far that neighbour stands."""

import pytest

from search.interpret import Unresolved
from search.tests.offline import plan


def km_from(query, point):
    from search.geo.gazetteer import haversine_km

    return haversine_km(plan(query).place.point, point)


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # New York
        ("coke at the downtown manhattan heliport", (40.7033, -74.0089), 0.5),  # Wall St station (2, 3)
        ("coke at wall street heliport", (40.7033, -74.0089), 0.5),
        ("water at the jrb heliport", (40.7033, -74.0089), 0.5),
        ("coke at the east 34th street heliport", (40.7441, -73.9741), 0.5),  # 1st Ave and E 34th St
        ("coke at 6n5 heliport", (40.7441, -73.9741), 0.5),
        ("coke at west 30th street heliport", (40.7557, -74.0018), 0.6),  # 34th St-Hudson Yards station
        ("coke at the westside heliport new york", (40.7557, -74.0018), 0.6),
        ("coke at fort jay", (40.6895, -74.0168), 0.6),  # Governors Island
        ("coke at fort schuyler bronx", (40.8050, -73.7940), 0.6),  # SUNY Maritime College
        ("coke at stapleton homeport", (40.6275, -74.0752), 0.8),  # Stapleton station (SIR)
        ("coke at fort tilden", (40.5610, -73.8720), 1.5),  # Jacob Riis Park
        # Chicago
        ("coke at vertiport chicago", (41.8670, -87.6665), 0.8),  # Ashland Ave and Roosevelt Rd
        ("coke at fort dearborn chicago", (41.8886, -87.6245), 0.4),  # Michigan Ave bridge
        # Philadelphia
        ("coke at the philadelphia seaplane base", (39.8616, -75.2930), 1.0),  # Essington, Wanamaker Ave and the river
        ("coke at frankford arsenal", (40.0095, -75.0655), 1.2),  # Tacony St and Bridge St
        # Boston
        ("coke at fort independence boston", (42.3380, -71.0110), 0.5),  # Castle Island
        ("coke at the boston navy yard", (42.3723, -71.0566), 0.5),  # USS Constitution
        ("coke at coast guard base boston", (42.3662, -71.0544), 0.5),  # Copp's Hill Terrace
        # Miami
        ("coke at watson island seaplane base", (25.7800, -80.1760), 0.6),  # Watson Island heliport
        ("refresco cerca de southcom doral", (25.8045, -80.3470), 0.5),
        # San Diego
        ("coke at nas miramar", (32.8683, -117.1425), 1.0),  # MCAS Miramar, not Miramar FL
        ("coke at naval training center san diego", (32.7400, -117.2100), 0.6),  # Liberty Station
        ("coke at the sub base point loma", (32.6870, -117.2360), 1.0),  # Ballast Point
        # Seattle
        ("coke at the lake union seaplane base", (47.6270, -122.3370), 0.6),  # Lake Union Park (MOHAI)
        ("coke at kenmore air lake union", (47.6270, -122.3370), 0.6),
        ("coke at renton seaplane base", (47.4931, -122.2159), 1.0),  # Renton airport's middle
        ("coke at puget sound naval shipyard", (47.5630, -122.6260), 1.5),  # Bremerton ferry terminal
        ("coke at naval air station seattle", (47.6816, -122.2569), 0.8),  # Magnuson Park
        ("coke at fort lawton", (47.6570, -122.4050), 1.5),  # Discovery Park
        # Detroit, Memphis, St. Louis, New Orleans
        ("coke at the detroit arsenal warren", (42.4920, -83.0300), 1.5),  # Van Dyke and 11 Mile Rd
        ("coke at windsor airport", (42.2756, -82.9556), 1.0),
        ("coke at brodhead armory", (42.3440, -82.9960), 1.0),  # MacArthur Bridge foot (Belle Isle bridge)
        ("coke at memphis depot", (35.1010, -89.9800), 1.0),  # Airways Blvd and Dunn Ave
        ("coke at the st louis arsenal", (38.5990, -90.2100), 0.8),  # Arsenal St and S 2nd St
        ("coke at michoud assembly facility", (30.0200, -89.9150), 1.5),  # Michoud Blvd and Old Gentilly Rd
        ("coke at naval support activity new orleans", (29.9440, -90.0330), 1.0),  # General Meyer Ave in Algiers
        # Jacksonville, Salt Lake City, Los Angeles, Houston, Phoenix
        ("coke at herlong airport", (30.2778, -81.8059), 0.5),
        ("coke at the los angeles air force base", (33.9163, -118.3839), 0.8),  # Aviation/LAX station (C, K)
        ("coke at la air force base el segundo", (33.9163, -118.3839), 0.8),
        ("coke at the hooper heliport", (34.0561, -118.2345), 0.6),  # Alameda St and Ramirez St
        ("coke at fort moore los angeles", (34.0557, -118.2435), 0.6),  # Civic Center/Grand Park station
        ("coke at drum barracks", (33.7810, -118.2620), 0.8),  # Banning Park
        ("coke at camp logan houston", (29.7640, -95.4410), 1.5),  # Memorial Park
        ("coke at ellington air force base", (29.6073, -95.1588), 1.0),
        # Dallas, Atlanta, Las Vegas, San Antonio, San Jose
        ("coke at the dallas cbd vertiport", (32.7746, -96.8006), 0.6),  # Convention Center station (DART)
        ("coke at dallas heliport", (32.7746, -96.8006), 0.6),
        ("coke at 49t heliport", (32.7746, -96.8006), 0.6),
        ("coke at dobbins air force base", (33.9153, -84.5164), 1.0),
        ("coke at fort gillem", (33.6190, -84.3380), 1.0),
        ("coke at las vegas army airfield", (36.2362, -115.0343), 1.0),
        ("coke at fort sam", (29.4590, -98.4380), 1.0),
        ("coke at onizuka air force station", (37.4040, -122.0300), 0.8),  # Lockheed Martin campus, Sunnyvale
        ("coke at moffett naval air station", (37.4161, -122.0491), 1.5),
        # Columbus, Charlotte, Indianapolis, Denver, Nashville, Portland, Minneapolis, Kansas City
        ("coke at camp chase columbus", (39.9470, -83.0810), 1.0),
        ("coke at wilgrove air park", (35.2139, -80.6700), 0.5),
        ("coke at wilgrove airport charlotte", (35.2139, -80.6700), 0.5),
        ("coke at indianapolis downtown heliport", (39.7670, -86.1510), 0.6),  # Washington St and New Jersey St
        ("coke at mount comfort airport", (39.8431, -85.8977), 1.0),
        ("coke at lowry field", (39.7190, -104.8950), 1.2),  # Wings Over the Rockies museum
        ("coke at fitzsimons army medical center", (39.7450, -104.8380), 1.0),  # Anschutz Medical Campus
        ("coke at berry field air national guard base", (36.1240, -86.6780), 1.5),  # BNA
        ("coke at the portland downtown heliport", (45.5233, -122.6705), 0.5),  # Skidmore Fountain / Saturday Market
        ("coke at tcaap arden hills", (45.0900, -93.1650), 1.5),
        ("coke at lake city army ammunition plant", (39.1000, -94.2700), 2.0),
    ],
)
def test_round14g_airfields(query, point, km):
    assert km_from(query, point) < km


def test_bare_codes_stay_unread_but_code_heliport_names_it():
    # "<code> heliport" is the heliport; the names that used to be other places stay right
    assert plan("coke at jra heliport").place.name.split(", ")[0] == "West 30th Street Heliport"
    assert plan("coke at the nas miramar").place.metro == "san-diego"
    assert plan("coke at fort dearborn").place.metro == "chicago"
    assert plan("coke at fort independence").place.metro == "boston"


def test_a_heliports_street_still_reads_as_the_street():
    place = plan("coke at east 34th street and 2nd avenue").place
    assert place.kind != "airport", place
    with pytest.raises(Unresolved):
        plan("coke at the heliport")
