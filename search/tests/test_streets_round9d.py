"""Issue 16, ninth round (d): corners of the downtown grids drawn for Denver (14th-20th Sts and the named streets from
Wynkoop to Tremont, Capitol Hill's Lincoln, Grant, Logan, Washington, York and Josephine), Houston (Bagby to Jackson,
Franklin to Pierce), St. Louis (its numbered streets and Broadway), New Orleans (the French Quarter's cross streets,
Dauphine and Burgundy) and Nashville (Union, Deaderick, Rosa Parks Blvd), in the styles people write them. Each
expected point is the intersection as known (Union Station, Coors Field, Larimer Square, Market Square Park, Jackson
Square...), written apart from the lines drawn in streets.tsv."""

import pytest

from search.geo.gazetteer import haversine_km
from search.tests.offline import assert_corner, assert_no_corner, plan


@pytest.mark.parametrize(
    ("query", "point"),
    [
        # Denver: the downtown grid, 45 degrees to the compass
        ("coke at 17th st and wynkoop st denver", (39.7528, -104.9996)),  # Union Station
        ("water at 20th and blake denver", (39.7544, -104.9944)),  # Coors Field's home plate gate
        ("water at larimer & 15th", (39.7483, -104.9986)),  # Larimer Square's north end
        ("water at corner of 14th st and curtis st denver", (39.7453, -104.9971)),  # the Performing Arts Complex
        ("pepsi at the 16th street mall and california st denver", (39.7452, -104.9921)),
        ("water at 18th st / stout st denver", (39.7477, -104.9906)),
        ("agua en welton y 20th st denver", (39.7482, -104.9864)),
        # Denver: east of Broadway
        ("coke at colfax/lincoln denver", (39.7402, -104.9861)),
        ("coke at york st & colfax ave denver", (39.7402, -104.9595)),
        ("water at logan st at 6th ave denver", (39.7254, -104.9823)),
        ("water at corner of josephine and colfax denver", (39.7402, -104.9582)),
        ("water at grant st and 1st ave denver", (39.7181, -104.9836)),
        # Houston: downtown's grid along Main St
        ("water at main and texas houston", (29.7606, -95.3626)),
        ("water at fannin st & mckinney st houston", (29.7571, -95.3642)),
        ("water at crawford at texas ave houston", (29.7574, -95.3575)),  # Union Station, Minute Maid Park
        ("water at corner of travis and prairie houston", (29.7624, -95.3637)),  # Market Square Park
        ("coke at smith/walker houston", (29.7611, -95.3687)),  # City Hall
        ("water at louisiana st and polk st houston", (29.7576, -95.3703)),
        ("agua en san jacinto y rusk houston", (29.7581, -95.3621)),
        ("water at la branch and lamar st houston", (29.7545, -95.3617)),  # Discovery Green's north-west corner
        # St. Louis: the numbered streets
        ("water at 14th st and market street in st louis", (38.6270, -90.2022)),
        ("water at broadway & washington ave st louis", (38.6320, -90.1900)),
        ("water at 7th and olive st louis", (38.6298, -90.1928)),
        ("water at corner of 18th st and market street st louis", (38.6270, -90.2075)),
        ("water at 10th st at washington ave st louis", (38.6320, -90.1968)),
        ("water at tucker/washington ave st louis", (38.6320, -90.1995)),
        # New Orleans: the French Quarter
        ("water at royal st & st peter st new orleans", (29.9584, -90.0649)),
        ("water at chartres and st ann new orleans", (29.9591, -90.0626)),  # Jackson Square's corner
        ("water at decatur at toulouse new orleans", (29.9559, -90.0631)),
        ("agua en dauphine y st philip new orleans", (29.9619, -90.0631)),
        ("water at corner of burgundy and dumaine new orleans", (29.9620, -90.0649)),
        ("water at orleans ave/bourbon st new orleans", (29.9589, -90.0641)),
        ("water at esplanade and burgundy new orleans", (29.9654, -90.0608)),
        ("water at iberville & rampart new orleans", (29.9574, -90.0721)),
        # Nashville: Union and Deaderick beside Church St, Rosa Parks Blvd (8th Ave N)
        ("water at union st and 4th ave nashville", (36.1647, -86.7803)),
        ("water at deaderick & 3rd ave n nashville", (36.1660, -86.7796)),
        ("water at corner of union and 6th ave nashville", (36.1637, -86.7828)),
        ("water at union st at 2nd ave n nashville", (36.1656, -86.7778)),
        ("water at rosa parks blvd and church st nashville", (36.1606, -86.7856)),
        ("water at charlotte ave/rosa parks nashville", (36.1643, -86.7868)),
    ],
)
def test_corners_of_the_streets_drawn_in_round_9d(query, point):
    assert_corner(query, point)


@pytest.mark.parametrize(
    "query",
    [
        "water at larimer and champa denver",  # both run north-east, four blocks apart
        "water at 14th st and 18th st denver",
        "water at texas ave and mckinney st houston",  # four blocks apart, side by side
        "water at fannin and bagby houston",
        "water at dauphine and burgundy new orleans",
        "water at st peter and dumaine new orleans",
        "water at 7th st and 14th st st louis",
        "water at church and union nashville",
        "water at york and lincoln denver",
    ],
)
def test_streets_that_do_not_meet_answer_no_corner(query):
    assert_no_corner(query)


def test_a_block_of_a_denver_downtown_street_is_read_from_its_numbered_streets():
    place = plan("water at the 1500 block of larimer st denver").place  # between 15th and 16th Sts
    assert place.source == "streets:block" and place.confidence == "medium"
    assert haversine_km(place.point, (39.7487, -104.9979)) <= 0.3, place
