"""Issue 16, fourteenth round (block "venues.tsv round 14q"): the tourist-guide places of the 30 metros (famous
restaurants, bars, observation decks, markets, amusement parks) that neither "coke at <name>" nor "coke at <name>
<city>" placed, and the short names people type for places already listed (the Hotel del, the water wall, Cafe
Versailles). Each expected point is a station, corner or neighbouring building, written apart from its row, with a
tolerance fit to how far it stands."""

import pytest

from search.interpret import Unresolved
from search.tests.offline import km_from, plan


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        ("coke at smorgasburg", (40.7217, -73.9576), 0.6),  # Bedford Av station (L)
        ("snacks at smorgasburg brooklyn", (40.7217, -73.9576), 0.6),
        ("coke at vessel", (40.7557, -74.0018), 0.4),  # 34th St-Hudson Yards station (7)
        ("coke at top of the rock", (40.7587, -73.9787), 0.3),  # Rockefeller Center plaza
        ("coke at the halal guys", (40.7607, -73.9761), 0.5),  # 5th Av/53rd St station (E, M)
        ("agua cerca de halal guys nyc", (40.7607, -73.9761), 0.5),
        ("coke at joes pizza", (40.7302, -74.0023), 0.3),  # Father Demo Square, Carmine St and Bleecker St
        ("coke at dead rabbit", (40.7041, -74.0141), 0.5),  # Bowling Green station (4, 5)
        ("coke at le bernardin", (40.7620, -73.9817), 0.4),  # 7th Ave and W 51st St
        ("coke at carbone nyc", (40.7262, -74.0008), 0.5),  # Spring St station (C, E)
        ("coke at garrett popcorn", (41.8919, -87.6245), 0.4),  # Michigan Ave and Ohio St
        ("coke at gene and georgetti", (41.8885, -87.6354), 0.5),  # Merchandise Mart station
        ("coke at casa tua", (25.7906, -80.1390), 1.0),  # Lincoln Road (its middle; the restaurant is at its east end)
        ("refresco en cafe versailles", (25.7656, -80.2530), 0.3),  # SW 8th St and SW 35th Ave
        ("coke at the hotel del", (32.6859, -117.1831), 0.8),  # Coronado Beach
        ("coke at hotel del coronado", (32.6859, -117.1831), 0.8),
        ("coke at the water wall houston", (29.7371, -95.4613), 0.4),  # Williams Tower
        ("coke at the houston rodeo", (29.6847, -95.4107), 0.5),  # NRG Stadium
        ("coke at six flags st louis", (38.5128, -90.6755), 1.5),  # the park in Eureka
        ("coke at great america santa clara", (37.4030, -121.9700), 1.0),  # Levi's Stadium next door
        ("coke at californias great america", (37.4030, -121.9700), 1.0),
        ("coke at the waffle house museum", (33.7748, -84.2663), 1.0),  # Avondale Estates centre
        ("coke at multnomah whiskey library", (45.5218, -122.6800), 0.4),  # Pioneer Place area, SW Alder St
        ("coke at brits pub", (44.9747, -93.2741), 0.4),  # Nicollet Mall station area (Orchestra Hall)
        ("coke at the rathskeller", (39.7745, -86.1500), 0.4),  # Mass Ave and Michigan St
        ("coke at amelies french bakery", (35.2470, -80.8110), 0.6),  # NoDa, N Davidson St and 36th St
        ("coke at omnia las vegas", (36.1162, -115.1745), 0.4),  # Caesars Palace
        ("coke at xs nightclub", (36.1265, -115.1657), 0.4),  # Wynn Las Vegas
        ("coke at meow wolf las vegas", (36.1310, -115.1820), 0.4),  # Area15
        ("coke at gallery furniture", (29.8302, -95.4254), 0.8),  # I-45 and Tidwell Rd
        ("coke at bayou place", (29.7626, -95.3670), 0.4),  # Wortham/Jones Hall, Theater District
        ("coke at epping forest jacksonville", (30.2440, -81.6570), 1.0),  # San Jose Blvd estate
        ("coke at keystone crossing", (39.9165, -86.1065), 0.5),  # Fashion Mall at Keystone
    ],
)
def test_round14q_places(query, point, km):
    assert km_from(query, point) < km


def test_bare_great_america_stays_refused():
    """Six Flags Great America (Gurnee, outside the fleet) must not be answered with the one in Santa Clara."""
    for query in ("coke at six flags great america", "coke at great america"):
        try:
            place = plan(query).place
        except Unresolved:
            continue
        assert "California" not in place.name, place
