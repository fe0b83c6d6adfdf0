"""Issue 16, eleventh round (s2): main streets of Detroit, San Jose, Charlotte, Dallas, Boston and Columbus that
streets.tsv lacked, and the short lines it had there extended (Detroit's Jefferson Ave redrawn along the river,
Michigan Ave west to Dearborn, South Tryon, Dealey Plaza's end of Main, Elm and Commerce). Where a point comes from a
page (a station's or a building's Wikipedia point) the comment says so; the others are the corner as remembered from
what stands on it, so they check the lines against a second memory, not against a page."""

import pytest

from search.tests.offline import assert_corner, assert_no_corner


@pytest.mark.parametrize(
    ("query", "point"),
    [
        # pages: each point is the Wikipedia point of a station or building on that corner
        ("coke at michigan and trumbull detroit", (42.33194, -83.06889)),  # Tiger Stadium
        ("water at beaubien & monroe detroit", (42.33459, -83.04236)),  # Greektown station
        ("coke at jefferson and beaubien detroit", (42.33020, -83.03992)),  # Renaissance Center station
        ("coke at elm and houston dallas", (32.77972, -96.80833)),  # Texas School Book Depository
        ("pepsi at washington st and state st boston", (42.3588, -71.0579)),  # Old State House
        ("coke at story and capitol expressway san jose", (37.3507, -121.8270)),  # Story station
        # from memory: what stands on the corner
        ("coke at woodward and canfield detroit", (42.3523, -83.0603)),
        ("snacks at telegraph and 8 mile", (42.4450, -83.2795)),
        ("coke at story and king san jose", (37.3440, -121.8395)),  # Tropicana shopping center
        ("water at 1st and hedding san jose", (37.3520, -121.9012)),  # the county government center
        ("coke at tryon and stonewall charlotte", (35.2222, -80.8490)),
        ("coke at morehead and tryon charlotte", (35.2190, -80.8525)),
        ("coke at south blvd and east blvd", (35.2115, -80.8580)),  # East/West Boulevard station
        ("coke at mckinney and cedar springs dallas", (32.7958, -96.8025)),
        ("coke at cedar springs and oak lawn dallas", (32.8100, -96.8125)),
        ("coke at broadway and dorchester ave boston", (42.3426, -71.0569)),  # Broadway station
        ("coke at mass ave and jfk st cambridge", (42.3734, -71.1190)),  # Harvard station
        ("coke at neil and 5th columbus", (39.9880, -83.0125)),
        ("coke at high and goodale columbus", (39.9758, -83.0030)),
    ],
)
def test_the_new_streets_cross_where_the_corner_is(query, point):
    assert_corner(query, point)


def test_old_corners_keep_their_answer():
    assert_corner("coke at woodward and jefferson detroit", (42.3290, -83.0450), km=0.1)
    assert_corner("coke at main and akard dallas", (32.7807, -96.7987), km=0.1)
    assert_corner("coke at tryon and trade charlotte", (35.2271, -80.8431), km=0.1)
    assert_corner("coke at santa clara and 1st san jose", (37.3368, -121.8905), km=0.1)


def test_a_bare_numbered_corner_still_needs_its_city():
    assert_no_corner("coke at 5th and main")
