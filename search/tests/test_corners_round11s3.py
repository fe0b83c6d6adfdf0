"""Issue 16, eleventh round (s3): main arterials and downtown streets of Chicago, Las Vegas, Minneapolis-St Paul,
Miami, St. Louis and Atlanta that streets.tsv lacked, and a few of its lines redrawn (Chicago's Western Ave and Clark
St, Miami's Collins Ave, St. Louis' Grand Blvd). Each expected point is the corner as known from what stands on it
(a station, a building), independently of the lines drawn: "(page)" where it was read from the station's or
building's Wikipedia page, "(memory)" where it is recalled and not checked against a page."""

import pytest

from search.interpret import Unresolved
from search.tests.offline import assert_corner, assert_no_corner, plan


@pytest.mark.parametrize(
    ("query", "point"),
    [
        # Chicago
        ("coke at lincoln and western chicago", (41.9663, -87.6884)),  # CTA Western, Brown Line (page)
        ("water at broadway & wilson chicago", (41.9653, -87.6580)),  # CTA Wilson, 4620 N Broadway (page)
        ("coke at diversey and sheffield chicago", (41.9327, -87.6532)),  # CTA Diversey (page)
        ("pepsi at grand and halsted chicago", (41.8911, -87.6475)),  # CTA Grand, Blue Line (page)
        ("coke at grand ave & state st chicago", (41.8917, -87.6280)),  # CTA Grand, Red Line (page)
        ("coke at california and milwaukee chicago", (41.9219, -87.6969)),  # CTA California, Blue Line (page)
        ("coke at western and armitage chicago", (41.9162, -87.6874)),  # CTA Western, 1909 N Western (page)
        ("snacks at clark and addison chicago", (41.9484, -87.6553)),  # Wrigley Field (memory)
        ("coke at clark and foster chicago", (41.9762, -87.6684)),  # Andersonville (memory)
        ("coke at devon and western chicago", (41.9980, -87.6898)),  # (memory)
        ("coke at lincoln and belmont chicago", (41.9397, -87.6685)),  # the six-way corner with Ashland (memory)
        ("water at wacker and wells chicago", (41.8866, -87.6338)),  # Wells St bridge (memory)
        ("coke at washington and wells chicago", (41.8827, -87.6337)),  # CTA Washington/Wells (memory)
        ("coke at monroe and state chicago", (41.8807, -87.6277)),  # CTA Monroe, Red Line (memory)
        ("coke at adams and wabash chicago", (41.8793, -87.6260)),  # CTA Adams/Wabash (memory)
        ("coke at 35th and halsted chicago", (41.8308, -87.6464)),  # Bridgeport (memory)
        ("coke at 47th and halsted chicago", (41.8090, -87.6460)),  # (memory)
        ("coke at 63rd and halsted chicago", (41.7787, -87.6445)),  # CTA Halsted, Green Line (memory)
        ("coke at 79th and state chicago", (41.7502, -87.6252)),  # CTA 79th, Red Line (memory)
        ("coke at 95th and state chicago", (41.7224, -87.6243)),  # CTA 95th/Dan Ryan (memory)
        ("coke at kedzie and lake chicago", (41.8841, -87.7060)),  # CTA Kedzie, Green Line (memory)
        ("coke at armitage and sheffield chicago", (41.9181, -87.6529)),  # CTA Armitage (memory)
        ("coke at montrose and clark chicago", (41.9617, -87.6650)),  # (memory)
        # Las Vegas
        ("coke at boulder hwy and nellis las vegas", (36.1130, -115.0640)),  # Sam's Town, 5111 Boulder Hwy (memory)
        ("coke at fremont st and las vegas blvd", (36.1690, -115.1415)),  # the Experience's east end (memory)
        ("coke at lake mead and rancho las vegas", (36.1955, -115.1975)),  # (memory)
        ("coke at craig and nellis las vegas", (36.2395, -115.0625)),  # (memory)
        ("coke at cheyenne and lamb las vegas", (36.2180, -115.0805)),  # (memory)
        ("coke at bonanza and maryland parkway las vegas", (36.1735, -115.1365)),  # (memory)
        ("coke at washington and eastern las vegas", (36.1810, -115.1190)),  # (memory)
        ("coke at twain and maryland parkway las vegas", (36.1223, -115.1365)),  # (memory)
        ("coke at industrial rd and sahara las vegas", (36.1440, -115.1790)),  # Palace Station's corner (memory)
        ("coke at windmill and rainbow las vegas", (36.0425, -115.2430)),  # (memory)
        # Minneapolis - St Paul
        ("coke at hiawatha and lake minneapolis", (44.9483, -93.2389)),  # Lake Street/Midtown station (page)
        ("coke at minnehaha and lake minneapolis", (44.9485, -93.2342)),  # (memory)
        ("coke at rice and university st paul", (44.9557, -93.1048)),  # Capitol/Rice Street station (page)
        ("coke at lexington and university st paul", (44.9557, -93.1462)),  # Lexington Parkway station (memory)
        ("coke at dale st and university st paul", (44.9556, -93.1262)),  # Dale Street station (memory)
        ("coke at hamline and university st paul", (44.9557, -93.1567)),  # Hamline Avenue station (memory)
        ("coke at fairview and university st paul", (44.9563, -93.1782)),  # Fairview Avenue station (memory)
        ("coke at summit and snelling st paul", (44.9413, -93.1670)),  # (memory)
        ("coke at marshall and snelling st paul", (44.9483, -93.1670)),  # (memory)
        ("coke at central ave and lowry minneapolis", (45.0130, -93.2475)),  # (memory)
        ("coke at washington ave and hennepin minneapolis", (44.9843, -93.2692)),  # (memory)
        # Miami
        ("coke at us 1 and 27th ave miami", (25.7397, -80.2386)),  # Coconut Grove station (page)
        ("coke at south dixie hwy and douglas rd miami", (25.7325, -80.2547)),  # Douglas Road station (page)
        ("coke at bird rd and douglas rd miami", (25.7335, -80.2555)),  # three blocks north of the station (page)
        ("coke at collins and 41st st miami beach", (25.8130, -80.1225)),  # (memory)
        ("coke at sunset dr and red rd miami", (25.7045, -80.2895)),  # South Miami (memory)
        ("coke at miller dr and red rd miami", (25.7190, -80.2895)),  # (memory)
        ("coke at kendall dr and us 1 miami", (25.6880, -80.3160)),  # Dadeland (memory)
        ("coke at washington ave and 5th st miami beach", (25.7737, -80.1335)),  # (memory)
        ("coke at alton rd and lincoln rd miami beach", (25.7905, -80.1414)),  # (memory)
        ("coke at ocean dr and 5th st miami beach", (25.7737, -80.1305)),  # (memory)
        ("coke at le jeune and flagler miami", (25.7743, -80.2643)),  # (memory)
        # St. Louis
        ("coke at 8th and pine st louis", (38.6280, -90.1924)),  # 8th & Pine station (page)
        ("coke at locust and grand st louis", (38.6333, -90.2345)),  # (memory)
        ("coke at chestnut and tucker st louis", (38.6272, -90.1995)),  # (memory)
        ("coke at clark ave and 14th st louis", (38.6254, -90.2022)),  # Enterprise Center (memory)
        ("coke at spruce and 8th st louis", (38.6240, -90.1935)),  # Busch Stadium's corner (memory)
        ("coke at gravois and grand st louis", (38.5935, -90.2440)),  # (memory)
        ("coke at arsenal and grand st louis", (38.5995, -90.2432)),  # Tower Grove Park's north-east corner (memory)
        ("coke at cherokee and jefferson st louis", (38.5935, -90.2150)),  # (memory)
        ("coke at vandeventer and chouteau st louis", (38.6230, -90.2470)),  # (memory)
        ("coke at tower grove and manchester st louis", (38.6275, -90.2552)),  # The Grove (memory)
        ("coke at lafayette and jefferson st louis", (38.6165, -90.2150)),  # (memory)
        ("coke at big bend and manchester st louis", (38.6135, -90.3150)),  # (memory)
        # Atlanta
        ("coke at piedmont rd and lindbergh atlanta", (33.8220, -84.3674)),  # Lindbergh Center station (page)
        ("coke at cheshire bridge and piedmont rd atlanta", (33.8090, -84.3702)),  # (memory)
        ("coke at howell mill and collier atlanta", (33.8080, -84.4140)),  # (memory)
        ("coke at ivan allen and spring atlanta", (33.7650, -84.3890)),  # (memory)
        ("coke at centennial olympic park dr and marietta atlanta", (33.7585, -84.3945)),  # (memory)
        ("coke at glenwood and moreland atlanta", (33.7400, -84.3490)),  # (memory)
        ("coke at lenox rd and peachtree atlanta", (33.8475, -84.3620)),  # Lenox Square's corner (memory)
    ],
)
def test_new_corners(query, point):
    assert_corner(query, point)


def test_fremont_street_experience_runs_from_main_street():
    # the Experience's point (page) is the middle of its canopy, four blocks long from Main St
    assert_corner("coke at fremont and main las vegas", (36.1708, -115.1442), km=0.4)


@pytest.mark.parametrize(
    ("query", "street"),
    [
        # the same names elsewhere keep their own metro's street
        ("coke at colfax and broadway denver", "Colfax Ave & Broadway"),
        ("coke at broadway and 5th nashville", "Broadway & 5th Ave"),
        ("coke at hollywood and vine", "Hollywood Blvd & Vine St"),
        ("coke at kingshighway and lindel", "Kingshighway Blvd & Lindell Blvd"),
        ("coke at washington and 14th st louis", "Washington Ave & 14th St"),
        ("coke at flagler and 27th ave miami", "Flagler St & NW 27th Ave"),
        ("coke at peachtree and 10th atlanta", "Peachtree St & 10th St"),
        ("coke at nicollet and lake minneapolis", "Nicollet Ave & Lake St"),
    ],
)
def test_old_corners_keep_their_answer(query, street):
    place = plan(query).place
    assert place.kind == "corner", place
    assert place.name.split(", ")[0] == street, place


def test_a_bare_numbered_corner_is_still_refused():
    with pytest.raises(Unresolved):
        plan("coke at 5th and main")


def test_streets_that_do_not_meet_are_no_corner():
    assert_no_corner("coke at devon and 95th chicago")
