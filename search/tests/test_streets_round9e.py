"""Issue 16, ninth round (e): corners of the streets drawn for Indianapolis (the Mile Square's grid: Ohio to North St,
Maryland to South St, Pennsylvania to East St, Capitol to West St), Kansas City (downtown's 10th-20th Sts and Baltimore
to Cherry St; Grand Blvd redrawn a block-width truer), Columbus (State, Rich and Mound Sts, Grant Ave, 15th Ave),
Atlanta (Courtland St, Auburn Ave, Decatur St, Andrew Young International Blvd, Ralph McGill Blvd, 5th and 17th Sts,
Martin Luther King Jr Dr), Detroit (Wyoming Ave, Schaefer Hwy, Greenfield Rd, Greektown's Monroe St) and San Jose's
Julian St, in the styles people write them. Each expected point is the intersection as known (the Statehouse, Bankers
Life Fieldhouse, the Muehlebach, the Kauffman Center, Tech Square, Mercedes-Benz Stadium, Sweet Auburn, Northland),
written apart from the lines drawn in streets.tsv."""

import pytest

from search.tests.offline import assert_corner, assert_no_corner, plan


@pytest.mark.parametrize(
    ("query", "point"),
    [
        # Indianapolis: the Mile Square, Meridian St and Washington St its axes
        ("water at meridian and ohio indianapolis", (39.7698, -86.1581)),
        ("coke at pennsylvania st & market st indianapolis", (39.7684, -86.1562)),
        ("water at capitol ave at washington st indianapolis", (39.7670, -86.1619)),  # the Statehouse's corner
        ("water at corner of georgia and pennsylvania indianapolis", (39.7644, -86.1562)),  # Bankers Life Fieldhouse
        ("water at delaware/new york indianapolis", (39.7712, -86.1543)),
        ("agua en illinois y maryland indianapolis", (39.7657, -86.1600)),
        ("water at senate ave and michigan st indianapolis", (39.7740, -86.1638)),
        ("water at south st & capitol indianapolis", (39.7617, -86.1619)),  # Lucas Oil Stadium's north-east
        ("water at north st and alabama st indianapolis", (39.7757, -86.1524)),
        # Kansas City: downtown's grid
        ("water at 13th and grand kansas city", (39.0990, -94.5811)),  # T-Mobile Center's corner
        ("water at 12th st & baltimore ave kansas city", (39.1005, -94.5848)),  # the Muehlebach
        ("water at walnut at 14th kansas city", (39.0975, -94.5824)),  # Power & Light
        ("water at corner of 16th and broadway kansas city", (39.0945, -94.5884)),  # the Kauffman Center
        ("water at oak st / 11th st kansas city", (39.1020, -94.5788)),
        ("agua en main y 17th kansas city", (39.0930, -94.5836)),
        ("water at locust st and 10th st kansas city", (39.1035, -94.5776)),
        # Columbus: around Capitol Square and Ohio State
        ("water at high and state columbus", (39.9608, -83.0007)),
        ("water at 3rd st & rich st columbus", (39.9576, -82.9984)),
        ("water at corner of high st and mound st columbus", (39.9543, -83.0007)),
        ("water at grant ave at broad st columbus", (39.9623, -82.9915)),  # the Main Library's corner
        ("water at 15th and high columbus", (39.9978, -83.0065)),  # Ohio State's gateway
        ("agua en front y state columbus", (39.9608, -83.0030)),
        # Atlanta: downtown and midtown
        ("water at auburn ave and piedmont ave atlanta", (33.7556, -84.3806)),
        ("water at peachtree & andrew young international blvd atlanta", (33.7598, -84.3885)),
        ("water at courtland st at auburn atlanta", (33.7556, -84.3849)),
        ("water at corner of decatur st and piedmont atlanta", (33.7524, -84.3808)),  # Georgia State
        ("water at spring st and 5th st atlanta", (33.7768, -84.3890)),  # Tech Square
        ("water at mlk and northside atlanta", (33.7535, -84.4032)),  # Mercedes-Benz Stadium's south-west
        ("water at ralph mcgill/peachtree atlanta", (33.7683, -84.3862)),
        ("water at 17th st & peachtree st atlanta", (33.7922, -84.3870)),
        # Detroit: the west side's mile grid, Greektown
        ("water at 8 mile and greenfield detroit", (42.4465, -83.2000)),  # Northland
        ("water at wyoming & 7 mile detroit", (42.4320, -83.1610)),
        ("water at mcnichols at schaefer detroit", (42.4175, -83.1805)),
        ("water at corner of greenfield and 9 mile detroit", (42.4605, -83.2000)),
        ("water at schaefer/8 mile detroit", (42.4465, -83.1805)),
        ("water at monroe st and woodward detroit", (42.3318, -83.0462)),  # Campus Martius
        ("agua en wyoming y mcnichols detroit", (42.4175, -83.1610)),
        # San Jose: Julian St, a block north of St James Park
        ("water at julian and 1st san jose", (37.3407, -121.8933)),
    ],
)
def test_corners_of_the_streets_drawn_in_round_9e(query, point):
    assert_corner(query, point)


@pytest.mark.parametrize(
    "query",
    [
        "water at ohio st and new york st indianapolis",  # a block apart, side by side
        "water at delaware and alabama indianapolis",
        "water at 13th and 14th kansas city",
        "water at walnut and oak kansas city",
        "water at state st and rich st columbus",
        "water at auburn and edgewood atlanta",  # a block apart through Sweet Auburn
        "water at courtland and piedmont atlanta",
        "water at wyoming and schaefer detroit",
        "water at julian and st james san jose",
    ],
)
def test_streets_that_do_not_meet_answer_no_corner(query):
    assert_no_corner(query)


def test_greenfield_and_8_mile_need_no_city():
    # Greenfield Rd is drawn in Detroit alone, and 8 Mile too
    place = plan("water at greenfield and 8 mile").place
    assert place.kind == "corner" and place.metro == "detroit", place
