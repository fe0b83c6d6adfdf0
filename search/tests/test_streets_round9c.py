"""Issue 16, ninth round (c): the downtown grids drawn for Los Angeles (Main to Figueroa, Temple to Pico, Alameda,
Cesar Chavez; Olympic and Wilshire carried into downtown), Dallas, Charlotte, San Jose, Jacksonville, Memphis and San
Antonio, in the styles people write corners. Each expected point is the intersection as known (landmarks on its
corners: the Bradbury Building, Pershing Square, Disney Hall, City Hall, Metro stations...), independently of the
lines drawn in streets.tsv."""

import pytest

from search.tests.offline import assert_corner, assert_no_corner


@pytest.mark.parametrize(
    ("query", "point"),
    [
        # Los Angeles
        ("water at 7th and fig", (34.0488, -118.2596)),  # 7th St/Metro Center
        ("coke at 3rd st and broadway los angeles", (34.0508, -118.2478)),  # the Bradbury Building
        ("water at 5th & hill los angeles", (34.0490, -118.2515)),  # Pershing Square's north-east corner
        ("water at corner of 1st and grand los angeles", (34.0560, -118.2492)),  # Disney Hall
        ("water at temple st at spring st los angeles", (34.0550, -118.2424)),  # City Hall's north-west corner
        ("water at pico/flower los angeles", (34.0406, -118.2659)),  # Pico station
        ("water at alameda and 1st st los angeles", (34.0499, -118.2386)),  # Little Tokyo/Arts District station
        ("water at grand ave & 5th st los angeles", (34.0502, -118.2537)),  # the Biltmore's corner
        ("water at cesar chavez and alameda los angeles", (34.0591, -118.2378)),  # Union Station's north-west
        ("water at olympic and main los angeles", (34.0398, -118.2541)),
        ("water at wilshire blvd & flower st los angeles", (34.0495, -118.2578)),
        # Dallas
        ("water at st paul and main dallas", (32.7816, -96.7961)),
        ("water at lamar st & commerce st dallas", (32.7786, -96.8021)),
        ("water at young at akard dallas", (32.7772, -96.7970)),  # City Hall's corner
        ("water at corner of pacific and akard dallas", (32.7824, -96.7998)),
        ("water at griffin st/elm st dallas", (32.7808, -96.8019)),
        ("water at jackson and ervay dallas", (32.7795, -96.7964)),
        # Charlotte
        ("water at mint and trade charlotte", (35.2299, -80.8466)),
        ("water at caldwell st & 5th st charlotte", (35.2255, -80.8384)),
        ("water at corner of mlk and tryon charlotte", (35.2234, -80.8468)),
        ("water at brevard at trade charlotte", (35.2252, -80.8408)),
        ("water at poplar st/9th st charlotte", (35.2351, -80.8392)),
        ("water at graham and 4th charlotte", (35.2296, -80.8490)),
        ("water at 10th and tryon charlotte", (35.2345, -80.8356)),
        # San Jose
        ("water at 3rd and santa clara san jose", (37.3378, -121.8882)),
        ("water at st james st & 1st st san jose", (37.3394, -121.8923)),
        ("water at 5th st at san fernando san jose", (37.3374, -121.8850)),
        ("water at corner of 10th and santa clara san jose", (37.3411, -121.8802)),
        ("water at 7th st/san carlos st san jose", (37.3349, -121.8803)),
        ("water at st john and 4th san jose", (37.3395, -121.8880)),
        # Jacksonville
        ("water at julia and adams jacksonville", (30.3291, -81.6626)),
        ("water at pearl st & forsyth st jacksonville", (30.3280, -81.6648)),
        ("water at church st at main st jacksonville", (30.3324, -81.6560)),
        ("water at corner of ashley and laura jacksonville", (30.3335, -81.6582)),
        ("water at beaver st/hogan st jacksonville", (30.3346, -81.6604)),
        ("water at newnan and bay jacksonville", (30.3270, -81.6516)),
        ("water at ocean st and duval st jacksonville", (30.3313, -81.6538)),
        # Memphis
        ("water at 4th st and beale memphis", (35.1389, -90.0501)),  # FedExForum's corner
        ("water at union ave & 4th st memphis", (35.1417, -90.0492)),
        ("water at peabody pl at 2nd st memphis", (35.1410, -90.0525)),
        ("water at corner of monroe and front memphis", (35.1450, -90.0542)),
        ("water at monroe ave/bb king blvd memphis", (35.1441, -90.0495)),
        ("water at danny thomas and union memphis", (35.1410, -90.0467)),
        # San Antonio
        ("water at navarro and commerce san antonio", (29.4240, -98.4931)),
        ("water at flores st & commerce st san antonio", (29.4241, -98.4965)),
        ("water at market st at alamo st san antonio", (29.4225, -98.4861)),
        ("water at corner of travis and st marys san antonio", (29.4288, -98.4909)),
        ("water at martin st/flores st san antonio", (29.4307, -98.4972)),
        ("water at santa rosa and houston san antonio", (29.4270, -98.4990)),
    ],
)
def test_corners_of_the_drawn_downtown_grids(query, point):
    assert_corner(query, point)


@pytest.mark.parametrize(
    "query",
    [
        "water at hill and olive los angeles",  # side by side, one block apart
        "water at 7th st and 9th st los angeles",
        "water at lamar and griffin dallas",
        "water at mint st and graham st charlotte",
        "water at st john and st james san jose",
        "water at church st and beaver st jacksonville",
        "water at peabody pl and monroe ave memphis",
        "water at navarro and flores san antonio",
    ],
)
def test_parallel_streets_answer_no_corner(query):
    assert_no_corner(query)


def test_streets_that_never_meet_answer_no_corner():
    # Temple St is the north edge of the Civic Center; Pico Blvd runs past the Convention Center, 2 km south
    assert_no_corner("water at temple st and pico blvd los angeles")
