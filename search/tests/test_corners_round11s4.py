"""Issue 16, eleventh round (s4): New York's streets below 14th St (the Village, SoHo, Chinatown, the Lower East Side,
the Financial District), Brooklyn's, Queens' and the Bronx's arterials, and Kansas City's streets east of Troost.
Manhattan's grid (search.geo.manhattan) places only numbered streets from 14th St up: before these lines "coke at
bleecker st and 6th ave" was answered "6th Ave & 42nd St". Each expected point is a subway station at that corner
(Wikipedia for Bleecker St, West 4th St and Christopher St; the MTA's station points, from memory, for the others), or,
where no station stands there, the corner as remembered from the map, not read off the lines drawn."""

import pytest

from search.interpret import Unresolved
from search.tests.offline import assert_corner, plan


@pytest.mark.parametrize(
    ("query", "point"),
    [
        # the brief's example: below 14th St the corner is the lines', not the grid's
        ("coke at bleecker st and 6th ave", (40.7303, -74.0019)),
        ("coke at bleecker and avenue of the americas", (40.7303, -74.0019)),
        ("coke at bleecker and lafayette", (40.72583, -73.99472)),  # Bleecker St station (Wikipedia)
        ("coke at w 4th st and 6th ave nyc", (40.73168, -74.00095)),  # West 4th St station (Wikipedia)
        ("water at christopher st and 7th ave south", (40.733, -74.003)),  # Christopher St station (Wikipedia)
        ("coke at bleecker and macdougal", (40.7297, -74.0007)),
        (
            "snacks at spring st and 6th ave soho",
            (40.72623, -74.00374),
        ),  # Spring St station (C/E); Seattle has a Spring St & 6th Ave too
        ("coke at spring and lafayette", (40.72230, -73.99714)),  # Spring St station (6)
        ("coke at prince st and broadway", (40.72433, -73.99770)),  # Prince St station
        ("coke at houston and varick", (40.72825, -74.00537)),  # Houston St station (1)
        ("coke at varick and canal", (40.72285, -74.00628)),  # Canal St station (1)
        ("chips at hudson st and christopher st", (40.73290, -74.00710)),  # Christopher St PATH station
        ("coke at greenwich st and houston", (40.7288, -74.0093)),
        ("coke at west st and chambers", (40.7175, -74.0135)),
        ("coke at grand st and bowery", (40.71827, -73.99375)),  # Grand St station, at Chrystie St
        ("coke at broome and lafayette", (40.7206, -73.9990)),
        ("coke at mulberry and grand", (40.7194, -73.9977)),
        ("coke at elizabeth st and houston", (40.7245, -73.9934)),
        ("coke at 2nd ave and houston", (40.72340, -73.98994)),  # Second Ave station (F)
        ("coke at allen and delancey", (40.7194, -73.9906)),
        ("coke at orchard st and delancey", (40.7191, -73.9897)),
        ("coke at ludlow and houston", (40.7226, -73.9871)),
        ("coke at avenue a and st marks pl", (40.7270, -73.9835)),  # Tompkins Square Park's north-west
        ("coke at avenue b and houston", (40.7213, -73.9840)),
        ("coke at avenue c and houston", (40.7203, -73.9805)),
        ("coke at st marks and 2nd ave", (40.7285, -73.9876)),
        ("coke at 1st ave and st marks", (40.7276, -73.9853)),
        ("coke at 3rd ave and st marks", (40.7292, -73.9899)),  # Cooper Square
        ("coke at astor pl and lafayette", (40.73005, -73.99107)),  # Astor Place station
        ("coke at wall st and broadway", (40.70756, -74.01186)),  # Wall St station (4/5), Trinity Church
        ("coke at broad st and wall st", (40.70648, -74.01106)),  # Broad St station
        ("coke at pearl and broad", (40.7034, -74.0113)),  # Fraunces Tavern
        ("coke at fulton and broadway manhattan", (40.71037, -74.00758)),  # Fulton St station
        ("coke at church st and chambers", (40.71411, -74.00859)),  # Chambers St station (A/C)
        # Brooklyn
        ("coke at court st and atlantic ave", (40.6895, -73.9927)),
        ("coke at smith st and atlantic ave", (40.6884, -73.9896)),
        ("coke at 4th ave and union st brooklyn", (40.67732, -73.98311)),  # Union St station
        ("coke at union st and 7th ave brooklyn", (40.6742, -73.9752)),
        ("coke at 5th ave and union st brooklyn", (40.6766, -73.9807)),
        ("coke at flatbush and 7th ave brooklyn", (40.67705, -73.97237)),  # 7th Ave station (B/Q)
        ("coke at dekalb and flatbush", (40.69064, -73.98182)),  # DeKalb Ave station
        ("coke at myrtle ave and flatbush ave", (40.6935, -73.9822)),
        ("coke at metropolitan and bedford", (40.7141, -73.9592)),
        ("coke at grand st and bedford ave brooklyn", (40.7127, -73.9600)),
        # Queens
        ("coke at 31st st and ditmars blvd", (40.77504, -73.91203)),  # Astoria-Ditmars Blvd station
        ("coke at steinway and ditmars", (40.7725, -73.9065)),
        ("coke at steinway st and northern blvd", (40.7538, -73.9234)),
        # the Bronx
        ("coke at grand concourse and fordham rd", (40.86130, -73.89775)),  # Fordham Rd station (B/D)
        ("coke at grand concourse and e tremont", (40.85041, -73.90523)),  # Tremont Ave station (B/D)
        ("coke at fordham rd and grand concourse bronx", (40.86130, -73.89775)),
    ],
)
def test_new_york_corners_below_the_grid_and_outside_manhattan(query, point):
    assert_corner(query, point)


def test_queens_plaza():
    # Queens Plaza station (40.74897,-73.93724) spans the plaza where Queens Blvd and Northern Blvd begin
    assert_corner("coke at queens blvd and northern blvd", (40.74897, -73.93724), 0.4)


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # 18th and Vine district (Wikipedia 39.08889,-94.56111), bounded by 18th, Woodland, 19th and the Paseo
        ("coke at 18th and vine kansas city", (39.08889, -94.56111), 0.4),
        ("coke at woodland and 18th kansas city", (39.08889, -94.56111), 0.45),
        ("coke at 11th and woodland", (39.1020, -94.5585), 0.3),
        ("coke at 12th and prospect kansas city", (39.1004, -94.5535), 0.3),
        ("coke at truman rd and the paseo", (39.0960, -94.5655), 0.3),
        ("coke at truman and troost kansas city", (39.0960, -94.5715), 0.3),
        ("coke at 12th st and vine kansas city", (39.1004, -94.5605), 0.3),
    ],
)
def test_kansas_city_east_of_troost(query, point, km):
    assert_corner(query, point, km)


@pytest.mark.parametrize(
    ("query", "label"),
    [
        # above 14th St the grid still answers, exactly as before
        ("coke at 42nd and 8th", "42nd St & 8th Ave, New York"),
        ("coke at 6th ave and 23rd st", "23rd St & 6th Ave, New York"),
        ("coke at 7th ave and 34th st", "34th St & 7th Ave, New York"),
        ("coke at broadway and 31st st nyc", "Broadway & 31st St, New York"),
        ("coke at 4th and 23rd", "23rd St & Park Ave, New York"),
        ("coke at 14th st and 6th ave", "14th St & 6th Ave, New York"),
        ("coke at 1st ave and 14th st", "14th St & 1st Ave, New York"),
        # product words are not streets: no Water St, no Mott St drawn
        ("water at fulton and nostrand brooklyn", "Fulton St & Nostrand Ave, New York"),
        ("motts at houston and bowery", "Houston St & Bowery, New York"),
        ("poland spring at houston and bowery", "Houston St & Bowery, New York"),
        ("coke at 31st and broadway kansas city", "31st St & Broadway, Kansas City"),
    ],
)
def test_what_must_not_change(query, label):
    assert plan(query).place.name == label


@pytest.mark.parametrize(
    "query",
    [
        "coke at 5th and main",  # every city has one
        "coke at 18th and vine",  # Philadelphia's and Kansas City's
        "coke at broadway and w 4th st",  # Los Angeles' 4th St and New York's W 4th St
    ],
)
def test_still_refused_or_asked(query):
    with pytest.raises(Unresolved):
        plan(query)
