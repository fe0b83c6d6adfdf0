"""Issue 16, fourteenth round (block "streets.tsv round 14o" and the lines it carried on): corners people give as where
they are in Boston, Miami, San Diego, Seattle, Detroit, Memphis, St. Louis, Jacksonville and Los Angeles that no street
line reached, probed as "coke at X and Y <city>" and "coke at X and Y". Each expected point is written apart from the
line's vertices: the crossing as remembered (a station, a square or a landmark at it) or a published point the comment
names, with a tolerance fit to how sure that is (0.4 km for a corner by a known landmark, up to 1 km where the line
itself is drawn from memory of a long diagonal road). The last tests check that a new name did not take a corner
another metro has, nor move one that was answered before."""

import pytest

from search.interpret import Unresolved
from search.tests.offline import assert_corner, plan


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # Boston
        ("coke at hanover and cross st boston", (42.3625, -71.0560), 0.3),  # the North End's gate off the Greenway
        ("coke at cross st and hanover", (42.3625, -71.0560), 0.3),
        ("coke at washington st and mass ave boston", (42.3375, -71.0760), 0.4),  # Mass Ave station's corner
        ("coke at mass ave and washington", (42.3375, -71.0760), 0.4),
        # Miami
        # round 15g: SW 87th Ave moved ~2 km west, where the grid puts 8700 W (Baptist Hospital, 8900 N Kendall Dr, is
        # at 25.6856,-80.3394 by its Wikipedia article); the 14o point (-80.3135) was the old line's, along ~SW 74th Ave
        ("coke at kendall dr and 87th ave miami", (25.6875, -80.3345), 0.4),  # Kendall, the section-line corner
        ("coke at kendall dr and sw 87th ave", (25.6875, -80.3345), 0.4),
        ("coke at bird rd and 87th ave miami", (25.7335, -80.3345), 0.4),
        # San Diego
        ("coke at broadway and kettner san diego", (32.7155, -117.1695), 0.3),  # Santa Fe Depot's corner
        ("coke at broadway and kettner", (32.7155, -117.1695), 0.3),
        ("coke at kettner and ash san diego", (32.7195, -117.1697), 0.3),
        ("coke at la jolla village dr and genesee ave san diego", (32.8720, -117.2100), 0.5),  # Westfield UTC
        ("coke at la jolla village and genesee", (32.8720, -117.2100), 0.5),
        # Seattle
        ("coke at broadway and john st seattle", (47.6195, -122.3210), 0.3),  # Capitol Hill station
        ("coke at john and broadway seattle", (47.6195, -122.3210), 0.3),
        ("coke at madison and 23rd ave seattle", (47.6185, -122.3025), 0.4),
        ("coke at madison st and 23rd ave", (47.6185, -122.3025), 0.4),
        ("coke at fremont ave and 34th st seattle", (47.6495, -122.3500), 0.3),  # the Fremont Bridge's north end
        ("coke at fremont and 34th", (47.6495, -122.3500), 0.3),
        # Detroit
        ("coke at grand river and woodward detroit", (42.3335, -83.0485), 0.4),  # Capitol Park, its start
        ("coke at gratiot and 9 mile", (42.4661, -82.9464), 0.8),  # Eastpointe's downtown (its published centre)
        ("coke at gratiot and 8 mile detroit", (42.4465, -82.9520), 0.6),
        ("coke at gratiot and 12 mile roseville", (42.5042, -82.9370), 0.8),
        ("coke at grand river and 6 mile detroit", (42.4175, -83.2400), 1.0),  # Redford, line from memory
        ("coke at grand river and telegraph", (42.4280, -83.2780), 1.0),
        # Memphis
        ("coke at poplar and cleveland memphis", (35.1440, -90.0170), 0.4),  # Crosstown's corner
        ("coke at poplar ave and cleveland st", (35.1440, -90.0170), 0.4),
        ("coke at elvis presley blvd and brooks rd memphis", (35.0530, -90.0250), 0.4),  # Whitehaven, by Graceland
        ("coke at elvis presley and brooks", (35.0530, -90.0250), 0.4),
        ("coke at winchester and hacks cross memphis", (35.0500, -89.7950), 0.4),
        ("coke at hacks cross rd and winchester rd", (35.0500, -89.7950), 0.4),
        # St. Louis
        ("coke at big bend and lindbergh st louis", (38.5880, -90.4050), 0.6),  # Kirkwood
        ("coke at big bend blvd and lindbergh blvd", (38.5880, -90.4050), 0.6),
        # Jacksonville
        ("coke at atlantic blvd and kernan jacksonville", (30.3225, -81.4700), 0.4),
        ("coke at atlantic and kernan", (30.3225, -81.4700), 0.4),
        ("coke at beach blvd and kernan blvd", (30.2870, -81.4700), 0.4),
        ("coke at atlantic blvd and 3rd st jacksonville", (30.3230, -81.3970), 0.3),  # Neptune Beach's town centre
        # Los Angeles
        ("coke at florence and normandie los angeles", (33.9745, -118.3005), 0.3),  # the 1992 corner
        ("coke at florence and normandie", (33.9745, -118.3005), 0.3),
        ("coke at florence ave and vermont ave", (33.9745, -118.2915), 0.3),
        ("coke at colorado and lake pasadena", (34.1460, -118.1325), 0.3),  # Lake station's block
        ("coke at lake ave and colorado blvd", (34.1460, -118.1325), 0.3),
        ("coke at ventura and van nuys los angeles", (34.1510, -118.4485), 0.4),  # Sherman Oaks
        ("coke at ventura blvd and van nuys blvd", (34.1510, -118.4485), 0.4),
        ("coke at venice and lincoln los angeles", (33.9967, -118.4565), 0.5),
        ("coke at venice blvd y lincoln blvd", (33.9967, -118.4565), 0.5),
    ],
)
def test_new_corners(query, point, km):
    assert_corner(query, point, km)


def test_john_st_and_broadway_needs_its_city():
    with pytest.raises(Unresolved):
        plan("coke at john st and broadway")
    assert_corner("coke at john st and broadway nyc", (40.7102, -74.0090), 0.3)  # the Financial District corner
    assert_corner("coke at broadway and john st seattle", (47.6195, -122.3210), 0.3)


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("coke at lake and wabash", (41.8857, -87.6260)),  # Chicago's Lake St keeps its corners
        ("coke at lake and halsted", (41.8857, -87.6480)),
        ("coke at lincoln and belmont", (41.9397, -87.6687)),  # Chicago's Lincoln Ave
        ("coke at lincoln rd and collins", (25.7905, -80.1300)),  # Miami Beach's Lincoln Rd
        ("coke at madison and state", (41.8820, -87.6275)),
        ("coke at 8 mile and woodward", (42.4465, -83.1240)),
    ],
)
def test_other_metros_keep_their_corners(query, point):
    assert_corner(query, point, 0.3)


def test_numbered_streets_keep_manhattan():
    assert plan("coke at 34th st and 8th ave").place.metro == "new-york"
    assert plan("coke at madison ave and 23rd").place.metro == "new-york"
