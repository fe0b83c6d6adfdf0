"""Issue 16, thirteenth round (blocks "venues.tsv round 13f" and "streets.tsv round 13f"): parks, landmarks,
hospitals, colleges and neighbourhoods of Denver, Nashville, Portland, Minneapolis and Kansas City that neither
"coke at <name>" nor "coke at <name> <city>" placed within the kind's tolerance, and the street lines Nashville's
Hillsboro Village (Belcourt Ave) lacked, with Five Points' Woodland St & 11th St. Queries are written as people type
them (with and without the city, short names, a few in Spanish); each expected point is a published coordinate (the
Wikipedia infobox) or something that stands at or beside the place (a station, a corner, a neighbouring park or
building), written apart from its row, with a tolerance fit to the kind and to how far that neighbour stands."""

import pytest

from search.tests.offline import assert_corner, km_from


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # Nashville
        ("coke at rca studio b", (36.1496, -86.7930), 0.4),  # RCA Studio A (Wikipedia), next door
        ("agua en travellers rest nashville", (36.0769, -86.7637), 0.5),  # Wikipedia: Travellers Rest
        ("coke at trevecca", (36.1427, -86.7531), 0.5),  # Wikipedia: Trevecca Nazarene University
        ("coke at montgomery bell academy", (36.1289, -86.8369), 0.5),  # Wikipedia: Montgomery Bell Academy
        ("coke at father ryan high school", (36.0981, -86.7669), 0.5),  # Wikipedia: Father Ryan High School
        ("coke at the lane motor museum", (36.1403, -86.7342), 0.5),  # Wikipedia: Lane Motor Museum
        ("coke at dyer observatory", (36.0522, -86.8050), 0.5),  # Wikipedia: Dyer Observatory
        ("coke at woodland st & 11th st nashville", (36.1770, -86.7500), 0.3),  # Five Points Nashville
        ("agua en 11th y woodland nashville", (36.1770, -86.7500), 0.3),  # Five Points Nashville
        ("coke at nashville state community college", (36.1349, -86.8568), 0.5),  # Wikipedia
        ("coke at pancake pantry nashville", (36.1340, -86.8000), 0.6),  # Hillsboro Village
        ("coke at dragon park nashville", (36.1340, -86.8000), 1.5),  # Hillsboro Village, across 21st Ave
        ("coke at elliston place soda shop", (36.1530, -86.7930), 1.5),  # West End Ave at Broadway's fork
        # Denver
        ("coke at roxborough state park", (39.4297, -105.0692), 1.0),  # Wikipedia: Roxborough State Park
        ("coke at fiddlers green amphitheatre", (39.6005, -104.8940), 0.5),  # Wikipedia: Fiddler's Green
        ("coke at colorado christian university", (39.7128, -105.0945), 0.5),  # Wikipedia
        ("coke at porter adventist hospital", (39.6703, -104.9750), 0.5),  # Wikipedia: AdventHealth Porter
        ("agua en el museo de las americas denver", (39.7385, -104.9880), 1.5),  # Civic Center Park
        ("coke at the larimer lounge denver", (39.7700, -104.9800), 1.5),  # RiNo
        ("coke at ferril lake denver", (39.7470, -104.9500), 1.0),  # City Park
        ("coke at smith lake denver", (39.7000, -104.9700), 1.0),  # Washington Park
        ("coke at the cruise room denver", (39.7530, -105.0002), 0.6),  # Union Station
        ("coke at wynkoop brewing", (39.7530, -105.0002), 0.6),  # Union Station
        # Portland
        ("coke at holladay park portland", (45.5320, -122.6540), 0.6),  # Lloyd Center
        ("coke at chapman square", (45.5148, -122.6791), 0.4),  # Portland City Hall, across 4th Ave
        ("coke at terry schrunk plaza", (45.5148, -122.6791), 0.4),  # Portland City Hall
        ("coke at salmon street springs", (45.5150, -122.6720), 0.6),  # Tom McCall Waterfront Park
        ("coke at morrison bridge portland", (45.5150, -122.6720), 0.8),  # Tom McCall Waterfront Park
        ("coke at the wonder ballroom portland", (45.5320, -122.6540), 1.8),  # Lloyd Center
        # Minneapolis / Saint Paul
        ("coke at concordia university st paul", (44.9497, -93.1550), 0.5),  # Wikipedia: Concordia University
        ("coke at eloise butler wildflower garden", (44.9940, -93.3260), 2.0),  # Theodore Wirth Park
        ("coke at lakewood cemetery minneapolis", (44.9480, -93.3110), 2.0),  # Bde Maka Ska
        ("coke at the bakken museum", (44.9480, -93.3110), 1.0),  # Bde Maka Ska
        ("coke at als breakfast", (44.9800, -93.2360), 0.5),  # Dinkytown
        ("coke at the varsity theater minneapolis", (44.9800, -93.2360), 0.5),  # Dinkytown
        ("coke at east isles minneapolis", (44.9480, -93.3110), 3.0),  # Bde Maka Ska
        # Kansas City
        ("coke at unity temple on the plaza", (39.0420, -94.5930), 0.6),  # Country Club Plaza
        ("coke at winsteads kansas city", (39.0420, -94.5930), 1.0),  # Country Club Plaza
        ("coke at q39 kansas city", (39.0530, -94.5930), 1.5),  # Westport
        ("agua en el thomas hart benton home", (39.0622, -94.5978), 0.5),  # Wikipedia: Benton Home and Studio
        ("coke at gates bbq kansas city", (39.0848, -94.5858), 2.0),  # Union Station
        ("coke at hallmark visitors center", (39.0848, -94.5858), 0.8),  # Union Station
        ("coke at rockhurst high school", (38.9600, -94.6060), 0.5),  # Wikipedia: Rockhurst High School
        ("coke at cable dahmer arena", (39.0400, -94.3574), 0.5),  # Wikipedia: Cable Dahmer Arena
        ("coke at william jewell college", (39.2463, -94.4122), 0.5),  # Wikipedia: William Jewell College
    ],
)
def test_round_13f_places_are_found(query, point, km):
    assert km_from(query, point) < km


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("belcourt ave & 21st ave s nashville", (36.1366, -86.8000)),  # Hillsboro Village, by the Belcourt Theatre
        ("coke at belcourt and 21st nashville", (36.1366, -86.8000)),
        ("speer and larimer denver", (39.7480, -104.9990)),  # Larimer Square
        ("quebec and colfax denver", (39.7400, -104.9035)),  # E Colfax Ave on the Denver grid
        ("independence ave and prospect kansas city", (39.1060, -94.5540)),
    ],
)
def test_round_13f_corners(query, point):
    assert_corner(query, point)
