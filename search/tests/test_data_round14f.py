"""Issue 16, fourteenth round (blocks "venues.tsv round 14f" and "streets.tsv round 14f"): museums, music venues,
hotels, restaurants and breweries, courthouses, hospitals, schools and colleges, malls, stations, golf courses,
cemeteries and neighbourhoods of Denver, Nashville, Portland, Minneapolis and Kansas City that neither "coke at <name>"
nor "coke at <name> <city>" placed within the kind's tolerance, and the street lines Denver's west side, Old South
Pearl and Johnson County lacked. Queries are written as people type them (with and without the city, short names, a
few in Spanish, a few misspelt); each expected point is something that stands at or beside the place (a station, a
corner, a neighbouring building or park, or a published coordinate), written apart from its row, with a tolerance fit
to the kind and to how far that neighbour stands."""

import pytest

from search.tests.offline import assert_corner, km_from


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # Denver
        ("coke at the marquis theater", (39.7530, -104.9950), 0.6),  # 20th St and Larimer St
        ("coke at little man ice cream denver", (39.7620, -105.0110), 0.6),  # W 32nd Ave and Vallejo St, LoHi
        ("coke at avanti food and beverage", (39.7620, -105.0040), 0.6),  # 32nd Ave and Pecos St
        ("coke at zeppelin station", (39.7680, -104.9820), 0.6),  # 38th & Blake station
        ("coke at petes kitchen denver", (39.7402, -104.9600), 0.6),  # Colfax Ave and York St
        ("agua cerca de toms diner denver", (39.7402, -104.9770), 0.6),  # Colfax Ave and Pearl St
        ("coke at the byron white courthouse", (39.7480, -104.9880), 0.6),  # 18th St and Stout St
        ("coke at the four seasons denver", (39.7450, -104.9960), 0.6),  # Denver Performing Arts Complex
        ("coke at sushi den", (39.6930, -104.9805), 0.6),  # Pearl St and Louisiana Ave (Louisiana-Pearl station)
        ("coke at craig hospital", (39.6540, -104.9800), 0.6),  # Swedish Medical Center next door
        ("coke at west high school denver", (39.7320, -104.9930), 0.6),  # Elati St and 10th Ave
        ("coke at abraham lincoln high school denver", (39.6765, -105.0250), 0.5),  # Federal Blvd and Evans Ave
        ("coke at mullen high school", (39.6530, -105.0340), 0.6),  # Lowell Blvd and Hampden Ave
        ("coke at the alameda station denver", (39.7110, -104.9930), 0.6),  # Alameda Ave at Santa Fe Dr
        ("coke at the colorado station denver", (39.6785, -104.9407), 0.6),  # Colorado Blvd and Evans Ave
        ("coke at du station", (39.6800, -104.9620), 0.8),  # University of Denver campus
        # round 15l: the mausoleum's published point (the memory one was at Alameda Ave and Quebec St)
        ("coke at fairmount cemetery", (39.7053, -104.8933), 1.0),
        ("coke at englewood citycenter", (39.6558, -104.9994), 0.4),  # Englewood station
        ("coke at gaylord rockies", (39.8200, -104.7350), 2.0),  # E-470 and Pena Blvd area (pages found)
        # Nashville
        ("coke at the carter house franklin", (35.9036, -86.8661), 0.3),  # Wikipedia: Carter House (infobox)
        ("agua cerca de acme feed and seed", (36.1623, -86.7750), 0.4),  # 1st Ave and Broadway
        ("coke at the basement east", (36.1767, -86.7503), 0.8),  # Woodland St and 11th St (Five Points)
        ("coke at biscuit love nashville", (36.1530, -86.7830), 0.6),  # the Gulch
        ("coke at hatch show print", (36.1582, -86.7760), 0.4),  # Country Music Hall of Fame
        ("coke at bolton's spicy chicken", (36.1767, -86.7503), 1.5),  # Five Points, East Nashville
        ("coke at curb event center", (36.1330, -86.7940), 0.6),  # Belmont Mansion / Belmont University
        ("coke at wego central", (36.1660, -86.7830), 0.6),  # Nashville Municipal Auditorium area
        # Portland
        ("coke at le pigeon portland", (45.5230, -122.6570), 0.4),  # Jupiter Hotel, E Burnside St
        ("coke at apizza scholls", (45.5120, -122.6150), 0.5),  # SE Hawthorne Blvd and 48th Ave
        ("coke at widmer brothers brewing", (45.5410, -122.6760), 0.6),  # N Russell St and Interstate Ave
        ("coke at the keep portland weird sign", (45.5230, -122.6730), 0.5),  # Burnside St and 3rd Ave
        ("coke at benson polytechnic high school", (45.5265, -122.6540), 0.5),  # NE 12th Ave and Irving St
        ("coke at randall childrens hospital", (45.5440, -122.6700), 0.6),  # Legacy Emanuel Medical Center
        ("coke at gateway transit center", (45.5310, -122.5650), 0.6),  # Gateway Shopping, NE 99th Ave
        ("coke at the vancouver city hall", (45.6310, -122.6720), 1.0),  # Esther Short Park area
        ("coke at clark college", (45.6330, -122.6520), 0.8),  # Fort Vancouver
        # Minneapolis / Saint Paul
        ("coke at george floyd square", (44.9340, -93.2620), 0.3),  # E 38th St and Chicago Ave
        ("coke at spoon and stable", (44.9850, -93.2700), 0.6),  # North Loop, 1st St N
        ("coke at surly brewing", (44.9720, -93.2100), 0.8),  # Prospect Park station
        ("coke at the cabooze", (44.9620, -93.2470), 0.6),  # Franklin Ave station
        ("coke at the george latimer central library", (44.9445, -93.0970), 0.5),  # Rice Park
        ("coke at united hospital st paul", (44.9370, -93.1000), 1.0),  # West 7th St near the Cathedral
        ("coke at mystic lake casino", (44.7290, -93.4550), 2.0),  # Prior Lake (pages found)
        ("coke at cossetta st paul", (44.9430, -93.1010), 0.6),  # Xcel Energy Center, W 7th St
        ("coke at the witchs hat water tower", (44.9680, -93.2160), 0.6),  # Prospect Park
        ("coke in the wedge minneapolis", (44.9560, -93.2910), 3.0),  # Lowry Hill East
        # Kansas City
        ("coke at the recordbar", (39.0980, -94.5810), 0.4),  # Grand Blvd and 13th St
        ("coke at town topic kansas city", (39.0870, -94.5880), 0.6),  # Broadway and 22nd St
        ("coke at char bar westport", (39.0530, -94.5900), 0.6),  # Westport
        ("coke at the rieger kansas city", (39.0900, -94.5830), 0.4),  # Main St and 19th St
        ("coke at the john wornall house", (39.0200, -94.5940), 0.6),  # Wornall Rd and 61st St
        ("agua cerca de la plaza library kansas city", (39.0420, -94.5850), 0.5),  # Main St at the Plaza
        ("coke at olathe medical center", (38.8820, -94.7950), 2.0),  # I-35 and 151st St (pages found)
        ("coke at prairiefire", (38.8830, -94.6485), 1.5),  # 135th St and Nall Ave
        ("coke at corporate woods", (38.9280, -94.6700), 1.5),  # College Blvd and Metcalf Ave
        ("coke at strouds kansas city", (39.2050, -94.5070), 1.5),  # Oak Ridge Manor
    ],
)
def test_round_14f_places_are_found(query, point, km):
    assert km_from(query, point) < km


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("coke at tennyson and 38th denver", (39.7695, -105.0440)),  # Tennyson St shops
        ("lowell blvd & w 32nd ave denver", (39.7620, -105.0340)),  # Denver grid, 3600 W
        ("coke at pearl and louisiana denver", (39.6930, -104.9805)),  # Louisiana-Pearl, Old South Pearl
        ("coke at 13th and york denver", (39.7365, -104.9595)),  # Cheesman Park's southwest corner
        ("coke at pecos and 38th denver", (39.7695, -105.0040)),  # Denver grid, 2000 W
        ("coke at iliff and colorado blvd denver", (39.6750, -104.9407)),  # Denver grid
        ("coke at metcalf and 95th", (38.9550, -94.6700)),  # Overland Park
        ("coke at college blvd and metcalf ave overland park", (38.9280, -94.6700)),  # Corporate Woods
        ("nall and 119th kansas city", (38.9118, -94.6485)),  # Johnson County mile grid
        ("95th and state line kansas city", (38.9550, -94.6075)),
    ],
)
def test_round_14f_corners(query, point):
    assert_corner(query, point)
