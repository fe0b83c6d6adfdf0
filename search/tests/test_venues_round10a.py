"""Issue 16, tenth round (block "venues round 10a" of venues.tsv): well-known high schools, historic hotels,
churches, restaurants, transit centres, a mall, a hospital and a plaza of New York, Chicago, Philadelphia, Boston,
Miami, San Diego, Seattle, Detroit, Memphis, St. Louis, New Orleans, Jacksonville, Salt Lake City, Los Angeles and
Houston, found by the names people write. Each expected point is the one the place's page gives, written apart
from its row."""

import pytest

from search.tests.offline import assert_venue


@pytest.mark.parametrize(
    ("query", "name", "point"),
    [
        ("water near stuyvesant high school", "Stuyvesant High School", (40.7179, -74.0138)),
        ("snacks at bronx science", "Bronx High School of Science", (40.8783, -73.8908)),
        ("coke near the waldorf astoria", "Waldorf Astoria New York", (40.7564, -73.9742)),
        ("water by riverside church nyc", "Riverside Church", (40.8119, -73.9631)),
        ("doritos at lane tech", "Lane Tech College Prep High School", (41.9454, -87.6907)),
        ("water near whitney young high school", "Whitney M. Young Magnet High School", (41.8782, -87.6636)),
        ("coke at the drake hotel chicago", "The Drake Hotel", (41.9005, -87.6243)),
        ("snacks near central high school philadelphia", "Central High School Philadelphia", (40.0375, -75.1500)),
        ("water by the union league philly", "Union League of Philadelphia", (39.9497, -75.1648)),
        ("pepsi at frankford transportation center", "Frankford Transportation Center", (40.0233, -75.0769)),
        ("water near boston latin", "Boston Latin School", (42.3381, -71.1019)),
        ("chips at boston english", "English High School of Boston", (42.3063, -71.1094)),
        ("coke in the copley plaza hotel", "Fairmont Copley Plaza", (42.3493, -71.0763)),
        ("water near miami senior high", "Miami Senior High School", (25.7711, -80.2360)),
        ("water at coral gables high", "Coral Gables Senior High School", (25.7342, -80.2627)),
        ("snacks near san diego high school", "San Diego High School", (32.7206, -117.1525)),
        ("water at point loma high", "Point Loma High School", (32.7400, -117.2253)),
        ("coke near hoover high school san diego", "Hoover High School San Diego", (32.7561, -117.0980)),
        ("water by roosevelt high school seattle", "Roosevelt High School Seattle", (47.6769, -122.3131)),
        ("chips near franklin high seattle", "Franklin High School Seattle", (47.5761, -122.2928)),
        ("coke at ballard high", "Ballard High School", (47.6766, -122.3750)),
        ("water near westlake park seattle", "Westlake Park Seattle", (47.6111, -122.3369)),
        ("snacks at renaissance high school detroit", "Renaissance High School Detroit", (42.4181, -83.1949)),
        ("water near blessed sacrament cathedral", "Cathedral of the Most Blessed Sacrament", (42.3886, -83.0851)),
        ("coke by mariners church detroit", "Mariners' Church", (42.3292, -83.0420)),
        ("water near central high memphis", "Central High School Memphis", (35.1336, -90.0197)),
        ("snacks at booker t washington high memphis", "Booker T. Washington High School Memphis", (35.1278, -90.0451)),
        ("water by idlewild presbyterian", "Idlewild Presbyterian Church", (35.1360, -90.0034)),
        ("coke near crown candy kitchen", "Crown Candy Kitchen", (38.6513, -90.1978)),
        ("water at missouri baptist hospital", "Missouri Baptist Medical Center", (38.6361, -90.4469)),
        ("snacks near vashon high", "Vashon High School", (38.6479, -90.2212)),
        ("coke near galatoires", "Galatoire's", (29.9549, -90.0690)),
        ("water by antoine's restaurant", "Antoine's", (29.9567, -90.0666)),
        ("snacks at jesuit high new orleans", "Jesuit High School New Orleans", (29.9731, -90.1035)),
        ("water at paxon high school", "Paxon School for Advanced Studies", (30.3443, -81.7240)),
        ("snacks near the bolles school", "The Bolles School", (30.2419, -81.6293)),
        ("coke at douglas anderson school of the arts", "Douglas Anderson School of the Arts", (30.3003, -81.6388)),
        ("water near east high school salt lake city", "East High School Salt Lake City", (40.7508, -111.8553)),
        ("chips at west high slc", "West High School Salt Lake City", (40.7747, -111.9006)),
        ("water at north temple station", "North Temple Bridge/Guadalupe station", (40.7719, -111.9050)),
        ("coke in the bonaventure hotel", "Westin Bonaventure Hotel", (34.0528, -118.2558)),
        ("water near fairfax high school los angeles", "Fairfax High School Los Angeles", (34.0819, -118.3600)),
        ("snacks at john marshall high la", "John Marshall High School Los Angeles", (34.1078, -118.2775)),
        ("water at willowbrook mall houston", "Willowbrook Mall Houston", (29.9590, -95.5390)),
        ("coke near lamar high school houston", "Lamar High School Houston", (29.7407, -95.4266)),
        ("water by the rice hotel", "Rice Hotel", (29.7605, -95.3628)),
    ],
)
def test_round_10a_places_are_found(query, name, point):
    assert_venue(query, name, point)
