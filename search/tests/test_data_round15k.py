"""Issue 16, fifteenth round, helper 15k: venues.tsv landmarks, parks and neighbourhoods of Dallas, Atlanta, Las Vegas,
San Antonio, San Jose, Austin and Columbus whose points had been written from memory ("not read", "none read", "from
memory") and were not checked in rounds 14i/14j/15a-15d. The best-known ones and the large or suburban ones most likely
to be off were looked up (the coordinates published for the place: the Wikipedia article's infobox, read through the
article or a mirror found with the search tool; for the Hays Street Bridge, whose article gave none, bridgehunter.com's
page, and for Comanche Lookout Park a Waymarking page). Every row more than 0.5 km off (1 km for neighbourhoods and
large parks, lakes and military reservations) was moved to the published point, edited in place, its source saying how
far off the old point was; rows within tolerance say they were checked. These tests probe each moved place as people
type it (short names, with and without the town or city, in Spanish, misspelt); the expected point is the published
one, written here apart from the row, within 0.5 km."""

import pytest

from search.tests.offline import km_from


@pytest.mark.parametrize(
    ("query", "point"),
    [
        # Dallas: Lake Ray Hubbard, was 6.1 km north-west of the article's point
        ("coke at lake ray hubbard", (32.7994, -96.4950)),
        ("coke at lake ray hubbard dallas", (32.7994, -96.4950)),
        ("agua cerca de lake ray hubbard", (32.7994, -96.4950)),
        ("coke at lake ray hubard", (32.7994, -96.4950)),
        # Dallas: Great Trinity Forest, was 3.1 km south-east
        ("coke at great trinity forest", (32.7260, -96.7470)),
        ("coke at the great trinity forest dallas", (32.7260, -96.7470)),
        ("agua cerca de great trinity forest", (32.7260, -96.7470)),
        # Dallas: Granada Theater (3524 Greenville Ave), was 0.7 km south
        ("coke at granada theater", (32.8307, -96.7700)),
        ("coke at granada theater dallas", (32.8307, -96.7700)),
        ("coke at the granada theatre lower greenville", (32.8307, -96.7700)),
        # Dallas: Toyota Music Factory (Las Colinas, Irving), was 1.5 km north
        ("coke at toyota music factory", (32.8737, -96.9449)),
        ("coke at toyota music factory irving", (32.8737, -96.9449)),
        ("agua cerca de toyota music factory", (32.8737, -96.9449)),
        ("coke at toyota music factroy", (32.8737, -96.9449)),
        # Atlanta: Druid Hills, Georgia, was 1.0 km south-west
        ("coke at druid hills atlanta", (33.7872, -84.3261)),
        ("coke at druid hills ga", (33.7872, -84.3261)),
        ("agua cerca de druid hills atlanta", (33.7872, -84.3261)),
        # Atlanta: Fort Gillem (Forest Park), was 0.9 km west
        ("coke at fort gillem", (33.6202, -84.3289)),
        ("coke at fort gillem forest park", (33.6202, -84.3289)),
        ("agua cerca de fort gillem", (33.6202, -84.3289)),
        # Las Vegas: Tule Springs Fossil Beds National Monument, was 4.7 km south-east
        ("coke at tule springs fossil beds", (36.3710, -115.3060)),
        ("coke at tule springs fossil beds national monument las vegas", (36.3710, -115.3060)),
        ("agua cerca de tule springs fossil beds", (36.3710, -115.3060)),
        # Las Vegas: Sloan Canyon National Conservation Area, was 2.6 km north
        ("coke at sloan canyon", (35.9167, -115.1260)),
        ("coke at sloan canyon national conservation area henderson", (35.9167, -115.1260)),
        ("agua cerca de sloan canyon", (35.9167, -115.1260)),
        # Las Vegas: Paradise, Nevada, was 2.6 km north-west
        ("coke at paradise las vegas", (36.0819, -115.1247)),
        ("agua cerca de paradise las vegas", (36.0819, -115.1247)),
        # Las Vegas: Lake Las Vegas (Henderson), was 1.3 km south-west
        ("coke at lake las vegas", (36.1158, -114.9178)),
        ("agua cerca de lake las vegas", (36.1158, -114.9178)),
        # Las Vegas: Ice Age Fossils State Park (N Decatur Blvd), was 6.8 km west
        ("coke at ice age fossils state park", (36.3186, -115.2061)),
        ("coke at ice age fossils state park north las vegas", (36.3186, -115.2061)),
        ("agua cerca de ice age fossils state park", (36.3186, -115.2061)),
        # San Antonio: Camp Bullis, was 2.6 km south
        ("coke at camp bullis", (29.6830, -98.5670)),
        ("coke at camp bullis san antonio", (29.6830, -98.5670)),
        ("agua cerca de camp bullis", (29.6830, -98.5670)),
        # San Antonio: Hays Street Bridge (bridgehunter.com's point), was 0.6 km south
        ("coke at hays street bridge", (29.4302, -98.4777)),
        ("coke at hays street bridge san antonio", (29.4302, -98.4777)),
        ("agua cerca de hays street bridge", (29.4302, -98.4777)),
        # San Antonio: Hot Wells, was 1.0 km south
        ("coke at hot wells san antonio", (29.3662, -98.4700)),
        ("coke at hot wells hotel", (29.3662, -98.4700)),
        ("agua cerca de hot wells san antonio", (29.3662, -98.4700)),
        # San Antonio: Comanche Lookout Park (Waymarking's point for the tower), was 2.0 km north-west
        ("coke at comanche lookout park", (29.5852, -98.3676)),
        ("coke at comanche lookout park san antonio", (29.5852, -98.3676)),
        ("agua cerca de comanche lookout park", (29.5852, -98.3676)),
        ("coke at comanche lookout", (29.5852, -98.3676)),
        # San Antonio: Camp Stanley, was 1.6 km south-east
        ("coke at camp stanley", (29.6954, -98.6213)),
        ("coke at camp stanley san antonio", (29.6954, -98.6213)),
        ("agua cerca de camp stanley", (29.6954, -98.6213)),
    ],
)
def test_round15k_corrected_points(query, point):
    assert km_from(query, point) < 0.5
