"""Issue 16, twelfth round (block "venues.tsv round 12v1"): hotels, hospitals, theatres and music venues, churches,
famous restaurants and bars, high schools and colleges, courthouses and city halls, bridges, malls, small parks and
neighbourhoods of the first 15 fleet metros that neither "coke at <name>" nor "coke at <name> <city>" placed within the
kind's tolerance. Queries are written as people type them (with and without the city, short names, a few in Spanish);
each expected point is something that stands at or beside the place (a station, a corner, a neighbouring building or
park), written apart from its row, with a tolerance fit to the kind and to how far that neighbour stands: 0.3-1 km for a
building, up to 2.5 km for a bridge, a causeway, a large site or a beach, 3 km for a district."""

import pytest

from search.interpret import Unresolved
from search.tests.offline import km_from, plan


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # New York
        ("water near brooklyn borough hall", (40.6931, -73.9899), 0.5),  # Borough Hall station (2, 3, 4, 5)
        ("snacks at harlem hospital", (40.8143, -73.9407), 0.5),  # 135th Street station (2, 3)
        ("coke at gracie mansion", (40.7750, -73.9440), 0.5),  # Carl Schurz Park
        ("agua en el schomburg center", (40.8143, -73.9407), 0.5),  # 135th Street station (2, 3)
        ("coke at tweed courthouse", (40.7127, -74.0059), 0.5),  # New York City Hall
        ("coke at jacobi hospital bronx", (40.8506, -73.8449), 1.0),  # Albert Einstein College of Medicine
        # Chicago
        ("coke at fourth presbyterian church chicago", (41.8988, -87.6229), 0.5),  # John Hancock Center
        ("coke at the biograph theater", (41.9253, -87.6528), 0.5),  # Fullerton station (Red, Brown, Purple)
        ("coke at als beef chicago", (41.8752, -87.6496), 1.0),  # UIC-Halsted station (Blue)
        ("coke at ford city mall", (41.7560, -87.7441), 0.6),  # Cicero Ave and 76th St
        ("coke at billy goat tavern", (41.8904, -87.6237), 0.3),  # Tribune Tower
        ("coke at the cook county criminal courthouse", (41.8400, -87.6950), 1.0),  # Cook County Jail
        ("coke at pritzker pavilion", (41.8827, -87.6233), 0.5),  # Cloud Gate
        ("coke at payton college prep", (41.8966, -87.6356), 0.7),  # Chicago station (Brown, Purple)
        ("coke at old st pats", (41.8830, -87.6406), 0.6),  # Ogilvie Transportation Center
        # Philadelphia
        ("coke at masterman", (39.9623, -75.1608), 0.7),  # Spring Garden station (Broad Street Line)
        ("coke at mother bethel", (39.9449, -75.1559), 0.6),  # Pennsylvania Hospital
        ("coke at old swedes church", (39.9340, -75.1520), 1.0),  # Mummers Museum
        ("coke at tony lukes", (39.9140, -75.1497), 0.5),  # Oregon Ave and Front St
        ("coke at johns roast pork philly", (39.9213, -75.1449), 0.5),  # Snyder Ave and Swanson St
        ("coke at st christopher's hospital philadelphia", (40.0068, -75.1266), 0.5),  # Front St and Erie Ave
        ("coke at divine lorraine", (39.9668, -75.1615), 0.5),  # Fairmount station (Broad Street Line)
        ("coke at dalessandros", (40.0294, -75.2061), 0.5),  # Henry Ave and Wendover St
        # Boston
        ("coke at old south church", (42.3500, -71.0774), 0.5),  # Copley station (Green)
        ("coke at arlington street church", (42.3519, -71.0706), 0.5),  # Arlington station (Green)
        ("coke at jordan hall boston", (42.3427, -71.0856), 0.5),  # Symphony station (Green)
        ("coke at the moakley courthouse", (42.3519, -71.0498), 0.6),  # Boston Children's Museum
        ("coke at comm ave mall", (42.3507, -71.0787), 1.0),  # Commonwealth Ave and Dartmouth St
        ("coke at south bay mall boston", (42.3302, -71.0570), 1.0),  # Andrew station (Red)
        # Miami
        ("refresco en la iglesia del gesu", (25.7780, -80.1900), 0.5),  # Miami Dade College, Wolfson campus
        ("coke at st mary's cathedral miami", (25.8436, -80.2000), 0.5),  # NW 2nd Ave and NW 75th St
        ("coke at the miami dade courthouse", (25.7747, -80.1955), 0.5),  # Government Center station (Metrorail)
        ("coke at mall of the americas miami", (25.7720, -80.3240), 1.0),  # W Flagler St and NW 79th Ave
        ("coke at miami childrens museum", (25.7850, -80.1750), 0.6),  # Jungle Island
        # San Diego
        ("coke at st joseph cathedral san diego", (32.7210, -117.1600), 0.5),  # El Cortez building
        ("coke at san diego city hall", (32.7166, -117.1634), 0.4),  # Civic Center trolley station
        ("coke at the california tower", (32.7321, -117.1495), 0.5),  # Botanical Building, Balboa Park
        ("coke at the hall of justice san diego", (32.7157, -117.1686), 0.6),  # America Plaza
        # Seattle
        ("coke at the fairmont olympic", (47.6090, -122.3350), 0.4),  # Rainier Square
        ("coke at st marks cathedral seattle", (47.6320, -122.3200), 0.5),  # 10th Ave E and E Galer St
        ("coke at garfield high school seattle", (47.6060, -122.3020), 0.5),  # 23rd Ave and E Jefferson St
        ("coke at king county courthouse", (47.6027, -122.3314), 0.4),  # Pioneer Square station (Link)
        ("coke at occidental square", (47.6002, -122.3321), 0.4),  # Waterfall Garden Park
        ("coke at the crocodile seattle", (47.6150, -122.3475), 0.5),  # 1st Ave and Vine St
        ("coke at the aurora bridge", (47.6510, -122.3473), 1.0),  # Fremont Troll
        ("coke at denny park", (47.6205, -122.3493), 1.0),  # Space Needle
        # Detroit
        ("coke at st andrews hall detroit", (42.3350, -83.0410), 0.5),  # Greektown Casino
        ("coke at the magic stick", (42.3547, -83.0616), 0.5),  # Woodward Ave and Warren Ave
        ("coke at bakers keyboard lounge", (42.4453, -83.1418), 0.5),  # 8 Mile Rd and Livernois Ave
        ("coke at shrine of the little flower", (42.5030, -83.1700), 0.6),  # Woodward Ave and 12 Mile Rd
        ("coke at frank murphy hall", (42.3350, -83.0410), 0.5),  # Greektown Casino
        ("coke at theodore levin courthouse", (42.3320, -83.0530), 0.5),  # Rosa Parks Transit Center
        ("coke at chene park", (42.3320, -83.0280), 1.0),  # Rivard Plaza
        # Memphis
        ("coke at minglewood hall", (35.1380, -89.9940), 0.5),  # Madison Ave and Rembert St
        ("coke at elmwood cemetery memphis", (35.1280, -90.0300), 1.0),  # Dudley St and E. H. Crump Blvd
        ("coke at the hi tone", (35.1520, -90.0140), 1.0),  # Crosstown Concourse
        ("coke at st mary's cathedral memphis", (35.1530, -90.0450), 1.0),  # St. Jude Children's Research Hospital
        # St. Louis
        ("coke at steinberg rink", (38.6380, -90.2840), 0.5),  # Forest Park Visitor Center
        ("coke at the sheldon st louis", (38.6400, -90.2330), 0.5),  # Powell Hall
        ("coke at eagleton courthouse", (38.6226, -90.1928), 0.6),  # Busch Stadium
        ("coke at sluh", (38.6290, -90.2710), 0.5),  # Saint Louis Science Center
        # New Orleans
        ("coke at st augustine church new orleans", (29.9610, -90.0680), 0.5),  # Louis Armstrong Park
        ("coke at new orleans city hall", (29.9511, -90.0812), 0.6),  # Caesars Superdome
        ("coke at warren easton", (29.9700, -90.0860), 0.5),  # Canal St and N Broad St
        # Isidore Newman: the article's point (1903 Jefferson Ave); round 15b moved the row there, and the reference
        # used before (Jefferson Ave and Magazine St) is 1.1 km from it
        ("coke at isidore newman school", (29.9311, -90.1116), 1.0),
        ("coke at mothers restaurant", (29.9490, -90.0650), 0.5),  # Harrah's New Orleans
        ("coke at maple leaf bar", (29.9440, -90.1310), 0.6),  # Oak St and S Carrollton Ave
        ("coke at criminal district court new orleans", (29.9630, -90.0940), 0.5),  # Tulane Ave and S Broad St
        ("coke at st aug high school", (29.9830, -90.0770), 1.0),  # Fair Grounds Race Course
        # Jacksonville
        ("coke at memorial hospital jacksonville", (30.2885, -81.6020), 1.0),  # University Blvd S and Beach Blvd
        ("coke at beaches town center", (30.3344, -81.3987), 1.0),  # Atlantic Beach town hall
        ("coke at sun ray cinema", (30.3130, -81.6830), 0.5),  # Five Points, Riverside
        ("coke at first baptist jacksonville", (30.3280, -81.6590), 0.6),  # James Weldon Johnson Park
        # Salt Lake City
        ("coke at little america salt lake", (40.7550, -111.8920), 1.0),  # Grand America Hotel
        ("coke at hotel monaco salt lake city", (40.7640, -111.8890), 0.5),  # Gallivan Center
        ("coke at judge memorial", (40.7560, -111.8720), 1.0),  # Trolley Square
        ("coke at gilgal garden", (40.7560, -111.8720), 1.0),  # Trolley Square
        ("coke at brigham young monument", (40.7704, -111.8925), 0.5),  # Temple Square
        ("coke at matheson courthouse", (40.7590, -111.8860), 0.6),  # Salt Lake City and County Building
        ("coke at warm springs park salt lake", (40.7830, -111.8990), 1.0),  # 300 West and 800 North
        # Los Angeles
        ("coke at stanley mosk courthouse", (34.0553, -118.2498), 0.6),  # Walt Disney Concert Hall
        ("coke at angelus temple", (34.0728, -118.2606), 0.6),  # Echo Park Lake
        ("coke at the apple pan", (34.0370, -118.4300), 1.0),  # Westside Pavilion
        ("coke at battleship iowa", (33.7390, -118.2780), 0.6),  # Los Angeles Maritime Museum
        ("coke at hollywood presbyterian", (34.0977, -118.2903), 0.6),  # Children's Hospital Los Angeles
        ("coke at harvard-westlake", (34.1430, -118.4130), 1.0),  # Coldwater Canyon Ave and Ventura Blvd
        # Houston
        ("coke at lbj hospital", (29.8120, -95.3130), 1.0),  # Kelley St and Lockwood Dr
        ("coke at white oak music hall", (29.7850, -95.3600), 1.0),  # Moody Park
        ("coke at hspva", (29.7601, -95.3694), 1.0),  # Houston City Hall
        ("coke at ninfas on navigation", (29.7560, -95.3430), 1.0),  # Guadalupe Plaza Park
        ("coke at goode company bbq", (29.7170, -95.4150), 1.0),  # Rice Village
        ("coke at nrg center", (29.6847, -95.4107), 0.6),  # NRG Stadium
        ("coke at stude park", (29.7800, -95.3860), 1.0),  # Studewood St bridge over White Oak Bayou
        ("coke at tranquility park", (29.7601, -95.3694), 0.6),  # Houston City Hall
    ],
)
def test_round_12v1_buildings_are_found(query, point, km):
    assert km_from(query, point) < km


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # New York
        ("coke at the verrazano bridge", (40.6060, -74.0580), 2.0),  # Fort Wadsworth, at the bridge's Staten Island end
        ("coke at the triborough bridge", (40.7930, -73.9210), 2.0),  # Randalls Island, under the bridge
        # Boston
        ("coke at faulkner hospital", (42.2990, -71.1190), 1.5),  # Arnold Arboretum's south gate
        ("coke at the tobin bridge", (42.3724, -71.0565), 2.0),  # USS Constitution, Charlestown Navy Yard
        # Miami
        ("coke at rickenbacker causeway", (25.7340, -80.1650), 2.5),  # Miami Seaquarium
        # San Diego
        ("coke at mcrd san diego", (32.7338, -117.1933), 1.5),  # San Diego International Airport terminals
        ("coke at the 32nd street naval station", (32.6847, -117.1114), 2.0),  # 8th Street trolley station
        # Detroit
        ("coke in morningside detroit", (42.3990, -82.9430), 2.0),  # Mack Ave and Outer Drive
        # Memphis
        ("coke at chucalissa", (35.0600, -90.1100), 2.0),  # T. O. Fuller State Park
        ("coke at southland mall memphis", (35.0477, -90.0260), 2.0),  # Graceland
        # St. Louis
        ("coke at casino queen", (38.6247, -90.1848), 2.0),  # Gateway Arch
        ("coke at stan musial bridge", (38.6470, -90.1860), 2.0),  # the riverfront at Cass Ave
        ("coke at willmore park st louis", (38.5580, -90.2860), 2.0),  # Loughborough Commons
        # New Orleans
        ("coke at east jefferson hospital", (29.9990, -90.1740), 1.5),  # Lakeside Shopping Center
        # Jacksonville
        ("coke at stanton college prep", (30.3490, -81.6740), 1.5),  # Durkeeville
        ("coke at boone park jacksonville", (30.3010, -81.7000), 2.0),  # Avondale's shops on St. Johns Ave
        # Salt Lake City
        ("coke at highland high school salt lake city", (40.7230, -111.8450), 1.5),  # Sugar House Park
        # Los Angeles
        ("coke at the vincent thomas bridge", (33.7420, -118.2775), 2.0),  # Battleship Iowa
        ("coke at cabrillo beach", (33.7060, -118.2940), 2.0),  # Point Fermin Lighthouse
        # Houston
        # Bellaire High School: the article's point (5100 Maple St); round 15b moved the row there, and the reference
        # used before (Bellaire's city hall) is 1.9 km from it
        ("coke at bellaire high school", (29.69111, -95.46861), 1.5),
        ("coke at niko nikos", (29.7372, -95.3986), 1.5),  # Menil Collection
    ],
)
def test_round_12v1_bridges_parks_and_large_sites_are_found(query, point, km):
    assert km_from(query, point) < km


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # Miami
        # round 15i: the Kendall CDP's published point (Wikipedia), moved there from near Dadeland Mall, the CDP's
        # north-east corner 5 km away, which this line expected from memory
        ("coke in kendall miami", (25.6667, -80.3567), 3.0),
        ("agua en westchester miami", (25.7490, -80.3340), 3.0),  # Coral Way and SW 87th Ave
        # Memphis
        ("coke in klondike memphis", (35.1520, -90.0140), 3.0),  # Crosstown Concourse
        ("coke in westwood memphis", (35.0410, -90.0600), 3.0),  # Westwood High School
        # St. Louis
        ("coke in gravois park st louis", (38.5950, -90.2290), 3.0),  # Cherokee Street
        ("coke in lindenwood park", (38.5940, -90.2990), 3.0),  # Francis Park
        ("coke in lasalle park st louis", (38.6100, -90.2100), 3.0),  # Soulard Market
        ("coke in fountain park st louis", (38.6602, -90.2352), 3.0),  # Sumner High School
        # New Orleans
        ("coke in village de lest", (30.0470, -89.9140), 3.0),  # Mary Queen of Vietnam Church
        # Jacksonville
        ("coke in englewood jacksonville", (30.2750, -81.6150), 3.0),  # University Blvd and Philips Hwy
        # Los Angeles
        ("coke in harbor city los angeles", (33.7890, -118.2910), 3.0),  # Machado Lake, Ken Malloy Harbor Regional Park
        ("coke in lake view terrace", (34.2630, -118.3860), 3.0),  # Hansen Dam
        ("coke in winnetka los angeles", (34.2210, -118.5710), 3.0),  # Winnetka Ave and Roscoe Blvd
        # Houston
        ("coke in kashmere gardens houston", (29.8060, -95.3130), 3.0),  # Kashmere High School
        ("coke in lindale park", (29.7850, -95.3600), 3.0),  # Moody Park
    ],
)
def test_round_12v1_neighbourhoods_are_found(query, point, km):
    assert km_from(query, point) < km


@pytest.mark.parametrize(
    ("query", "name", "metro"),
    [
        ("coke in harbor city", "Harbor City", "los-angeles"),  # the town's point before, now the district's
        ("coke at rickenbacker", "Rickenbacker International Airport", "columbus"),  # the causeway has no bare alias
        ("coke at harvard", "Harvard University", "boston"),
        ("coke at bellarmine", "Bellarmine College Preparatory", "san-jose"),
        ("coke at park street station", "Park Street Station", "boston"),
        ("coke in north end", "North End", "boston"),  # Detroit's North End was left out for this
        ("coke in glenview", "Glenview", "chicago"),  # the suburb, not Memphis' Glenview
        ("coke at old north church", "Old North Church", "boston"),  # not the Old South Church
    ],
)
def test_what_was_right_stays_right(query, name, metro):
    # ("coke in winnetka" was the Chicago suburb here, 12,000 people; since the fifteenth round a town is weighed by
    # its people too, and Los Angeles' Winnetka, 50,000, makes the bare name a question between two metros, as issue
    # 16 asks: test_places_round15.test_winnetka_between_two_metros_is_asked_about)
    place = plan(query).place
    assert (place.name.split(", ")[0], place.metro) == (name, metro), place


@pytest.mark.parametrize(
    ("query", "wrong_metro"),
    [
        ("coke at harvard-westlake", "boston"),  # was Harvard University
        ("coke in lake view terrace", "chicago"),  # was Chicago's Lakeview
        ("coke at bellaire high school", "san-jose"),  # was Bellarmine College Preparatory
        ("coke at willmore park st louis", "boston"),  # was Park Street station
        ("coke in lindenwood park st louis", "boston"),  # was Park Street station
        ("coke in village de lest", "kansas-city"),  # was Legends Outlets
        ("coke at st joseph cathedral san diego", "jacksonville"),  # was St. John's Cathedral
        ("coke at harlem hospital", "detroit"),  # was Harper University Hospital
        ("coke at lindale park", "minneapolis"),  # was Lyndale Park Rose Garden
    ],
)
def test_namesakes_elsewhere_no_longer_answer(query, wrong_metro):
    assert plan(query).place.metro != wrong_metro


@pytest.mark.parametrize(
    "query",
    ["coke in kendall", "coke in westchester", "coke in westwood", "coke in englewood", "coke at hall of justice",
     "coke at garfield high school", "coke at st marks cathedral", "coke at elmwood cemetery"],
)  # fmt: skip
def test_names_of_several_places_are_still_asked_about(query):
    with pytest.raises(Unresolved):
        plan(query)
