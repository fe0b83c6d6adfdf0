"""Issue 16, twelfth round (s): main streets of the metros with the fewest lines in streets.tsv (San Antonio, Memphis,
Jacksonville, Nashville, Columbus, Charlotte, Dallas) that the file lacked, and short lines there extended in place
(San Antonio's Commerce, Houston, St Mary's and Flores Sts; Memphis's Poplar Ave to I-240 and Highland St to Summer
Ave; Nashville's Charlotte Ave, West End Ave, Wedgewood Ave and Rosa Parks Blvd; Columbus's Broad St, Main St and
Morse Rd; Charlotte's North Tryon and West Trade Sts). The lines are drawn from memory of OpenStreetMap. Each expected
point is the corner as known from what stands on it: "(page)" where it is a Wikipedia point read for the venue named,
"(memory)" where the corner is recalled and not checked against a page, so it checks the line against a second
memory only."""

import pytest

from search.interpret import Unresolved
from search.tests.offline import assert_corner, plan


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # San Fernando Cathedral faces Main Plaza, at Main Ave and Commerce St (page)
        ("coke at main and commerce san antonio", (29.4241, -98.4937), 0.2),
        ("coke at houston and main san antonio", (29.4271, -98.4945), 0.2),  # (memory)
        ("agua en culebra y zarzamora san antonio", (29.4410, -98.5250), 0.3),  # (memory)
        ("coke at culebra and zarzamorra san antonio", (29.4410, -98.5250), 0.3),  # a typo (memory)
        ("water at commerce y zarzamora san antonio", (29.4260, -98.5250), 0.3),  # (memory)
        # the Deco District runs along Fredericksburg Rd north-west of Hildebrand (page: the district's point)
        ("water at corner of fredericksburg and hildebrand san antonio", (29.4640, -98.5250), 0.6),
        ("coke at mccullough and hildebrand", (29.4612, -98.4900), 0.3),  # Olmos Park's south end (memory)
        # South Park Mall stands at SW Military Dr and Zarzamora St (page: the mall's point)
        ("coke at corner of military and zarzamora san antonio", (29.3560, -98.5310), 0.5),
        # Hemisfair's south-west corner (memory)
        ("un refresco en la esquina de cesar chavez y alamo san antonio", (29.4164, -98.4862), 0.3),
        ("snacks at st marys st & cesar chavez blvd", (29.4167, -98.4925), 0.3),  # King William's north end (memory)
        ("coke at houston st and new braunfels ave san antonio", (29.4273, -98.4600), 0.3),  # (memory)
    ],
)
def test_san_antonio_corners(query, point, km):
    assert_corner(query, point, km)


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        ("coke at poplar and highland memphis", (35.1375, -89.9445), 0.3),  # (memory)
        ("coke at poplar & perkins", (35.1150, -89.9000), 0.5),  # Oak Court Mall, on its south-east (page)
        ("coke at summer ave & perkins memphis", (35.1595, -89.9008), 0.3),  # (memory)
        ("coke at summer and highland memphis", (35.1555, -89.9445), 0.3),  # (memory)
        ("coke at lamar and airways memphis", (35.1058, -89.9688), 0.3),  # (memory)
        ("water at north parkway & danny thomas memphis", (35.1530, -90.0440), 0.3),  # St. Jude (page)
        ("coke at poplar ave and east pkwy memphis", (35.1422, -89.9822), 0.3),  # Overton Park's south-east (memory)
        ("coke at bellevue and union memphis", (35.1385, -90.0247), 0.3),  # (memory)
    ],
)
def test_memphis_corners(query, point, km):
    assert_corner(query, point, km)


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("coke at 8th st and main st jacksonville", (30.3458, -81.6560)),  # (memory)
        ("coke at merril rd and university blvd jacksonville", (30.3405, -81.6045)),  # a typo (memory)
        ("coke at 103rd st & blanding blvd", (30.2300, -81.7400)),  # (memory)
        ("coke at 3rd st and beach blvd jacksonville beach", (30.2862, -81.3906)),  # (memory)
        ("coke at nolensville pk and wedgewood", (36.1338, -86.7600)),  # the Fairgrounds' north-west (memory)
        ("coke at rosa parks and jefferson nashville", (36.1736, -86.7910)),  # Bicentennial Mall's north (memory)
        ("coke at west end and harding pike", (36.1335, -86.8265)),  # where West End becomes Harding (memory)
        ("coke at olentangy river rd and lane ave columbus", (40.0067, -83.0298)),  # (memory)
        ("coke at hamilton and broad columbus", (39.9736, -82.8795)),  # (memory)
        ("coke at henderson and high columbus", (40.0486, -83.0148)),  # (memory)
        ("coke at wilkinson and morehead charlotte", (35.2287, -80.8712)),  # (memory)
        ("coke at beatties ford and trade charlotte", (35.2385, -80.8575)),  # Johnson C. Smith's gate (memory)
        ("coke at haskell and gaston dallas", (32.7898, -96.7774)),  # (memory)
        ("coke at abrams and mockingbird dallas", (32.8370, -96.7528)),  # (memory)
        ("coke at skillman & mockingbird", (32.8370, -96.7600)),  # (memory)
        ("coke en gaston y abrams dallas", (32.8120, -96.7495)),  # Lakewood (memory)
    ],
)
def test_corners_of_the_other_metros(query, point):
    assert_corner(query, point)


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        ("coke at sharon rd & fairview rd", (35.1530, -80.8310), 0.3),  # SouthPark Mall (page)
        ("coke at the plaza and central charlotte", (35.2230, -80.8070), 0.5),  # Plaza Midwood (page)
    ],
)
def test_charlotte_corners_by_their_landmarks(query, point, km):
    assert_corner(query, point, km)


def test_what_should_not_change():
    # San Antonio's Broadway still begins north of Houston St: "broadway and houston st" is Manhattan's
    place = assert_corner("coke broadway and houston st", (40.7254, -73.9970), km=0.1)
    assert place.metro == "new-york", place
    # the towns named like the new streets are still the towns
    assert plan("coke in new braunfels").place.kind == "city"
    # old corners of the extended lines keep their answer
    assert_corner("water at st marys st & houston st san antonio", (29.4272, -98.4912), km=0.1)
    assert_corner("water at flores st & commerce st san antonio", (29.4241, -98.4965), km=0.1)
    assert_corner("coke at tryon and trade charlotte", (35.2271, -80.8431), km=0.1)
    assert_corner("water at grant ave at broad st columbus", (39.9623, -82.9915), km=0.1)
    assert_corner("coke at 21st and wedgewood nashville", (36.1340, -86.8000), km=0.1)


def test_a_corner_shared_by_two_metros_asks_which_city():
    # Main & Commerce is now drawn in San Antonio as in Dallas
    with pytest.raises(Unresolved):
        plan("coke at main and commerce")
