"""Issue 16, eleventh round (s5): main streets of Nashville (East Nashville, Belmont / 12 South / Green Hills) and
Jacksonville (Southside, Arlington, the beaches, Riverside) that streets.tsv lacked, and Jacksonville's Julia and
Pearl Streets moved east onto Central station, which Wikipedia puts on Bay St between Pearl and Julia. Each expected
point is the corner as known from what stands on it: "(page)" where it was read from a Wikipedia page, "(memory)"
where it is recalled and not checked against a page."""

import pytest

from search.tests.offline import assert_corner, assert_no_corner, plan


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # Central station, 300 W Bay St, between Pearl and Julia (page: 30.327087,-81.662331)
        ("coke at bay and julia jacksonville", (30.32709, -81.66233), 0.15),
        ("water at bay st & pearl st jacksonville", (30.32709, -81.66233), 0.15),
        # Regency Square Mall (page: 30.321205,-81.551487), on the north-east side of the corner
        ("coke at atlantic and southside jacksonville", (30.3212, -81.5515), 0.6),
        ("coke at atlantic blvd and university blvd jacksonville", (30.3222, -81.6010), 0.3),  # (memory)
        ("coke at beach blvd and southside jacksonville", (30.2865, -81.5560), 0.3),  # (memory)
        ("pretzels at beach blvd & southside jax", (30.2865, -81.5560), 0.3),  # was a district, low (memory)
        ("coke at beach and university jacksonville", (30.2890, -81.6000), 0.3),  # (memory)
        ("coke at san jose blvd and university blvd jacksonville", (30.2665, -81.6300), 0.3),  # (memory)
        ("coke at baymeadows and san jose jacksonville", (30.2185, -81.6245), 0.3),  # (memory)
        ("coke at southside and baymeadows", (30.2185, -81.5540), 0.3),  # (memory)
        ("coke at philips hwy and baymeadows jacksonville", (30.2188, -81.5885), 0.3),  # (memory)
        ("coke at park and king jacksonville", (30.3055, -81.6938), 0.3),  # (memory)
        ("coke at riverside and king jacksonville", (30.3030, -81.6945), 0.3),  # (memory)
    ],
)
def test_jacksonville_corners(query, point, km):
    assert_corner(query, point, km)


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("coke at main st and gallatin ave nashville", (36.1786, -86.7500)),  # where Gallatin Ave begins (memory)
        ("coke at gallatin pike and eastland nashville", (36.1866, -86.7468)),  # (memory)
        ("coke at belmont and wedgewood", (36.1344, -86.7935)),  # Belmont University's north-east corner (memory)
        ("coke at 12th and wedgewood nashville", (36.1345, -86.7880)),  # 12 South's north end (memory)
        ("coke at 8th ave and wedgewood nashville", (36.1344, -86.7785)),  # (memory)
        ("coke at 21st and wedgewood nashville", (36.1340, -86.8000)),  # Hillsboro Village (memory)
        ("coke at hillsboro pike and 21st nashville", (36.1220, -86.8030)),  # where 21st Ave S ends (memory)
    ],
)
def test_nashville_corners(query, point):
    assert_corner(query, point)


def test_what_should_not_change():
    # Kansas City's 11th St & Woodland Ave is still the only "11th and woodland" (no S 11th St drawn in Nashville)
    place = assert_corner("coke at 11th and woodland", (39.1020, -94.5585))
    assert place.metro == "kansas-city", place
    # Woodland St and Main St run side by side in East Nashville: no corner
    assert_no_corner("coke at woodland and main nashville")
    # Belmont Blvd does not cross 21st Ave: the university is still the answer
    assert plan("coke at 21st ave and belmont nashville").place.kind == "university"
    # Bay St & Main St, downtown Jacksonville, as before
    assert_corner("coke at main and bay jacksonville", (30.3270, -81.6560), 0.05)
