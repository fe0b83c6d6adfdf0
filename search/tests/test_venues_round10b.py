"""Issue 16, tenth round (block "venues round 10b" of venues.tsv): churches and cathedrals, historic hotels, casinos,
famous restaurants, bars and a beer garden, a theatre, a mall and high schools of Phoenix, Dallas, Atlanta, Las Vegas,
San Antonio, San Jose, Austin, Columbus, Charlotte, Indianapolis, Denver, Nashville, Portland, Minneapolis (St. Paul)
and Kansas City, found by the names people write. Each expected point is the place's own, written from the page looked
up (the article's infobox, or the waymarking page for the Varsity), apart from its row."""

import pytest

from search.tests.offline import assert_venue


@pytest.mark.parametrize(
    ("query", "name", "point"),
    [
        ("water near st marys basilica phoenix", "St. Mary's Basilica Phoenix", (33.4507, -112.0684)),
        ("coke at brophy prep", "Brophy College Preparatory", (33.5061, -112.0733)),
        ("snacks in the hilton anatole", "Hilton Anatole", (32.8002, -96.8286)),
        ("water near first baptist dallas", "First Baptist Church Dallas", (32.7847, -96.7994)),
        ("coke near st philips cathedral", "Cathedral of St. Philip Atlanta", (33.8308, -84.3872)),
        ("chips near the varsity in atlanta", "The Varsity Atlanta", (33.7714, -84.3894)),
        ("water at the hyatt regency atlanta", "Hyatt Regency Atlanta", (33.7614, -84.3867)),
        ("coke at the downtown grand", "Downtown Grand", (36.1719, -115.1418)),
        ("water near the california hotel las vegas", "California Hotel and Casino", (36.1731, -115.1444)),
        ("snacks at santa fe station casino", "Santa Fe Station Casino", (36.2500, -115.2448)),
        (
            "water near little flower basilica san antonio",
            "Basilica of the National Shrine of the Little Flower",
            (29.4458, -98.5250),
        ),
        ("coke near five wounds church", "Five Wounds Portuguese National Church", (37.3501, -121.8639)),
        ("water at bellarmine prep", "Bellarmine College Preparatory", (37.3422, -121.9185)),
        ("water at austin high school", "Stephen F. Austin High School", (30.2739, -97.7664)),
        ("coke near schmidts sausage haus", "Schmidt's Sausage Haus", (39.9463, -82.9910)),
        ("water at holy cross church columbus", "Holy Cross Church Columbus", (39.9585, -82.9931)),
        ("snacks near st patricks cathedral charlotte", "Cathedral of Saint Patrick Charlotte", (35.2055, -80.8456)),
        ("water at myers park high school", "Myers Park High School", (35.1724, -80.8318)),
        ("coke at the slippery noodle", "Slippery Noodle Inn", (39.7617, -86.1586)),
        ("water at shortridge high", "Shortridge High School", (39.8189, -86.1553)),
        ("chips at crispus attucks high school", "Crispus Attucks High School", (39.7829, -86.1699)),
        ("coke near the buckhorn exchange", "Buckhorn Exchange", (39.7322, -105.0161)),
        ("water at east high denver", "East High School Denver", (39.7417, -104.9561)),
        ("water near downtown presbyterian church nashville", "Downtown Presbyterian Church", (36.1630, -86.7798)),
        ("coke at the benson hotel portland", "Benson Hotel", (45.5219, -122.6786)),
        ("snacks at the heathman", "Heathman Hotel", (45.5171, -122.6811)),
        ("coffee near mickeys diner", "Mickey's Diner", (44.9474, -93.0981)),
        ("water at the fitzgerald theater", "Fitzgerald Theater", (44.9489, -93.0972)),
        ("coke near arthur bryants", "Arthur Bryant's", (39.0914, -94.5561)),
        ("water near grace and holy trinity cathedral", "Grace and Holy Trinity Cathedral", (39.0982, -94.5893)),
        (
            "coke at the booker t washington arts magnet",
            "Booker T. Washington High School for the Performing and Visual Arts",
            (32.7912, -96.7966),
        ),
        ("water at central catholic san antonio", "Central Catholic High School San Antonio", (29.4367, -98.4853)),
        ("snacks near scholz garten", "Scholz Garten", (30.2778, -97.7364)),
        ("water at rivergate mall", "Rivergate Mall", (36.3029, -86.6979)),
    ],
)
def test_round_10b_places_are_found(query, name, point):
    assert_venue(query, name, point)
