"""Issue 16, fourteenth round (block "streets.tsv round 14m"): street corners of New York's outer boroughs, Chicago,
Philadelphia, Miami, San Diego, Seattle, Detroit, Jacksonville, Houston and New Orleans that no line reached. Each
query is probed with and without its city; each expected point is a station, building or corner known apart from the
line's vertices (a few are the published point a vertex was drawn through, for a corner that stands on it), with a
tolerance fit to how far that neighbour stands. Also: Miami's NE 2nd Ave is its own line beside NW 2nd Ave (the
quadrant written picks it), and two numbered streets crossing twice in one metro leave Manhattan's grid its corner."""

import pytest

from search.geo.gazetteer import haversine_km
from search.tests.offline import assert_corner, km_from, plan


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # New York: Brooklyn, Queens, the Bronx
        ("coke at kings hwy and ocean pkwy", (40.6047, -73.9680), 0.4),  # between the F and Q stations
        ("coke at kings highway & ocean parkway brooklyn", (40.6047, -73.9680), 0.4),
        ("agua en la esquina de kings hwy y ocean pkwy brooklyn", (40.6047, -73.9680), 0.4),
        ("coke at kings hwy and ocean ave brooklyn", (40.6109, -73.9548), 0.4),  # two blocks east of the Q station
        ("coke at kings hwy and nostrand ave", (40.6127, -73.9447), 0.5),
        ("coke at myrtle ave and broadway brooklyn", (40.6970, -73.9357), 0.3),  # Myrtle Av station (J, M, Z)
        ("coke at myrtle and broadway", (40.6970, -73.9357), 0.3),
        ("coke at church ave and ocean ave", (40.6509, -73.9627), 0.4),  # Church Av station (B, Q)
        ("coke at church & ocean ave brooklyn", (40.6509, -73.9627), 0.4),
        ("coke at church ave and ocean pkwy", (40.6454, -73.9752), 0.4),  # a block east of Church Av station (F, G)
        ("coke at knickerbocker and myrtle", (40.6986, -73.9197), 0.3),  # Knickerbocker Av station (M)
        ("snickers at knickerbocker ave and myrtle ave brooklyn", (40.6986, -73.9197), 0.3),
        ("coke at steinway st and 31st ave", (40.7569, -73.9207), 0.5),  # Steinway St station (M, R), a block south
        ("coke at steinway and 31st ave astoria", (40.7569, -73.9207), 0.5),
        ("coke at steinway st and broadway queens", (40.7569, -73.9207), 0.2),  # Steinway St station (M, R)
        ("coke at 31st st and 31st ave astoria", (40.7641, -73.9241), 0.3),  # between the 30 Av and Broadway stations
        ("coke at fordham rd and webster ave", (40.8610, -73.8910), 0.3),  # Fordham Plaza (Metro-North)
        ("coke at fordham road and webster avenue bronx", (40.8610, -73.8910), 0.3),
        ("coke at arthur ave and e 187th st", (40.8553, -73.8875), 0.3),  # Belmont's Little Italy
        ("coke at arthur avenue & 187th street bronx", (40.8553, -73.8875), 0.3),
        # Chicago
        ("coke at sheridan and devon chicago", (42.0011, -87.6612), 0.45),  # Loyola station (Red), a block north
        ("coke at sheridan rd and devon ave", (42.0011, -87.6612), 0.45),
        ("coke at sheridan and irving park chicago", (41.9539, -87.6553), 0.3),  # Sheridan station (Red)
        ("coke at sheridan rd and lawrence", (41.9688, -87.6540), 0.3),  # 4800 N, 1000 W
        ("coke at ogden and western chicago", (41.8737, -87.6858), 0.5),
        ("coke at ogden ave & pulaski", (41.8523, -87.7245), 0.4),  # Ogden, Pulaski and Cermak meet
        ("coke at archer and halsted chicago", (41.8468, -87.6481), 0.3),  # Halsted station (Orange), 2520 S Archer
        ("coke at archer ave and halsted st", (41.8468, -87.6481), 0.3),
        ("coke at archer and ashland", (41.8392, -87.6654), 0.3),  # Ashland station (Orange)
        # Philadelphia
        ("coke at cottman and castor philadelphia", (40.0528, -75.0665), 0.5),
        ("coke at cottman ave and castor ave", (40.0528, -75.0665), 0.5),
        ("coke at roosevelt blvd and cottman ave", (40.0467, -75.0567), 0.5),  # Roosevelt Mall
        ("coke at the boulevard and cottman philly", (40.0467, -75.0567), 0.5),
        ("coke at ridge and midvale philadelphia", (40.0113, -75.1920), 0.6),  # East Falls station, up Midvale Ave
        ("coke at ridge ave and midvale ave", (40.0113, -75.1920), 0.6),
        ("coke at lancaster and 52nd philadelphia", (39.9740, -75.2253), 0.4),
        ("coke at lancaster ave & 52nd st", (39.9740, -75.2253), 0.4),
        ("coke at cottman and frankford", (40.0355, -75.0440), 0.4),  # Mayfair, on the Frankford Ave line
        # Miami
        ("coke at biscayne blvd and ne 79th st miami", (25.8515, -80.1852), 0.3),
        ("coke at biscayne blvd and ne 79th st", (25.8515, -80.1852), 0.3),
        ("coke at ne 2nd ave and ne 54th st miami", (25.8274, -80.1920), 0.3),  # Little Haiti, east of Miami Ave
        # San Diego
        ("coke at girard ave and prospect st la jolla", (32.8483, -117.2735), 0.3),  # La Valencia Hotel
        ("coke at girard and prospect", (32.8483, -117.2735), 0.3),
        ("coke at rosecrans st and midway dr san diego", (32.7520, -117.2050), 0.8),  # the Midway District
        ("coke at rosecrans and midway", (32.7520, -117.2050), 0.8),
        # Seattle
        ("coke at ballard ave and market st seattle", (47.6685, -122.3845), 0.3),  # Sunset Tavern
        ("coke at ballard ave and market st", (47.6685, -122.3845), 0.3),
        ("coke at bellevue way and ne 8th st", (47.6170, -122.2025), 0.3),  # Bellevue Square's north-east corner
        ("coke at bellevue way & ne 8th st bellevue", (47.6170, -122.2025), 0.3),
        # Detroit
        ("coke at vernor and springwells detroit", (42.3075, -83.1255), 0.5),
        ("coke at w vernor hwy and springwells", (42.3075, -83.1255), 0.5),
        ("coke at vernor and livernois", (42.3113, -83.1165), 0.5),
        # Jacksonville
        ("coke at st johns ave and san juan ave jacksonville", (30.2790, -81.7095), 0.4),
        ("coke at normandy blvd and cassat ave jacksonville", (30.3118, -81.7388), 0.5),
        ("coke at dunn ave and main st jacksonville", (30.4200, -81.6405), 0.5),
        # Houston
        ("coke at telephone rd and airport blvd houston", (29.6582, -95.2705), 0.5),  # Hobby Airport's north-east side
        ("coke at wayside and telephone houston", (29.7130, -95.3080), 0.5),
        ("coke at mcgowen and main houston", (29.7410, -95.3785), 0.4),  # McGowen station (METRORail Red)
        # more crossings of the same metros
        ("coke at coney island ave and church ave", (40.6477, -73.9700), 0.4),
        ("coke at white plains rd and pelham pkwy", (40.8575, -73.8676), 0.3),  # Pelham Parkway station (2, 5)
        ("coke at steinway and 30th ave", (40.7622, -73.9167), 0.4),
        ("coke at 30th ave and 31st st astoria", (40.7668, -73.9215), 0.3),  # 30 Av station (N, W)
        ("coke at 45th st and stone way", (47.6612, -122.3422), 0.3),  # Wallingford
        ("coke at telephone rd and bellfort", (29.6800, -95.2855), 0.5),
        ("coke at fm 1960 and kuykendahl", (29.9940, -95.4925), 0.5),
        ("coke at girard and 52nd", (39.9779, -75.2252), 0.3),  # where the 52nd St line ends, at Girard Ave
        # New Orleans
        ("coke at oak st and carrollton ave new orleans", (29.9455, -90.1275), 0.4),
        ("coke at oak and carrollton", (29.9455, -90.1275), 0.4),
    ],
)
def test_round14m_corner(query: str, point: tuple[float, float], km: float) -> None:
    assert_corner(query, point, km)


def test_ne_2nd_ave_is_not_nw_2nd_ave():
    place = assert_corner("water at ne 2nd ave & ne 54th st miami", (25.8274, -80.1920), 0.3)
    assert place.name.startswith("NE 2nd Ave")
    assert km_from("coke at nw 2nd ave and nw 54th st miami", (25.8272, -80.1971)) < 0.3


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("coke at 2nd ave and 14th st", (40.7317, -73.9857)),  # Miami's NW and NE 2nd Aves both cross NW 14th St
        ("coke at 2nd ave and 54th st", (40.7570, -73.9670)),
        ("coke at broadway and 31st st", (40.7472, -73.9877)),  # Astoria's Broadway stops short of its 31st St
    ],
)
def test_manhattan_grid_keeps_its_numbered_corners(query: str, point: tuple[float, float]) -> None:
    place = plan(query).place
    assert place.kind == "grid" and haversine_km(place.point, point) < 0.3, place
