"""Issue 16, thirteenth round (blocks "venues.tsv round 13a" and "streets.tsv round 13a"): parks, landmarks, stations,
neighbourhoods and street lines of New York, Chicago, Philadelphia, Boston and Miami that neither "coke at <name>" nor
"coke at <name> <city>" placed within the kind's tolerance. Queries are written as people type them (with and without
the city, short names, a few in Spanish); each expected point is something that stands at or beside the place (a
station, a corner, a neighbouring building or park), written apart from its row, with a tolerance fit to the kind and
to how far that neighbour stands: 0.3-1 km for a building, up to 1.5 km for a large site."""

import pytest

from search.tests.offline import assert_corner, km_from, plan


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # New York
        ("coke at zabars", (40.7839, -73.9799), 0.5),  # 79th Street station (1)
        ("agua en sylvias harlem", (40.8076, -73.9454), 0.5),  # 125th Street station (2, 3)
        ("coke at fraunces tavern", (40.7046, -74.0142), 0.5),  # Bowling Green station (4, 5)
        ("coke at jamaica bay wildlife refuge", (40.6084, -73.8158), 1.5),  # Broad Channel station (A, S)
        ("snacks at keens steakhouse", (40.7496, -73.9880), 0.5),  # 34th Street-Herald Square station
        ("coke at bowery ballroom", (40.7203, -73.9939), 0.5),  # Bowery station (J, Z)
        ("coke at the public theater", (40.7300, -73.9910), 0.4),  # Astor Place station (6)
        ("coke at the shed hudson yards", (40.7557, -74.0018), 0.5),  # 34th Street-Hudson Yards station (7)
        ("coke at museum of the moving image", (40.7568, -73.9206), 0.5),  # Steinway Street station (M, R)
        ("coke at lehman college", (40.8734, -73.8900), 0.6),  # Bedford Park Boulevard-Lehman College station
        ("coke at the algonquin hotel", (40.7536, -73.9832), 0.5),  # Bryant Park
        ("coke at jay street metrotech", (40.6931, -73.9899), 0.5),  # Borough Hall station (2, 3, 4, 5)
        ("coke at the unisphere", (40.7458, -73.8467), 0.5),  # Queens Museum
        ("coke in hudson heights", (40.8517, -73.9375), 1.5),  # 181st Street station (A)
        # Chicago
        ("coke at lou malnatis", (41.8886, -87.6336), 0.5),  # Merchandise Mart station (Brown, Purple)
        ("coke at girl and the goat", (41.8857, -87.6518), 0.5),  # Morgan station (Green, Pink)
        ("coke at alinea chicago", (41.9108, -87.6491), 0.5),  # North/Clybourn station (Red)
        ("coke at the vic theatre", (41.9397, -87.6534), 0.5),  # Belmont station (Red, Brown, Purple)
        ("coke at thalia hall", (41.8576, -87.6695), 1.2),  # 18th station (Pink)
        ("coke at the second city", (41.9104, -87.6391), 0.5),  # Sedgwick station (Brown, Purple)
        ("coke at truman college", (41.9653, -87.6578), 0.5),  # Wilson station (Red, Purple)
        ("coke at southport station chicago", (41.9433, -87.6633), 0.3),  # Southport Ave and Roscoe St
        ("coke at riviera theatre chicago", (41.9688, -87.6583), 0.5),  # Lawrence station (Red)
        ("coke at wooded island", (41.7906, -87.5831), 1.0),  # Museum of Science and Industry
        ("coke at 12th street beach", (41.8663, -87.6068), 0.6),  # Adler Planetarium
        ("coke at unity temple oak park", (41.8866, -87.7938), 0.5),  # Oak Park station (Green)
        # Philadelphia
        ("coke at mcgillins", (39.9524, -75.1636), 0.5),  # City Hall
        ("coke at zahav", (39.9498, -75.1440), 0.6),  # 2nd Street station (Market-Frankford Line)
        ("coke at frankford hall", (39.9689, -75.1362), 0.4),  # Girard station (Market-Frankford Line)
        ("coke at yards brewery", (39.9603, -75.1403), 0.8),  # Spring Garden station (Market-Frankford Line)
        ("coke at theatre of the living arts", (39.9415, -75.1492), 0.4),  # South St and 4th St
        ("coke at the philadelphia mint", (39.9510, -75.1493), 0.5),  # 5th Street/Independence Hall station
        ("coke at laurel hill cemetery", (40.0113, -75.1920), 1.5),  # East Falls station (Manayunk/Norristown Line)
        ("coke at the pennypack bridge", (40.0440, -75.0210), 0.3),  # Frankford Ave at Solly Ave, Holmesburg
        # Boston
        ("coke at santarpios", (42.3691, -71.0395), 0.8),  # Maverick station (Blue)
        ("coke at the middle east cambridge", (42.3653, -71.1037), 0.5),  # Central station (Red)
        ("coke at the sinclair cambridge", (42.3734, -71.1189), 0.4),  # Harvard station (Red)
        ("coke at sam adams brewery", (42.3171, -71.1042), 0.5),  # Stony Brook station (Orange)
        ("coke at ruggles station", (42.3398, -71.0892), 0.6),  # Northeastern University
        ("coke at the mapparium", (42.3428, -71.0857), 0.5),  # Symphony Hall
        ("coke at wonderland station", (42.4181, -70.9870), 1.0),  # Revere Beach
        # Miami
        ("agua en la piscina veneciana", (25.7459, -80.2740), 0.3),  # the Venetian Pool of round 8
        ("refresco en la carreta calle ocho", (25.7653, -80.2193), 0.6),  # Maximo Gomez Park (Domino Park)
        ("coke at club space miami", (25.7797, -80.1897), 1.0),  # Freedom Tower
        ("coke at ica miami", (25.8130, -80.1930), 0.5),  # Miami Design District
        ("coke at the barnacle", (25.7280, -80.2420), 0.6),  # CocoWalk
        ("refresco en el palacio de los jugos", (25.7740, -80.2895), 1.0),  # W Flagler St and NW 57th Ave (round 14a)
    ],
)
def test_round13a_places(query, point, km):
    assert km_from(query, point) < km


def test_frankford_and_girard_meet_in_fishtown():
    assert_corner("coke at frankford & girard", (39.9693, -75.1343), 0.2)  # Johnny Brenda's, 1201 N Frankford Ave
    assert_corner("water at frankford ave and girard ave philly", (39.9693, -75.1343), 0.2)


def test_frankford_ave_reaches_allegheny_and_church():
    assert_corner("coke at frankford and allegheny", (39.9965, -75.1135), 1.0)  # Allegheny station (Kensington Ave)


def test_southport_ave_crosses_lakeview():
    assert_corner("coke at southport and belmont", (41.9397, -87.6634), 0.3)  # 3200 N, 1400 W
    assert_corner("southport & addison chicago", (41.9470, -87.6634), 0.3)  # 3600 N, 1400 W (Wrigley Field is 1060 W)
    assert_corner("coke at southport and north ave", (41.9105, -87.6625), 0.3)


def test_venetian_pool_keeps_its_english_name():
    place = plan("coke at venetian pool").place
    assert place.name.split(", ")[0] == "Venetian Pool"
