"""Issue 16, twelfth round (s2): main streets of New Orleans (Elysian Fields, St Claude, Frenchmen, Jackson,
Washington, Louisiana, Freret, Prytania), Seattle (Westlake, Eastlake, Fremont Ave, Leary Way, 15th Ave E, MLK Way,
Lake City Way), San Diego (Texas St, Fairmount, Euclid, Imperial), Detroit (13 and 14 Mile, Maple, Big Beaver,
Southfield Rd; Woodward drawn on to Pontiac), San Jose (Monterey Rd, Blossom Hill, Lincoln Ave), Boston (Longwood
Ave), Miami (Ponce de Leon Blvd, Grand Ave), St. Louis (Clayton Ave) and Salt Lake City (Redwood Rd, 3500 South; North
Temple, 2100 and 3300 South drawn west past it, State St south) that streets.tsv lacked. The lines are from memory of
OpenStreetMap; each expected point below is written apart from the rows, from what stands on the corner (a station,
a cemetery, a restaurant) as remembered, so the tests check the lines against a second memory, not against a page."""

import pytest

from search.tests.offline import assert_corner, assert_no_corner


@pytest.mark.parametrize(
    ("query", "point"),
    [
        # New Orleans
        ("coke at elysian fields & st claude", (29.9667, -90.0572)),
        ("water at frenchmen and st claude new orleans", (29.9673, -90.0583)),
        ("snacks at frenchman and st claude new orleans", (29.9673, -90.0583)),  # the usual misspelling
        ("coke at the corner of jackson ave and st charles new orleans", (29.9365, -90.0805)),  # streetcar stop
        ("coca cola en washington y prytania nueva orleans", (29.9290, -90.0850)),  # Lafayette Cemetery No. 1
        ("coke at louisiana ave and st charles", (29.9268, -90.0928)),
        ("coke at freret and napoleon new orleans", (29.9287, -90.1043)),
        ("water at magazine & jackson ave", (29.9318, -90.0760)),
        # Seattle
        ("coke at westlake and denny seattle", (47.6186, -122.3386)),
        ("water at mlk way and rainier ave seattle", (47.5768, -122.2976)),  # Mount Baker station
        ("coke at mlk and jackson seattle", (47.5993, -122.2965)),
        ("coke at fremont ave and 45th seattle", (47.6614, -122.3500)),
        ("coke at leary and 15th ave nw", (47.6606, -122.3763)),
        ("agua en eastlake y mercer seattle", (47.6248, -122.3293)),
        ("coke at 15th ave e and pine seattle", (47.6154, -122.3125)),
        ("coke at lake city way and 85th seattle", (47.6905, -122.3090)),
        # San Diego
        ("coke at texas st and university san diego", (32.7485, -117.1348)),
        ("coke at fairmount & el cajon san diego", (32.7557, -117.0990)),
        ("coke at euclid and university san diego", (32.7487, -117.0832)),
        # Detroit
        ("coke at woodward and maple detroit", (42.5470, -83.2105)),  # Birmingham
        ("coke at 14 mile and woodward", (42.5332, -83.1935)),
        ("water at southfield and 12 mile", (42.5042, -83.2205)),
        ("coca en big beaver y woodward", (42.5622, -83.2235)),
        # San Jose
        ("coke at monterey rd and tully san jose", (37.3020, -121.8560)),
        ("coke at blossom hill and monterey san jose", (37.2528, -121.8018)),
        ("coke at lincoln and san carlos san jose", (37.3258, -121.9062)),
        # Boston
        ("coke at huntington and longwood boston", (42.3358, -71.1002)),  # Longwood Medical Area stop
        ("coke at longwood and brookline ave boston", (42.3390, -71.1062)),
        # Miami
        ("coke at ponce de leon and coral way miami", (25.7527, -80.2582)),
        ("agua en ponce de leon y calle ocho", (25.7657, -80.2552)),
        ("coke at grand ave and douglas rd miami", (25.7303, -80.2560)),
        # St. Louis
        ("coke at clayton and skinker st louis", (38.6335, -90.3010)),
        ("coke at kingshighway & clayton", (38.6290, -90.2640)),
        # Salt Lake City: Redwood Rd is 1700 West of the grid
        ("coke at redwood rd and north temple", (40.7713, -111.9390)),
        ("coke at redwood and 2100 south", (40.7250, -111.9390)),
        ("coke at 3500 south and redwood salt lake", (40.6958, -111.9388)),
        ("coke at state and 3500 south salt lake city", (40.6958, -111.8880)),
    ],
)
def test_the_new_streets_cross_where_the_corner_is(query, point):
    assert_corner(query, point)


def test_old_corners_keep_their_answer():
    assert_corner("coke at woodward and jefferson detroit", (42.3290, -83.0450), km=0.1)
    assert_corner("coke at canal and bourbon new orleans", (29.9545, -90.0695), km=0.1)
    assert_corner("coke at 3300 south and state salt lake city", (40.7000, -111.8880), km=0.1)


def test_streets_that_do_not_meet_are_no_corner():
    # Frenchmen St runs a block upriver of Elysian Fields, beside it all the way
    assert_no_corner("coke at frenchmen and elysian fields new orleans")
