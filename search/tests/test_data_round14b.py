"""Issue 16, fourteenth round (blocks "venues.tsv round 14b" and "streets.tsv round 14b"): hotels, casinos,
restaurants, bars, cemeteries, stations, schools, colleges, hospitals, malls, parks and neighbourhoods of San Diego,
Seattle, Detroit, Memphis and St. Louis that neither "coke at <name>" nor "coke at <name> <city>" placed within the
kind's tolerance. Queries are written as people type them (with and without the city, short names, a few in Spanish,
a few misspelt); each expected point is something that stands at or beside the place (a station, a corner, a
neighbouring building or park), written apart from its row, with a tolerance fit to the kind and to how far that
neighbour stands: 0.5-1 km for a building, up to 2.5 km for a district."""

import pytest

from search.tests.offline import assert_corner, km_from, plan


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # San Diego
        ("coke at the coronado ferry landing", (32.6960, -117.1680), 0.8),  # 1st St and Orange Ave, Coronado
        ("coke at torrey pines golf course", (32.8997, -117.2437), 1.0),  # The Lodge at Torrey Pines, beside it
        ("agua cerca de sycuan casino", (32.7900, -116.8300), 2.0),  # Dehesa Rd in the Dehesa Valley
        ("coke at the olympic training center chula vista", (32.6330, -116.9400), 1.5),  # Lower Otay Reservoir's shore
        ("coke at sesame place san diego", (32.5880, -116.9990), 1.0),  # North Island Credit Union Amphitheatre
        ("coke at bazaar del mundo", (32.7550, -117.1970), 0.6),  # Old Town State Historic Park's plaza
        ("coke at cafe coyote old town", (32.7550, -117.1970), 0.6),  # Old Town State Historic Park's plaza
        ("coke at the omni san diego", (32.7073, -117.1566), 0.6),  # Petco Park
        ("coke at the marriott marquis san diego", (32.7063, -117.1622), 0.8),  # the Convention Center's west end
        ("coke at catamaran resort", (32.7930, -117.2540), 1.0),  # Crystal Pier, Pacific Beach
        ("coke at paradise point resort", (32.7700, -117.2350), 1.0),  # Vacation Isle
        ("coke at america plaza station", (32.7160, -117.1700), 0.5),  # Santa Fe Depot's south end on Broadway
        ("coke at grossmont transit center", (32.7820, -117.0100), 1.0),  # Grossmont Center
        ("coke at the cabrillo tide pools", (32.6722, -117.2410), 1.5),  # Old Point Loma Lighthouse
        ("coke at patrick henry high school san diego", (32.7900, -117.0500), 1.5),  # San Carlos, Lake Murray Blvd
        ("coke at kearny high", (32.7950, -117.1600), 1.0),  # Linda Vista Rd at Genesee Ave
        ("coke at cal western law", (32.7198, -117.1636), 0.5),  # Cedar St and 2nd Ave
        ("coke at sharp coronado hospital", (32.6810, -117.1780), 1.5),  # Hotel del Coronado
        ("coke at college grove", (32.7380, -117.0530), 0.8),  # College Ave at the SR 94
        ("coke in carmel mountain ranch", (32.9800, -117.0810), 2.0),  # Carmel Mountain Plaza
        ("coke in sabre springs san diego", (32.9550, -117.0750), 2.0),  # Poway Rd at the I-15
        ("coke in ocean view hills", (32.5750, -117.0250), 2.5),  # the Otay Mesa freeway (SR 905)
        # Seattle
        ("coke at the kingdome", (47.5952, -122.3316), 0.5),  # Lumen Field, its site
        ("coke at pier 66 seattle", (47.6117, -122.3462), 0.6),  # the Edgewater Hotel's Pier 67 beside it
        ("coke at suzzallo library", (47.6560, -122.3100), 0.4),  # Red Square, UW
        ("coke at drumheller fountain", (47.6560, -122.3100), 0.6),  # Red Square, UW
        ("coke at the sunset tavern ballard", (47.6670, -122.3840), 0.5),  # Ballard Ave NW and 22nd Ave NW
        ("coke at ivars salmon house", (47.6530, -122.3200), 0.6),  # the University Bridge's north end
        ("coke at comet tavern", (47.6140, -122.3190), 0.4),  # E Pike St and 10th Ave
        ("coke at the burke gilman trail", (47.6600, -122.3130), 2.0),  # U District station
        ("coke at madison park beach", (47.6350, -122.2790), 0.6),  # E Madison St's east end at the lake
        ("coke at jack block park", (47.5850, -122.3620), 1.0),  # the Spokane St Bridge's west end
        ("coke at the jackson federal building", (47.6045, -122.3360), 0.4),  # 2nd Ave and Marion St
        ("coke at chateau ste michelle", (47.7330, -122.1480), 1.0),  # Woodinville's Sammamish River Trail
        ("coke at meydenbauer center", (47.6150, -122.1950), 0.5),  # Bellevue Transit Center
        ("coke at factoria mall", (47.5780, -122.1700), 0.6),  # I-90 and Factoria Blvd SE
        ("coke at cougar mountain zoo", (47.5450, -122.0450), 1.5),  # Issaquah, I-90 exit 15
        ("coke at gene coulon park", (47.5050, -122.2030), 0.6),  # Lake Washington's south end, Renton
        ("coke at angle lake station", (47.4230, -122.2970), 0.5),  # S 200th St and 28th Ave S
        ("coke at capitol hill station seattle", (47.6197, -122.3210), 0.5),  # Cal Anderson Park
        ("coke at uw station", (47.6503, -122.3015), 0.6),  # Husky Stadium
        ("coke at highline college", (47.3890, -122.2970), 0.8),  # Kent-Des Moines station, across Pacific Hwy
        ("coke at bastyr university", (47.7300, -122.2400), 1.0),  # Saint Edward State Park
        # Detroit
        ("coke at tiger stadium detroit", (42.3316, -83.0672), 0.4),  # Michigan Ave and Trumbull Ave
        ("coke at joe louis arena", (42.3286, -83.0501), 0.8),  # Huntington Place
        ("coke at the majestic detroit", (42.3535, -83.0615), 0.4),  # Woodward Ave at Garfield St
        ("coke at dulys place", (42.3180, -83.1000), 0.6),  # W Vernor Hwy in Southwest Detroit
        ("coke at london chop house", (42.3314, -83.0458), 0.5),  # Campus Martius
        ("coke at the giant tire", (42.2690, -83.1940), 0.8),  # I-94 at Allen Park
        ("coke at henry ford health detroit", (42.3690, -83.0840), 0.6),  # W Grand Blvd and John C Lodge
        ("coke at the dodge fountain", (42.3285, -83.0440), 0.4),  # Hart Plaza
        ("coke at dearborn amtrak", (42.3030, -83.2330), 1.0),  # Greenfield Village
        ("coke at fordson high school", (42.3250, -83.1880), 1.2),  # Ford Rd and Schaefer Rd
        ("coke at brother rice", (42.5358, -83.2631), 1.0),  # 7101 Lahser Rd (article point, round 14i)
        ("coke in chaldean town detroit", (42.4180, -83.1000), 1.5),  # 7 Mile Rd and Woodward Ave
        # Memphis
        ("coke at royal studios memphis", (35.1150, -90.0320), 1.0),  # Stax Museum
        ("coke at ardent studios", (35.1370, -89.9930), 0.6),  # Madison Ave and Cooper St
        ("coke at southland casino", (35.1800, -90.1600), 2.0),  # West Memphis at I-40
        ("coke at the old forest overton park", (35.1450, -89.9930), 1.0),  # Levitt Shell
        ("coke at tpc southwind", (35.0320, -89.7950), 1.5),  # Hacks Cross Rd south of Winchester
        ("coke at marlowes ribs", (35.0477, -90.0260), 1.5),  # Graceland
        ("coke at the beauty shop memphis", (35.1190, -89.9890), 0.5),  # Cooper St and Young Ave
        ("agua cerca de hu hotel memphis", (35.1425, -90.0520), 0.5),  # The Peabody
        ("coke at fedex world headquarters", (35.0500, -89.7900), 1.5),  # Hacks Cross Rd and Winchester Rd
        ("coke at the regalia memphis", (35.1010, -89.8620), 0.8),  # Poplar Ave at Ridgeway Rd
        ("coke at landers center", (34.9650, -89.9960), 1.5),  # Southaven, I-55 at Church Rd
        ("coke at manassas high school", (35.1620, -90.0370), 0.8),  # Chelsea Ave and Manassas St
        # St. Louis
        ("coke at kranzberg arts center", (38.6398, -90.2350), 0.5),  # the Sheldon
        ("coke at pin up bowl", (38.6558, -90.3048), 0.6),  # Blueberry Hill
        ("coke at the ritz carlton clayton", (38.6480, -90.3340), 0.8),  # Clayton's centre
        ("coke at cunettos", (38.6140, -90.2750), 0.6),  # The Hill, Marconi Ave
        ("coke at pops blue moon", (38.6030, -90.2840), 0.6),  # Pattison Ave and Macklind Ave
        ("coke at the gramophone st louis", (38.6280, -90.2600), 0.6),  # Manchester Ave in the Grove
        ("coke at argosy casino alton", (38.8900, -90.1840), 0.8),  # Alton's riverfront
        ("coke at the gateway geyser", (38.6240, -90.1700), 1.0),  # Malcolm W. Martin Park
        ("coke at the climatron", (38.6128, -90.2594), 0.5),  # Missouri Botanical Garden
        ("coke at the new cathedral st louis", (38.6440, -90.2540), 0.5),  # Lindell Blvd and Newstead Ave
        ("coke at slu law", (38.6310, -90.1990), 0.5),  # Tucker Blvd and Pine St
        ("coke at concordia seminary", (38.6440, -90.3100), 0.8),  # Wydown Blvd at Big Bend
        ("coke at soldan high school", (38.6560, -90.2780), 0.6),  # Union Blvd and Enright Ave
        ("coke at crestwood plaza", (38.5570, -90.3770), 0.8),  # Watson Rd and Sappington Rd
        ("coke in town and country mo", (38.6120, -90.4630), 2.5),  # Clayton Rd and Mason Rd
        ("coke in south city st louis", (38.5900, -90.2600), 3.0),  # Tower Grove South
        # misspelt
        ("coke at suzalo library", (47.6560, -122.3100), 0.6),
        ("coke at hockytown cafe detroit", (42.3400, -83.0520), 0.5),  # the Fox Theatre, across Woodward
    ],
)
def test_round14b_places(query, point, km):
    assert km_from(query, point) < km


def test_kearny_mesa_grid_meets_at_convoy():
    assert_corner("coke at convoy and clairemont mesa", (32.8330, -117.1550), 1.0)  # Convoy District's north end
    assert_corner("coke at convoy st & balboa ave san diego", (32.8220, -117.1550), 1.0)
    assert_corner("coke at balboa and genesee san diego", (32.8210, -117.1790), 1.0)


def test_college_ave_crosses_el_cajon_blvd():
    assert_corner("coke at college and el cajon blvd", (32.7557, -117.0650), 1.0)  # SDSU's south edge
    assert_corner("agua en college ave y el cajon san diego", (32.7557, -117.0650), 1.0)


def test_park_ave_crosses_highland_in_memphis():
    assert_corner("coke at park and highland memphis", (35.1065, -89.9445), 1.0)  # south of the University of Memphis
    assert_corner("coke at park ave & perkins memphis", (35.1015, -89.8995), 1.0)


def test_new_namesakes_leave_the_older_bare_names_alone():
    assert plan("coke at roosevelt station").place.metro == "chicago"
    assert plan("coke at roosevelt link station").place.metro == "seattle"
    assert plan("coke in audubon park").place.metro == "new-orleans"  # Memphis's is named with its city
    assert plan("coke at audubon park memphis").place.metro == "memphis"
