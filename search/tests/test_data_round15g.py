"""Issue 16, fifteenth round (data helper 15g): the busiest arterials of fifteen metros that `streets.tsv` lacked or
drew too short, probed as people give them in directions ("coke at beach blvd and hodges blvd jacksonville", with and
without the city and the street types, misspelt, Spanish "cerca de"). Each expected point is the crossing as remembered
from the map (from memory of OpenStreetMap, not read), or one named in the comment: a station at the corner, or a grid
line placed from published station points (Salt Lake City's from Murray Central and Fashion Place West, Miami's SW 87th
Ave from Baptist Hospital's article). Lines drawn from memory hold to ~300-500 m, so the tolerance is 1 km."""

import pytest

from search.tests.offline import assert_corner, assert_no_corner


@pytest.mark.parametrize(
    ("query", "point"),
    [
        # Jacksonville
        ("coke at beach blvd and hodges blvd jacksonville", (30.2868, -81.4458)),
        ("coke at beach and hodges", (30.2868, -81.4458)),
        ("agua cerca de beach blvd y hodges blvd jacksonville", (30.2868, -81.4458)),
        ("coke at beach blvd and hodgs blvd jacksonville", (30.2868, -81.4458)),
        ("coke at atlantic blvd & hodges blvd jacksonville", (30.3243, -81.4487)),
        ("coke at jtb and southside blvd jacksonville", (30.2565, -81.5545)),
        ("coke at j turner butler blvd and kernan blvd jacksonville", (30.2590, -81.4690)),
        ("coke at hodges and jtb jacksonville", (30.2590, -81.4440)),
        ("coke at st johns bluff rd and beach blvd jacksonville", (30.2865, -81.5060)),
        ("coke at lane ave and normandy blvd jacksonville", (30.3110, -81.7525)),
        # San Diego
        ("coke at commercial st and 25th st san diego", (32.7062, -117.1397)),  # the 25th & Commercial trolley stop
        ("coke at commercial and 25th san diego", (32.7062, -117.1397)),
        ("coke at market st and euclid ave san diego", (32.7108, -117.0832)),  # Euclid Ave trolley station
        ("coke at broadway and 25th st san diego", (32.7157, -117.1397)),
        ("coke at morena blvd and balboa ave san diego", (32.8050, -117.2155)),
        # Salt Lake City: grid latitudes from Murray Central (5144 S, 40.6601) and Fashion Place West (6400 S, 40.6335)
        ("coke at 5400 south and redwood rd", (40.6547, -111.9386)),
        ("coke at 5400 s and state st salt lake city", (40.6547, -111.8880)),
        ("coke at 3900 south and 700 east salt lake city", (40.6865, -111.8710)),
        ("coke at 7200 south and state st salt lake city", (40.6165, -111.8887)),
        # Chicago: the address grid (800 a mile) between the drawn numbered streets
        ("coke at 87th and western chicago", (41.7360, -87.6826)),
        ("coke at 71st and jeffery chicago", (41.7657, -87.5765)),
        ("coke at 71st st and jeffrey blvd", (41.7657, -87.5765)),
        ("coke at 87th st and king dr chicago", (41.7361, -87.6160)),
        ("coke at 103rd and kedzie chicago", (41.7065, -87.7023)),
        ("coke at central ave and north ave chicago", (41.9105, -87.7655)),
        ("coke at laramie and irving park chicago", (41.9542, -87.7560)),
        ("coke at narragansett and irving park", (41.9542, -87.7855)),
        ("coke at 95th and cicero chicago", (41.7220, -87.7423)),
        # Miami: the address grid (10 avenues, 16 streets a mile)
        ("coke at kendall dr and 87th ave miami", (25.6875, -80.3345)),  # Baptist Hospital's corner (Wikipedia)
        ("coke at sw 8th st and 137th ave miami", (25.7655, -80.4145)),
        ("coke at bird rd and sw 117th ave miami", (25.7335, -80.3825)),
        ("coke at killian pkwy and 107th ave miami", (25.6728, -80.3686)),
        ("coke at coral reef dr and 137th ave miami", (25.6287, -80.4145)),
        ("coke at nw 103rd st and 27th ave miami", (25.8752, -80.2391)),
        # Seattle
        ("coke at northgate way and aurora ave seattle", (47.7082, -122.3445)),
        ("water at northgate way & aurora", (47.7082, -122.3445)),
        ("coke at 145th and aurora seattle", (47.7335, -122.3445)),
        ("coke at 12th ave and jackson st seattle", (47.5993, -122.3166)),
        ("coke at montlake blvd and 45th st seattle", (47.6614, -122.3000)),  # University Village
        ("coke at 35th ave ne and 65th st seattle", (47.6758, -122.2905)),
        # Detroit
        ("coke at plymouth rd and greenfield detroit", (42.3727, -83.2000)),
        ("coke at joy rd and wyoming detroit", (42.3585, -83.1610)),
        ("coke at evergreen and 8 mile detroit", (42.4465, -83.2440)),
        # Memphis
        ("coke at getwell and winchester memphis", (35.0480, -89.9285)),
        ("coke at poplar and white station memphis", (35.1130, -89.8860)),
        ("coke at mendenhall and poplar memphis", (35.1100, -89.8745)),
        ("coke at kirby pkwy and winchester rd memphis", (35.0480, -89.8365)),
        ("coke at shelby dr and elvis presley blvd memphis", (35.0025, -90.0286)),
        # St. Louis
        ("coke at page blvd and kingshighway st louis", (38.6650, -90.2640)),
        ("coke at kingshighway and page", (38.6650, -90.2640)),
        ("coke at goodfellow and natural bridge st louis", (38.6840, -90.2840)),
        ("coke at union blvd and delmar st louis", (38.6545, -90.2775)),
        ("coke at morganford and chippewa st louis", (38.5890, -90.2615)),
        ("coke at brentwood blvd and clayton rd st louis", (38.6330, -90.3470)),
        # New Orleans
        ("coke at clearview pkwy and veterans blvd", (30.0056, -90.1895)),  # Clearview Mall
        ("coke at williams blvd and veterans kenner", (30.0063, -90.2460)),
        ("coke at jefferson ave and st charles ave new orleans", (29.9236, -90.1082)),
        ("coke at gentilly blvd and elysian fields new orleans", (29.9940, -90.0620)),
        # Boston
        ("coke at morton st and blue hill ave boston", (42.2833, -71.0894)),
        ("coke at gallivan blvd and dorchester ave boston", (42.2825, -71.0640)),
        # Philadelphia
        ("coke at germantown ave and broad st philadelphia", (40.0094, -75.1506)),  # Broad, Erie and Germantown
        ("coke at germantown and chelten philadelphia", (40.0340, -75.1760)),
        ("coke at lehigh ave and broad st philadelphia", (39.9930, -75.1548)),
        ("coke at columbus blvd and market st philadelphia", (39.9498, -75.1408)),  # Penn's Landing
        ("coke at 63rd and market philadelphia", (39.9622, -75.2468)),  # 63rd St station on the El
        # New York: the Bronx, Queens, Brooklyn
        ("coke at jerome ave and fordham rd bronx", (40.8625, -73.9010)),  # Fordham Rd station on the 4
        ("coke at kingsbridge rd and grand concourse", (40.8670, -73.8932)),  # Kingsbridge Rd station (B/D)
        ("coke at westchester ave and white plains rd bronx", (40.8330, -73.8620)),
        ("coke at junction blvd and roosevelt ave queens", (40.7491, -73.8695)),  # Junction Blvd station (7)
        ("coke at avenue u and coney island ave brooklyn", (40.5985, -73.9619)),
        ("coke at avenue j and ocean ave brooklyn", (40.6256, -73.9569)),
        # Los Angeles
        ("coke at crenshaw and century blvd los angeles", (33.9455, -118.3267)),
        ("coke at adams and western los angeles", (34.0325, -118.3090)),
        ("coke at jefferson blvd and vermont ave los angeles", (34.0250, -118.2917)),
        ("coke at mlk blvd and crenshaw los angeles", (34.0105, -118.3356)),  # Baldwin Hills Crenshaw Plaza
        ("coke at imperial hwy and vermont los angeles", (33.9307, -118.2917)),
        ("coke at central ave and slauson los angeles", (33.9890, -118.2565)),
        ("coke at victory and van nuys los angeles", (34.1866, -118.4489)),
        ("coke at sherman way and reseda blvd", (34.2012, -118.5361)),
        ("coke at lankershim and victory", (34.1866, -118.3860)),
        # Houston
        ("coke at chimney rock and westheimer houston", (29.7422, -95.4845)),
        ("coke at beechnut and gessner houston", (29.6890, -95.5430)),
        ("coke at wilcrest and westheimer houston", (29.7358, -95.5690)),
        ("coke at eldridge and westheimer houston", (29.7334, -95.6250)),
        ("coke at highway 6 and westheimer houston", (29.7330, -95.6435)),
        ("coke at tidwell and shepherd houston", (29.8500, -95.4105)),
        ("coke at 43rd and shepherd houston", (29.8300, -95.4100)),
        ("coke at cullen and bellfort houston", (29.6795, -95.3430)),
    ],
)
def test_corner(query, point):
    assert_corner(query, point, km=1.0)


def test_parallel_streets_do_not_meet():
    assert_no_corner("coke at commercial st and market st san diego")
    assert_no_corner("coke at plymouth rd and joy rd detroit")
    assert_no_corner("coke at sw 117th ave and sw 127th ave miami")
