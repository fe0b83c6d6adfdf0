"""Issue 16, fourteenth round (blocks "venues.tsv round 14a", "streets.tsv round 14a", "towns.tsv round 14a"): museums,
music venues, hospitals, colleges, churches, hotels, casinos, restaurants, courthouses, bridges, malls, stations,
cemeteries, beaches and parks of New York, Chicago, Philadelphia, Boston and Miami that neither "coke at <name>" nor
"coke at <name> <city>" placed within the kind's tolerance, Miami-Dade towns whose ZIP codes' points missed the centre
by 4-11 km, a few points of earlier rounds moved to their published coordinates, and Chicago arterials on the address
grid. Queries are written as people type them (with and without the city, short names, a few in Spanish, a few
misspelt); each expected point is something that stands at or beside the place (a station, a corner, a neighbouring
building or park), written apart from its row, with a tolerance fit to how far that neighbour stands."""

import pytest

from search.tests.offline import assert_corner, km_from, plan


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # New York
        ("coke at brooklyn public library", (40.6742, -73.9703), 0.5),  # Grand Army Plaza station (2, 3)
        ("coke at bronx museum of the arts", (40.8300, -73.9180), 0.6),  # 167th Street station (B, D)
        ("coke at brooklyn steel", (40.7146, -73.9445), 0.8),  # Graham Avenue station (L)
        ("coke at birdland jazz club", (40.7573, -73.9898), 0.4),  # 42nd Street-Port Authority Bus Terminal
        ("coke at brooklyn bowl williamsburg", (40.7178, -73.9579), 0.6),  # Bedford Avenue station (L)
        ("coke at forest hills stadium", (40.7196, -73.8448), 0.6),  # Forest Hills-71st Avenue station
        ("coke at united palace", (40.8470, -73.9397), 0.4),  # 175th Street station (A)
        ("agua cerca del st george theatre staten island", (40.6437, -74.0735), 0.4),  # St. George ferry terminal
        (
            "coke at staten island university hospital",
            (40.5840, -74.0880),
            1.0,
        ),  # Seaview Ave and Father Capodanno Blvd
        ("coke at hackensack university medical center", (40.8859, -74.0435), 1.2),  # Hackensack's Main St
        ("coke at nyu langone brooklyn", (40.6413, -74.0179), 0.8),  # 59th Street station (N, R)
        ("coke at hofstra", (40.7062, -73.6187), 2.5),  # Hempstead's centre
        ("coke at montclair state university", (40.8259, -74.2090), 4.5),  # Montclair's centre
        ("coke at seton hall university", (40.7434, -74.2543), 1.2),  # South Orange station (NJ Transit)
        ("coke at sarah lawrence college", (40.9312, -73.8988), 5.0),  # Yonkers' centre
        ("coke at brooklyn tech", (40.6880, -73.9750), 0.4),  # Fort Greene Park's south side
        ("coke at laguardia high school", (40.7734, -73.9821), 0.5),  # 66th Street-Lincoln Center station
        ("coke at carnegie deli", (40.7651, -73.9799), 0.3),  # Carnegie Hall
        ("coke at the new yorker hotel", (40.7505, -73.9934), 0.4),  # Madison Square Garden
        ("coke at queens borough hall", (40.7142, -73.8310), 0.5),  # Kew Gardens-Union Turnpike station
        ("coke at thurgood marshall courthouse", (40.7128, -74.0059), 0.6),  # New York City Hall
        ("coke at whitestone bridge", (40.7960, -73.8270), 1.5),  # the bridge's Queens landing, Whitestone
        ("coke at green acres mall", (40.6643, -73.7085), 2.0),  # Valley Stream's centre
        ("coke at dyker beach golf course", (40.6210, -74.0100), 1.5),  # Dyker Heights
        ("coke at staten island zoo", (40.6220, -74.1150), 0.8),  # Clove Lakes Park's south end
        ("coke at jones beach", (40.5960, -73.5090), 1.5),  # Jones Beach Theater
        ("coke at woodlawn cemetery bronx", (40.8864, -73.8789), 1.0),  # Woodlawn station (4)
        ("coke in kingsbridge new york", (40.8843, -73.9007), 1.5),  # 238th Street station (1)
        # Chicago
        ("coke at the dusable museum", (41.7920, -87.6170), 1.0),  # Washington Park's east side on Cottage Grove
        ("coke at lincoln hall chicago", (41.9252, -87.6493), 0.3),  # Biograph Theater, 2433 N Lincoln Ave
        ("coke at park west chicago", (41.9180, -87.6380), 0.4),  # Armitage Ave and Clark St
        ("coke at moody church", (41.9105, -87.6331), 0.4),  # LaSalle Dr and North Ave
        ("coke at congress plaza hotel", (41.8758, -87.6189), 0.6),  # Buckingham Fountain
        ("coke at horseshoe hammond", (41.6834, -87.5000), 2.5),  # Hammond's Robertsdale on Calumet Ave
        ("coke at ballys chicago", (41.8920, -87.6260), 0.3),  # Grand station (Red) at State and Grand
        ("coke at the berghoff", (41.8794, -87.6278), 0.3),  # State and Adams
        ("coke at gibsons steakhouse", (41.9036, -87.6286), 0.4),  # Clark/Division station (Red), 1200 N
        ("coke at the violet hour", (41.9097, -87.6776), 0.3),  # Damen station (Blue)
        ("coke at chicago ridge mall", (41.7017, -87.7795), 2.5),  # Chicago Ridge's centre
        ("coke at orland square", (41.6303, -87.8539), 1.5),  # Orland Park's centre
        ("coke at oprf", (41.8866, -87.7938), 0.6),  # Oak Park station (Green)
        ("coke at moraine valley", (41.6931, -87.8378), 1.0),  # 9000 W College Pkwy (article point, round 14i)
        ("coke at graceland cemetery", (41.9540, -87.6585), 0.6),  # Sheridan station (Red)
        ("coke at rosehill cemetery", (41.9907, -87.6820), 1.0),  # Peterson Ave and Ravenswood Ave
        ("coke in canaryville chicago", (41.8097, -87.6420), 1.5),  # 47th and Halsted
        ("coke in chatham chicago", (41.7505, -87.6250), 2.0),  # 79th and State
        # Philadelphia
        ("coke at union transfer", (39.9620, -75.1580), 0.5),  # Spring Garden and Broad
        ("coke at old st josephs church", (39.9489, -75.1500), 0.4),  # Independence Hall
        ("coke at vetri cucina", (39.9475, -75.1645), 0.3),  # Academy of Music
        ("coke at oxford valley mall", (40.1851, -74.8720), 1.0),  # Sesame Place
        ("coke at plymouth meeting mall", (40.1023, -75.2743), 2.0),  # Plymouth Meeting's centre
        ("coke at rowan university", (39.7029, -75.1118), 1.5),  # Glassboro's centre
        ("coke at rutgers camden", (39.9485, -75.1213), 0.6),  # Walter Rand Transportation Center's north
        ("coke at st joes prep", (39.9713, -75.1593), 0.5),  # Girard station (Broad Street Line)
        ("coke at valley forge casino", (40.0893, -75.3960), 1.0),  # King of Prussia
        ("coke at longwood gardens", (39.8710, -75.6750), 1.0),  # the conservatory
        # Boston
        ("coke at roadrunner boston", (42.3572, -71.1394), 0.4),  # Boston Landing station
        ("coke at the bleacher bar", (42.3467, -71.0972), 0.3),  # Fenway Park
        ("coke at cambridge city hall", (42.3653, -71.1037), 0.4),  # Central station (Red)
        ("coke at harvard bridge", (42.3519, -71.0896), 0.6),  # MIT's Kresge Auditorium side of Mass Ave
        ("coke at boston park plaza", (42.3520, -71.0705), 0.4),  # Arlington station (Green)
        ("coke at government center boston", (42.3604, -71.0580), 0.3),  # Boston City Hall
        ("coke at riverside station newton", (42.3370, -71.2520), 0.5),  # the Green Line D branch terminal
        ("coke at brighton music hall", (42.3530, -71.1320), 0.3),  # Harvard Ave and Brighton Ave
        ("coke at make way for ducklings", (42.3540, -71.0700), 0.4),  # the Public Garden
        ("coke in cleveland circle", (42.3362, -71.1490), 0.6),  # Cleveland Circle station (Green C)
        # Miami
        ("coke at moca north miami", (25.8901, -80.1867), 0.6),  # North Miami's centre on NE 125th St
        ("coke at hoy como ayer", (25.7653, -80.2193), 1.5),  # Domino Park (Maximo Gomez Park)
        ("coke at st mary cathedral miami", (25.8517, -80.1971), 0.6),  # NW 79th St and NW 2nd Ave
        ("coke at the delano", (25.7907, -80.1300), 0.5),  # Miami Beach's centre in South Beach
        ("refresco en el shore club miami beach", (25.7955, -80.1283), 0.3),  # the Setai next door
        ("coke at magic city casino", (25.7743, -80.2559), 0.8),  # Flagler St and NW 37th Ave
        ("agua cerca de casino miami jai alai", (25.8096, -80.2559), 0.4),  # NW 36th St and NW 37th Ave
        ("coke at sawgrass mills", (26.1520, -80.3230), 1.5),  # the mall's Oasis
        ("coke at nova southeastern", (26.0800, -80.2410), 1.5),  # Davie campus
        ("coke at the biltmore hotel coral gables", (25.7490, -80.2600), 2.5),  # Coral Gables City Hall
        ("coke at tropical park", (25.7335, -80.3150), 1.2),  # Bird Rd and the Palmetto Expressway
        ("coke at kendall regional medical center", (25.7335, -80.3800), 1.0),  # Bird Rd and SW 117th Ave
        ("coke at christopher columbus high school miami", (25.7335, -80.3378), 1.5),  # Bird Rd and Galloway Rd
        ("coke at palacio de los jugos", (25.7743, -80.2895), 0.3),  # W Flagler St and NW 57th Ave
        ("coke in pinecrest miami", (25.6680, -80.2900), 1.5),  # Pinecrest Gardens
        ("coke in bal harbour", (25.8881, -80.1257), 0.8),  # Bal Harbour Shops
        ("coke in miami gardens", (25.9580, -80.2389), 4.0),  # Hard Rock Stadium
        ("coke in miami springs", (25.8220, -80.2900), 1.0),  # Curtiss Mansion
        ("coke in hialeah gardens", (25.8743, -80.3378), 2.0),  # City Hall, 10001 NW 87th Ave, on the county grid
        ("coke in sunny isles", (25.9429, -80.1234), 1.0),  # Collins Ave at Sunny Isles Blvd
        # misspelt
        ("coke at the berghof chicago", (41.8794, -87.6278), 0.3),  # State and Adams
        ("coke at sarah lawrance college", (40.9312, -73.8988), 5.0),  # Yonkers' centre
    ],
)
def test_round14a_places(query, point, km):
    assert km_from(query, point) < km


def test_logan_stays_the_neighbourhood():
    """The Logan hotel on Logan Square is not Philadelphia's Logan neighbourhood, 8 km north."""
    assert km_from("coke in logan philadelphia", (40.0300, -75.1450)) < 1.5


def test_birdland_alone_stays_san_diego():
    place = plan("coke at birdland").place
    assert place.name.startswith("Birdland, San Diego"), place


def test_chicago_arterials_on_the_grid():
    assert_corner("coke at stony island and 79th", (41.7507, -87.5863), 0.3)  # 79th St and Stony Island Ave
    assert_corner("coke at cottage grove and 63rd chicago", (41.7802, -87.6058), 0.3)  # Cottage Grove station (Green)
    assert_corner("coke at racine and belmont", (41.9397, -87.6585), 0.3)  # 3200 N, 1200 W
    assert_corner("water at racine ave and roosevelt rd chicago", (41.8674, -87.6568), 0.3)
    assert_corner("coke at touhy and western", (42.0124, -87.6899), 0.3)  # 7200 N, 2400 W
    assert_corner("coke at howard and western", (42.0190, -87.6900), 0.3)  # 7600 N, 2400 W
    assert_corner("coke at peterson and pulaski", (41.9907, -87.7260), 0.3)  # 6000 N, 4000 W
    assert_corner("coke at kinzie and halsted", (41.8892, -87.6475), 0.3)  # 400 N, 800 W
    assert_corner("snacks at ohio st and state st", (41.8925, -87.6278), 0.3)  # 600 N, 0 E/W
    assert_corner("coke at touhy and harlem", (42.0124, -87.8060), 0.3)  # 7200 N, 7200 W
