"""Issue 16, round 11s1: corners of the downtown grids drawn for Austin (the river-named streets either side of
Congress Ave, 2nd-4th and 8th-10th Streets) and San Diego (the numbered avenues and the lettered and tree-named
streets around Broadway), written the ways people type them. Expected points are the corners as known from what
stands on them: the Driskill (6th & Brazos), Austin City Hall (2nd & Lavaca) and the U.S. Grant Hotel (Broadway
between 3rd and 4th Aves) from their Wikipedia pages; the rest are the corners as remembered from the map (from
memory, not from the lines drawn), so they hold to 300 m."""

import pytest

from search.tests.offline import assert_corner, assert_no_corner, plan


@pytest.mark.parametrize(
    ("query", "point"),
    [
        # Austin
        ("coke at 6th and brazos austin", (30.2681, -97.7417)),  # the Driskill, NE corner (Wikipedia)
        ("water at 2nd st & lavaca st austin", (30.2649, -97.7472)),  # Austin City Hall (Wikipedia)
        ("agua en la calle 4 y trinity austin", (30.2650, -97.7400)),  # convention center's NW corner
        ("coke at neches and 4th austin", (30.2647, -97.7390)),
        ("water at 8th st and colorado austin", (30.2705, -97.7431)),
        ("snacks at corner of 10th and san jacinto austin", (30.2717, -97.7390)),
        ("coke at 3rd st/nueces st austin", (30.2668, -97.7496)),
        ("coke at w 9th st & lavaca austin", (30.2720, -97.7438)),
        ("water at rio grande and 12th austin", (30.2760, -97.7472)),
        ("coke at west ave & 6th st austin", (30.2705, -97.7506)),
        ("coke at brazos at 8th st austin", (30.2697, -97.7409)),
        # San Diego
        ("coke at broadway and 4th ave san diego", (32.7156, -117.1612)),  # U.S. Grant Hotel (Wikipedia)
        ("water at broadway & 3rd ave san diego", (32.7156, -117.1617)),  # U.S. Grant Hotel (Wikipedia)
        ("coke at 1st ave and c st san diego", (32.7168, -117.1637)),
        ("water at 6th ave & island ave san diego", (32.7100, -117.1592)),
        ("coke at 4th and e st san diego", (32.7146, -117.1610)),  # Balboa Theatre
        ("coke at 5th ave and f street san diego", (32.7134, -117.1601)),
        ("water at g st and 10th ave san diego", (32.7123, -117.1555)),
        ("coke at ash st/1st ave san diego", (32.7199, -117.1637)),
        ("coke at cedar st & india st san diego", (32.7221, -117.1690)),
        ("water at 4th ave and university ave san diego", (32.7485, -117.1610)),  # Hillcrest
        ("coke at 6th ave and laurel san diego", (32.7310, -117.1590)),  # Balboa Park's west gate
        ("agua en 5th ave y island ave san diego", (32.7100, -117.1600)),
    ],
)
def test_corner(query, point):
    assert_corner(query, point)


def test_old_answers_stand():
    # corners drawn before this round still give their old answer
    assert_corner("coke at 6th and congress austin", (30.2681, -97.7428))
    assert_corner("coke at 12th st and guadalupe austin", (30.2753, -97.7440))
    assert_corner("coke at broadway and 5th ave san diego", (32.7157, -117.1600))
    # a numbered street with a street of several cities still needs the city
    with pytest.raises(Exception, match="several corners"):
        plan("coke at 4th and market")
    # streets that run side by side do not meet
    assert_no_corner("coke at 2nd st and cesar chavez austin")
    assert_no_corner("coke at 1st ave and 3rd ave san diego")
