"""Issue 16, eleventh round (s6): main streets of Portland (N Williams, Vancouver and Mississippi, Skidmore, SE Foster
and Clinton, NW 21st and Lovejoy), Dallas (Inwood, Harry Hines, Oak Cliff's Jefferson Blvd, Bishop Ave, Davis St, Zang
Blvd) and Charlotte (Woodlawn, Tyvola, Park Rd) that streets.tsv lacked, Portland's and Dallas's short lines extended
(Fremont, Alberta, Glisan, MLK, NE Broadway; Greenville, Ross), and Columbus's King Ave moved off 5th Ave, where it was
drawn. Where a point comes from a page (a station's or a building's Wikipedia point) the comment says so; the others
are the corner as remembered from what stands on it, a second memory rather than a page.

Also: a street whose name starts with a direction, followed by the city ("south blvd and east blvd charlotte"), was
refused because the longest name read from "east blvd charlotte" was Nashville's Charlotte Ave (the direction and the
type dropped); a type inside a name now ends it unless a known name holds it so ("16th st mall")."""

import pytest

from search.geo.gazetteer import haversine_km
from search.tests.offline import assert_corner, assert_no_corner, plan


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # pages
        ("coke at jefferson blvd and zang dallas", (32.74333, -96.82556), 0.3),  # Texas Theatre, 231 W Jefferson
        ("water at jefferson and bishop ave dallas", (32.74333, -96.82556), 0.4),  # the Texas Theatre's block
        ("coke at woodlawn and south blvd charlotte", (35.17583, -80.87917), 0.5),  # Woodlawn station, 300 m south
        ("coke at tyvola rd and south blvd charlotte", (35.16306, -80.87750), 0.6),  # Tyvola station, 320 m south
        # from memory: what stands on the corner
        ("coke at n williams and fremont portland", (45.5485, -122.6667), 0.3),
        ("pepsi at ne broadway and williams portland", (45.5349, -122.6667), 0.3),
        ("coke at vancouver and killingsworth portland", (45.5627, -122.6675), 0.3),
        ("coke at mississippi and skidmore portland", (45.5532, -122.6757), 0.3),
        ("water at mississippi ave & fremont st portland", (45.5485, -122.6756), 0.3),
        ("coke at killingsworth and mlk portland", (45.5627, -122.6617), 0.3),
        ("coke at foster and powell portland", (45.4975, -122.6110), 0.4),
        ("coke at se foster and 82nd portland", (45.4840, -122.5783), 0.5),
        ("coke at clinton and 20th portland", (45.5030, -122.6422), 0.3),
        ("coke at nw 21st and glisan portland", (45.5266, -122.6944), 0.3),
        ("coke at nw 23rd and lovejoy portland", (45.5307, -122.6986), 0.3),
        ("coke at nw 21st and lovejoy portland", (45.5307, -122.6944), 0.3),
        ("coke at greenville and ross dallas", (32.7998, -96.7752), 0.4),
        ("coke at inwood and lovers dallas", (32.8513, -96.8228), 0.3),  # Inwood Village
        ("coke at inwood and lemmon dallas", (32.8235, -96.8235), 0.4),
        ("coke at harry hines and inwood dallas", (32.8118, -96.8350), 0.4),
        ("coke at bishop and davis dallas", (32.7490, -96.8287), 0.3),  # Bishop Arts District
        ("coke at davis and zang dallas", (32.7491, -96.8250), 0.3),
        ("coke at park rd and woodlawn charlotte", (35.1712, -80.8495), 0.4),  # Park Road Shopping Center
        ("coke at park rd and tyvola charlotte", (35.1590, -80.8530), 0.4),
        ("coke at king ave and neil columbus", (39.9902, -83.0133), 0.3),
    ],
)
def test_the_new_streets_cross_where_the_corner_is(query, point, km):
    assert_corner(query, point, km=km)


def test_king_ave_is_north_of_5th_ave_in_columbus():
    king = assert_corner("coke at king ave and high st columbus", (39.9903, -83.0060), km=0.3)
    fifth = assert_corner("coke at 5th ave and high st columbus", (39.9880, -83.0050), km=0.3)
    assert king.point[0] > fifth.point[0]
    assert haversine_km(king.point, fifth.point) > 0.15


@pytest.mark.parametrize(
    "query",
    [
        "coke at south blvd and east blvd charlotte",
        "coke at south blvd & east blvd charlotte nc",
        "coke at east blvd and south blvd charlotte",
    ],
)
def test_a_directed_street_before_its_city_is_the_street(query):
    assert_corner(query, (35.2115, -80.8580))  # East/West Boulevard station


def test_old_corners_keep_their_answer():
    assert_corner("coke at tryon and trade charlotte", (35.2271, -80.8431), km=0.1)
    assert_corner("coke at main and akard dallas", (32.7807, -96.7987), km=0.1)
    assert_corner("coke at hawthorne and 39th portland", (45.5120, -122.6230), km=0.1)
    assert_corner("coke at high and goodale columbus", (39.9758, -83.0030), km=0.1)
    assert_corner("coke at 16th st mall and champa denver", (39.7475, -104.9935), km=0.3)
    # Portland's NW 21st Ave shares "21st ave" with Nashville's 21st Ave S: the type before its direction is its type
    assert_corner("water at 21st ave s and west end nashville", (36.1492, -86.7995), km=0.3)
    assert_corner("coke at nw 21st ave and glisan st portland", (45.5266, -122.6944), km=0.3)


def test_names_that_hold_a_type_or_saint_still_read():
    place = plan("coke at n st paul st and ross dallas").place
    assert place.kind == "corner" and "St Paul St" in place.name, place
    place = plan("coke at st charles ave and canal st new orleans").place
    assert place.kind == "corner" and "St Charles" in place.name, place


def test_a_bare_numbered_corner_still_needs_its_city():
    assert_no_corner("coke at 5th and main")
