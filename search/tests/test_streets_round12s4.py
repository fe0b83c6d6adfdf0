"""Issue 16, twelfth round (s4): main streets of Philadelphia (Allegheny, Erie and Kensington Aves; Broad St drawn
north to Erie Ave), Los Angeles (Exposition Blvd; Western and Normandie drawn south to it), Houston (W Alabama St),
Portland (Grand Ave), Las Vegas (Arville St), Phoenix (Jefferson St), Denver (Louisiana Ave), Kansas City (Gregory
Blvd; Troost drawn south to it) and Austin (South Congress drawn south across Oltorf St) that streets.tsv lacked. Most
lines are laid through published station points; each expected point below is written apart from the rows, from what
stands on the corner (a station, a theatre), or where the comment says so from memory of the map, so the tests check
the lines against a second reading."""

import pytest

from search.tests.offline import assert_corner, assert_no_corner


@pytest.mark.parametrize(
    ("query", "point"),
    [
        # Philadelphia: the Broad Street Line's and the El's stations under / over the corners
        ("coke at broad and allegheny philadelphia", (40.0017, -75.1528)),  # Allegheny station
        ("water at alleghany & broad philly", (40.0017, -75.1528)),  # the usual misspelling
        ("coke at kensington and allegheny", (39.9965, -75.1135)),  # K&A station
        ("coke at broad st and erie ave philadelphia", (40.0093, -75.1512)),  # Erie station
        ("agua en kensington y erie filadelfia", (40.0060, -75.0961)),  # Erie-Torresdale station
        # Los Angeles: the E Line's stations in Exposition Blvd's median
        ("coke at exposition and vermont los angeles", (34.0182, -118.2916)),  # Expo/Vermont
        ("agua en expo y western los angeles", (34.0182, -118.3089)),  # Expo/Western
        ("coke at normandie and exposition blvd la", (34.0182, -118.3005)),  # between the two, memory
        ("coke at figueroa & exposition", (34.0183, -118.2822)),  # corner of Exposition Park, memory
        # Houston
        ("coke at alabama and shepherd houston", (29.7393, -95.4112)),  # Alabama Theatre
        ("water at w alabama & montrose houston", (29.7390, -95.3905)),  # memory
        # Austin
        ("coke at south congress and oltorf austin", (30.2410, -97.7522)),  # memory
        # Portland
        ("coke at grand and burnside portland", (45.5231, -122.6600)),  # memory
        ("water at se grand & hawthorne", (45.5121, -122.6600)),  # memory
        # Las Vegas
        ("coke at arville and flamingo las vegas", (36.1160, -115.1990)),  # memory
        ("coke at arville & tropicana", (36.1003, -115.1990)),  # memory
        # Phoenix: the light rail's eastbound platforms stand on Jefferson St
        ("coke at jefferson & 7th st phoenix", (33.4468, -112.0651)),  # beside Chase Field, memory
        ("water at 12th st & jefferson phoenix", (33.4469, -112.0564)),  # 12th St/Jefferson platform, memory
        ("coke at jefferson and central phoenix", (33.4470, -112.0740)),  # memory
        # Denver
        ("coke at louisiana and broadway denver", (39.6929, -104.9876)),  # memory
        ("coke at louisiana & downing denver", (39.6929, -104.9731)),  # Washington Park's south-west corner, memory
        # Kansas City
        ("coke at troost and gregory kansas city", (38.9985, -94.5716)),  # memory
        ("water at gregory blvd & wornall kc", (38.9985, -94.5947)),  # memory
    ],
)
def test_corner(query, point):
    assert_corner(query, point)


@pytest.mark.parametrize(
    "query",
    [
        "coke at erie and allegheny philadelphia",  # parallel avenues a mile apart
        "coke at alabama and westheimer houston",  # parallel, a few blocks apart
        "coke at grand and mlk portland",  # the two halves of one couplet
        "coke at jefferson and washington phoenix",  # the light rail's one-way pair, a block apart
    ],
)
def test_no_corner(query):
    assert_no_corner(query)
