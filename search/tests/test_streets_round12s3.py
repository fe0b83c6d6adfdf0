"""Issue 16, twelfth round (s3): Minneapolis's numbered avenues south of downtown (10th-14th, 16th, 17th and 19th-22nd
Ave S, across Franklin Ave and Lake St) and Chicago's 18th St (Pilsen), Harrison St and 26th St (Little Village) that
streets.tsv lacked; St. Louis's Delmar Blvd redrawn on its west-north-west angle east of Taylor Ave (it ran at the
Loop's latitude, ~1.9 km north of the real street at Jefferson Ave) and Lindell Blvd bent to its end at Grand Blvd.
The avenues also let E Lake St's address blocks be read from its crossings ("1500 block of e lake st"). The lines are
from memory of OpenStreetMap, placed on the block spacing between points pages give; each expected point below is
written apart from the rows, from what stands on the corner as remembered, so the tests check the lines against a
second memory."""

import pytest

from search.tests.offline import assert_corner, assert_no_corner, plan


@pytest.mark.parametrize(
    ("query", "point"),
    [
        # Minneapolis, Lake St
        ("coke at 10th ave s and lake st minneapolis", (44.9484, -93.2604)),  # Midtown Exchange's east end
        ("coke at 13th av s & e lake st mpls", (44.9484, -93.2556)),
        ("agua en la 17 avenida y lake street minneapolis", (44.9484, -93.2490)),
        ("pepsi at 21st ave and lake minneapolis", (44.9483, -93.2418)),  # Hi-Lake Shopping Center
        ("coke at 22nd ave and lake st minneapolis", (44.9487, -93.2402)),  # Midtown Farmers' Market
        # Minneapolis, Franklin Ave and the numbered streets
        ("coke at franklin and 16th ave minneapolis", (44.9626, -93.2507)),  # the old Adams School corner
        ("coke at 12th ave and 26th st minneapolis", (44.9556, -93.2572)),
        ("coke at 14th avenue south and e 28th st minneapolis", (44.9520, -93.2540)),
        ("water at 19th ave s and 31st st minneapolis", (44.9456, -93.2440)),  # South High School (300 m)
        ("coke at 20th ave s & 35th st minneapolis", (44.9395, -93.2437)),
        # Chicago, 18th St
        ("coke at 18th and halsted chicago", (41.8578, -87.6466)),
        ("coke at 18th st and ashland chicago", (41.8579, -87.6664)),
        ("coke at 18th and wabash", (41.8578, -87.6259)),
        ("coke at harrison and state chicago", (41.8740, -87.6275)),  # Harrison station
        ("coke at harrison & halsted chicago", (41.8743, -87.6467)),
        ("water at harison and ashland chicago", (41.8741, -87.6667)),
        ("agua en la 26 y kedzie chicago", (41.8447, -87.7052)),
        ("coke at 26th st and pulaski chicago", (41.8448, -87.7249)),
        # St. Louis, Delmar and Lindell
        ("coke at delmar and jefferson st louis", (38.6371, -90.2149)),  # Scott Joplin House, a block west
        ("coke at grand and delmar st louis", (38.6420, -90.2328)),
        ("coke at delmar & vandeventer", (38.6458, -90.2447)),
        ("water at lindell and grand st louis", (38.6369, -90.2331)),  # St. Francis Xavier College Church
    ],
)
def test_the_new_streets_cross_where_the_corner_is(query, point):
    assert_corner(query, point)


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("1500 block of e lake st minneapolis", (44.9484, -93.2520)),  # Mercado Central, 1515 E Lake St
        ("la cuadra 2100 de east lake street minneapolis", (44.9484, -93.2410)),
    ],
)
def test_east_lake_st_blocks_read_from_the_avenues(query, point):
    place = assert_corner(query, point)
    assert place.confidence == "medium"


def test_old_corners_keep_their_answer():
    assert_corner("coke at chicago ave and lake st minneapolis", (44.9485, -93.2623), km=0.1)
    assert_corner("coke at 18th and damen chicago", (41.8580, -87.6760), km=0.1)
    assert_corner("water at delmar and skinker st louis", (38.6558, -90.3010), km=0.1)  # the Loop's east end
    assert_corner("water at euclid & lindell st louis", (38.6440, -90.2605), km=0.1)


def test_parallel_streets_are_no_corner():
    assert_no_corner("coke at 18th st and cermak chicago")
    assert_no_corner("coke at 12th ave s and 14th ave s minneapolis")
    assert_no_corner("coke at 26th and harrison chicago")
    assert_no_corner("coke at delmar and lindell st louis")  # Delmar runs north of Lindell all the way
    assert plan("coke at 16th ave and lake st minneapolis").place.metro == "minneapolis"
