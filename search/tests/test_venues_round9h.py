"""Issue 16, ninth round (block "venues round 9h" of venues.tsv): hotels, towers, cathedrals, courthouses, city halls,
arenas, depots, a bridge, malls, a park and a BART station of New Orleans, Salt Lake City, Los Angeles, Houston,
Phoenix, Dallas, Atlanta, Las Vegas, San Antonio and San Jose, found by the names people write, through the parser and
the gazetteer. Each expected point is the place's own, written apart from its row."""

import pytest

from search.tests.offline import assert_venue


@pytest.mark.parametrize(
    ("query", "name", "point"),
    [
        ("water near gallier hall", "Gallier Hall", (29.9463, -90.0714)),
        ("coke at one shell square new orleans", "Hancock Whitney Center", (29.9502, -90.0711)),
        ("snacks at the uno lakefront arena", "Lakefront Arena", (30.0300, -90.0506)),
        ("water near big charity new orleans", "Charity Hospital New Orleans", (29.9554, -90.0780)),
        ("coke at the rio grande depot salt lake", "Rio Grande Depot", (40.7628, -111.9044)),
        ("water near the utah olympic oval", "Utah Olympic Oval", (40.6478, -112.0088)),
        ("water at the union pacific depot salt lake city", "Salt Lake City Union Pacific Depot", (40.7694, -111.9025)),
        ("coke at the millennium biltmore hotel", "Millennium Biltmore Hotel", (34.0489, -118.2533)),
        ("water near the peacock theater los angeles", "Peacock Theater", (34.0444, -118.2667)),
        ("snacks near the 6th street bridge la", "Sixth Street Viaduct", (34.0381, -118.2269)),
        ("water in the jpmorgan chase tower houston", "JPMorgan Chase Tower Houston", (29.7606, -95.3639)),
        ("coke near the 1910 harris county courthouse", "1910 Harris County Courthouse", (29.7628, -95.3566)),
        ("water at christ church cathedral houston", "Christ Church Cathedral Houston", (29.7596, -95.3612)),
        ("coke at the wrigley mansion phoenix", "Wrigley Mansion", (33.5227, -112.0260)),
        ("water near phoenix city hall", "Phoenix City Hall", (33.4489, -112.0771)),
        (
            "snacks at the sandra day oconnor courthouse",
            "Sandra Day O'Connor United States Courthouse",
            (33.4478, -112.0806),
        ),
        ("water near fountain place dallas", "Fountain Place", (32.7844, -96.8023)),
        ("coke at the magnolia hotel dallas", "Magnolia Hotel Dallas", (32.7800, -96.7989)),
        ("water near cathedral guadalupe dallas", "Cathedral Shrine of the Virgin of Guadalupe", (32.7885, -96.7978)),
        ("water at the westin peachtree plaza", "Westin Peachtree Plaza Hotel", (33.7594, -84.3886)),
        ("coke at the marriott marquis atlanta", "Atlanta Marriott Marquis", (33.7613, -84.3847)),
        ("snacks near one atlantic center", "One Atlantic Center", (33.7869, -84.3872)),
        ("water at meadows mall las vegas", "Meadows Mall", (36.1725, -115.1961)),
        ("coke at the galleria at sunset", "Galleria at Sunset", (36.0672, -115.0425)),
        ("water near the tower life building", "Tower Life Building", (29.4228, -98.4914)),
        ("coke at the emily morgan hotel", "Emily Morgan Hotel", (29.4266, -98.4858)),
        ("snacks at alamo stadium", "Alamo Stadium", (29.4628, -98.4790)),
        ("water at morgans wonderland", "Morgan's Wonderland", (29.5390, -98.3920)),
        ("coke at the hotel de anza", "Hotel De Anza", (37.3343, -121.8950)),
        ("water near the bank of italy building san jose", "Bank of Italy Building San Jose", (37.3358, -121.8900)),
        ("snacks at berryessa bart", "Berryessa/North San José station", (37.3684, -121.8747)),
    ],
)
def test_round9h_venues_are_found(query, name, point):
    assert_venue(query, name, point)
