"""Issue 16, fourteenth round (block "streets.tsv round 14n"): corners of Phoenix, San Antonio, Dallas, Atlanta,
Charlotte, Austin, Columbus, Nashville, Salt Lake City, San Jose, Indianapolis, Denver, Minneapolis, Kansas City,
Portland and Las Vegas that did not answer because one street had no line, or the lines did not reach each other.
Each corner is probed with and without its city; the expected point is the corner as remembered (or a neighbouring
landmark or station), written apart from the lines, with a tolerance fit to how sure it is."""

import pytest

from search.tests.offline import assert_corner


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # Phoenix: Cave Creek Rd runs NNE across the mile roads of north Phoenix
        ("coke at cave creek rd and bell rd phoenix", (33.6400, -112.0320), 0.3),
        ("coke at cave creek rd and bell rd", (33.6400, -112.0320), 0.3),
        ("coke at cave creek and greenway phoenix", (33.6255, -112.0360), 0.3),
        ("coke at cave creek and greenway", (33.6255, -112.0360), 0.3),
        # San Antonio
        ("coke at wurzbach rd and fredericksburg rd san antonio", (29.5200, -98.5870), 0.3),
        ("coke at wurzbach rd and fredericksburg rd", (29.5200, -98.5870), 0.3),
        ("coke at bandera rd and loop 410 san antonio", (29.4870, -98.5970), 0.5),  # San Antonio Aquarium, Leon Valley
        ("coke at bandera rd and loop 410", (29.4870, -98.5970), 0.5),
        ("coke at basse rd and broadway san antonio", (29.4930, -98.4590), 0.3),  # the Shops at Lincoln Heights
        ("coke at basse rd and broadway", (29.4930, -98.4590), 0.3),
        ("coke at nogalitos and zarzamora san antonio", (29.3880, -98.5262), 0.5),
        ("coke at nogalitos st and military dr", (29.3535, -98.5420), 0.5),
        ("coke at san saba and commerce san antonio", (29.4241, -98.5018), 0.3),  # Market Square's west side
        ("coke at san saba st and commerce st", (29.4241, -98.5018), 0.3),
        # Dallas
        ("coke at henderson ave and knox st dallas", (32.8213, -96.7925), 0.3),  # Knox-Henderson at US 75
        ("coke at henderson ave and knox st", (32.8213, -96.7925), 0.3),
        ("coke at henderson and greenville dallas", (32.8125, -96.7702), 0.3),
        ("coke at campbell rd and preston rd dallas", (32.9775, -96.8040), 0.3),
        ("coke at campbell rd and preston rd", (32.9775, -96.8040), 0.3),
        # Atlanta and Charlotte
        ("coke at briarcliff rd and n druid hills rd atlanta", (33.8230, -84.3330), 0.3),
        ("coke at briarcliff rd and n druid hills rd", (33.8230, -84.3330), 0.3),
        ("coke at boulevard ne and edgewood ave atlanta", (33.7545, -84.3720), 0.3),
        ("coke at boulevard ne and edgewood ave", (33.7545, -84.3720), 0.3),
        ("coke at central and plaza charlotte", (35.2229, -80.8110), 0.3),  # Plaza Midwood's crossroads
        ("coke at central and plaza", (35.2229, -80.8110), 0.3),
        # Austin
        ("coke at airport blvd and 51st st austin", (30.3150, -97.7100), 0.3),
        ("coke at airport blvd and 51st st", (30.3150, -97.7100), 0.3),
        ("coke at william cannon dr and brodie ln austin", (30.2100, -97.8290), 0.3),
        ("coke at william cannon dr and brodie ln", (30.2100, -97.8290), 0.3),
        # Columbus (Bexley) and Nashville
        ("coke at indianola ave and hudson st columbus", (40.0205, -83.0000), 0.3),
        ("coke at indianola ave and hudson st", (40.0205, -83.0000), 0.3),
        ("coke at drexel ave and main st bexley", (39.9558, -82.9378), 0.3),
        ("coke at drexel ave and main st columbus", (39.9558, -82.9378), 0.3),
        ("coke at thompson ln and nolensville pike nashville", (36.1100, -86.7420), 0.3),
        ("coke at thompson ln and nolensville pike", (36.1100, -86.7420), 0.3),
        # Salt Lake City: Foothill Dr meets Sunnyside Ave (800 South) below the University of Utah
        ("coke at foothill dr and sunnyside ave salt lake city", (40.7522, -111.8310), 0.3),
        ("coke at foothill and sunnyside", (40.7522, -111.8310), 0.3),
        # Salt Lake City: 9000 South (Historic Sandy station stands at 9000 South 165 East) and 900 East in Millcreek
        ("coke at 9000 south and state street salt lake", (40.5897, -111.8895), 0.3),
        ("coke at 9000 south and state street", (40.5897, -111.8895), 0.3),
        ("coke at 4500 south and 900 east", (40.6750, -111.8654), 0.3),
        # San Jose
        ("coke at blossom hill rd and santa teresa blvd", (37.2530, -121.8630), 0.5),  # Oakridge Mall
        ("coke at san carlos st and bird ave san jose", (37.3285, -121.8975), 0.3),
        ("coke at lincoln ave and willow st san jose", (37.3097, -121.9007), 0.3),  # downtown Willow Glen's north end
        ("coke at bird and willow san jose", (37.3090, -121.8925), 0.3),
        ("coke at first st and tasman dr san jose", (37.4095, -121.9440), 0.3),  # Tasman station (VTA)
        ("coke at n 1st st and tasman dr", (37.4095, -121.9440), 0.3),
        # Indianapolis
        ("coke at 86th st and ditch rd indianapolis", (39.9113, -86.1975), 0.3),
        ("coke at michigan rd and 86th st indianapolis", (39.9113, -86.2230), 0.3),
        ("coke at washington st and shadeland ave indianapolis", (39.7695, -86.0440), 0.3),
        ("coke at 16th st and tibbs ave indianapolis", (39.7905, -86.2310), 0.3),
        ("coke at broad ripple ave and college ave", (39.8692, -86.1456), 0.3),
        ("coke at broad ripple ave and keystone ave indianapolis", (39.8690, -86.1205), 0.3),
        # Denver: Broadway carried south past Evans Ave to Hampden Ave in Englewood
        ("coke at south broadway and evans", (39.6785, -104.9877), 0.3),
        ("coke at broadway and hampden englewood", (39.6530, -104.9877), 0.3),
        # Minneapolis
        ("coke at hennepin ave and 7th st minneapolis", (44.9787, -93.2762), 0.3),  # First Avenue (the club)
        ("coke at 7th and hennepin", (44.9787, -93.2762), 0.3),
        ("coke at cedar ave and riverside ave minneapolis", (44.9690, -93.2473), 0.3),
        # Kansas City, Portland, Las Vegas
        ("coke at 63rd st and brookside blvd kansas city", (39.0134, -94.5930), 0.3),  # the Brookside shops
        ("coke at lombard st and interstate ave portland", (45.5775, -122.6818), 0.3),
        ("coke at craig rd and decatur blvd", (36.2395, -115.2080), 0.3),
    ],
)
def test_round14n_corners(query, point, km):
    assert_corner(query, point, km)
