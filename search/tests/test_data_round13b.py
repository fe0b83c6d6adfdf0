"""Issue 16, thirteenth round (blocks "venues.tsv round 13b" and "streets.tsv round 13b"): parks, beaches, gardens,
landmarks (restaurants, bars, music venues, theatres, museums, historic houses, churches, hotels, bridges), hospitals,
colleges, malls and neighbourhoods of San Diego, Seattle, Detroit, Memphis and St. Louis that neither
"coke at <name>" nor "coke at <name> <city>" placed within the kind's tolerance, and Detroit's Randolph St and Brush
St downtown. Queries are written as people type them (with and without the city, short names, a few in Spanish);
each expected point is something that stands at or beside the place (a station, a neighbouring building or park, a
published coordinate), written apart from its row, with a tolerance fit to the kind and to how far that neighbour
stands: 0.3-1 km for a building, up to 2 km for a large park or an estuary, 3 km for a district."""

import pytest

from search.tests.offline import assert_corner, km_from, plan


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # San Diego
        ("coke at tourmaline", (32.8047, -117.2622), 0.5),  # Wikipedia: Tourmaline Surfing Park
        ("agua en el jardin japones balboa", (32.7294, -117.1505), 0.5),  # Spreckels Organ Pavilion
        ("coke at the mingei museum", (32.7321, -117.1504), 0.4),  # San Diego Museum of Art, Plaza de Panama
        ("coke at the timken museum san diego", (32.7321, -117.1504), 0.4),  # San Diego Museum of Art
        ("coke at morley field san diego", (32.7341, -117.1446), 1.5),  # Balboa Park
        ("coke at phils bbq", (32.7554, -117.2121), 0.8),  # Pechanga Arena, Sports Arena Blvd
        ("coke at humphreys by the bay", (32.7140, -117.2280), 1.0),  # Shelter Island
        ("coke at la jolla playhouse", (32.8801, -117.2340), 1.5),  # UC San Diego
        ("coke in loma portal", (32.7398, -117.2107), 2.0),  # Liberty Station
        ("coke at the tijuana river estuary", (32.5792, -117.1350), 2.5),  # Imperial Beach Pier
        # Seattle
        ("coke at victor steinbrueck park", (47.6097, -122.3422), 0.4),  # Pike Place Market
        ("coke at freeway park seattle", (47.6119, -122.3314), 0.5),  # Seattle Convention Center
        ("coke at hing hay park", (47.5980, -122.3270), 0.4),  # Uwajimaya
        ("coke at the fremont bridge seattle", (47.6510, -122.3473), 0.8),  # Fremont Troll
        ("coke at the neptune theatre seattle", (47.6615, -122.3130), 0.8),  # University District
        ("coke at tractor tavern", (47.6688, -122.3848), 0.8),  # National Nordic Museum, Ballard
        ("coke at elliott bay book company", (47.6170, -122.3190), 0.5),  # Cal Anderson Park
        ("coke at lindas tavern", (47.6170, -122.3190), 0.4),  # Cal Anderson Park
        ("coke at the seattle rep", (47.6215, -122.3514), 0.6),  # Seattle Center
        ("refresco en el jardin japones seattle", (47.6400, -122.2940), 1.5),  # Washington Park Arboretum
        ("coke at lake view cemetery seattle", (47.6301, -122.3150), 0.6),  # Volunteer Park
        ("coke at northwest hospital seattle", (47.7195, -122.3365), 1.5),  # Haller Lake
        ("coke in loyal heights", (47.6910, -122.4030), 3.0),  # Golden Gardens Park
        # Detroit
        ("coke at sweetest heart of mary", (42.3583, -83.0478), 0.3),  # Wikipedia: Sweetest Heart of Mary
        ("coke at the fisher theatre", (42.3695, -83.0770), 0.3),  # Fisher Building
        ("coke at the coleman young municipal center", (42.3296, -83.0440), 0.3),  # Spirit of Detroit
        ("coke at the joe louis fist", (42.3275, -83.0440), 0.4),  # Hart Plaza
        ("coke at slows bar bq", (42.3289, -83.0776), 1.0),  # Michigan Central Station
        ("coke at cliff bells detroit", (42.3383, -83.0526), 0.4),  # Fox Theatre Detroit
        ("coke at the dossin museum", (42.3389, -82.9820), 1.5),  # Belle Isle
        ("coke at st pauls cathedral detroit", (42.3594, -83.0645), 0.5),  # Detroit Institute of Arts
        ("coke at harmonie park detroit", (42.3370, -83.0490), 0.4),  # Detroit Opera House
        ("coke in mcdougall-hunt", (42.3590, -83.0220), 2.0),  # Heidelberg Project
        ("coke in cody rouge", (42.3790, -83.2360), 3.0),  # Rouge Park
        # Memphis
        ("coke at playhouse on the square", (35.1380, -89.9930), 0.4),  # Overton Square
        ("coke at hattiloo theatre", (35.1380, -89.9930), 0.4),  # Overton Square
        ("refresco en la catedral de la inmaculada concepcion memphis", (35.1259, -90.0052), 0.4),  # Wikipedia
        ("coke at the woodruff-fontaine house", (35.1430, -90.0420), 0.6),  # Victorian Village
        ("coke at dyers burgers", (35.1389, -90.0520), 0.3),  # Beale Street
        ("coke at rum boogie cafe memphis", (35.1390, -90.0521), 0.3),  # B.B. King's Blues Club
        ("coke at the gibson guitar factory memphis", (35.1382, -90.0506), 0.4),  # FedExForum
        ("coke at earnestine and hazels", (35.1344, -90.0578), 0.4),  # National Civil Rights Museum
        ("coke in speedway terrace memphis", (35.1432, -89.9937), 3.0),  # Overton Park
        # St. Louis
        ("coke at the lemp mansion", (38.5990, -90.2130), 1.0),  # Anheuser-Busch Brewery
        ("coke at scott joplin house", (38.6371, -90.2149), 0.3),  # Wikipedia: Scott Joplin House
        ("coke at the campbell house museum st louis", (38.6298, -90.1983), 0.4),  # St. Louis Central Library
        ("coke at christ church cathedral st louis", (38.6298, -90.1983), 0.3),  # St. Louis Central Library
        ("coke at art hill", (38.6394, -90.2944), 0.4),  # Saint Louis Art Museum
        ("coke at the tivoli theatre st louis", (38.6559, -90.3060), 0.4),  # Blueberry Hill
        ("coke at rigazzis", (38.6150, -90.2770), 1.0),  # The Hill
        ("coke at the worlds fair pavilion", (38.6452, -90.2858), 1.2),  # Missouri History Museum
        ("coke at the st louis wheel", (38.6290, -90.2079), 0.3),  # Union Station
        ("coke at broadway oyster bar", (38.6226, -90.1928), 0.7),  # Busch Stadium
    ],
)
def test_round13b_place(query, point, km):
    assert km_from(query, point) <= km, plan(query).place


def test_namesakes_keep_their_metro():
    # the bare names stay the other metros' (the new rows are scoped with '@' or named with their city)
    assert "San Jose" in plan("coke at japanese friendship garden san jose").place.name
    assert plan("coke at lakeside mall sterling heights").place.point[0] > 42


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        ("randolph st and jefferson ave detroit", (42.3296, -83.0440), 0.3),  # Spirit of Detroit, CAYMC's corner
        ("randolph & monroe detroit", (42.3316, -83.0466), 0.4),  # Campus Martius, Monroe's west end
        ("brush st and monroe st detroit", (42.3346, -83.0424), 0.3),  # Greektown station (Wikipedia)
    ],
)
def test_round13b_corner(query, point, km):
    assert_corner(query, point, km)
