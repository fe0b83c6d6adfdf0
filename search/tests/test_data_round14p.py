"""Issue 16, fourteenth round, helper 14p (block "streets.tsv round 14p"): corners people give as where they are in
Houston, Phoenix, Dallas, Atlanta, Las Vegas, Denver, Nashville, Portland, Minneapolis and Kansas City that no street
line answered, because a street had no line or its line stopped short. Each corner is probed as people write it (with
and without the city, "&", "at", "y"); each expected point is what stands on or by the corner (a mall, a campus, a
park, the mile grid's address line), written apart from the lines, with a tolerance fit to how far that neighbour
stands from the crossing. A few corners already answered are kept to guard the lines extended, and a few corners of
other metros whose street names the new lines share guard that those did not move or turn ambiguous."""

import pytest

from search.tests.offline import assert_corner


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # Houston
        ("coke at kirby and bissonnet houston", (29.7215, -95.4180), 0.4),  # north of Rice Village
        ("coke at kirby & bissonnet", (29.7215, -95.4180), 0.4),
        ("coke at bissonnet and hillcroft", (29.6910, -95.4990), 0.5),
        ("coke at memorial and shepherd houston", (29.7630, -95.4095), 0.4),  # Buffalo Bayou, Shepherd bridge
        ("coke at memorial dr and westcott", (29.7640, -95.4265), 0.4),  # Memorial Park's east gate
        ("coke at washington and westcott houston", (29.7710, -95.4262), 0.4),
        ("coke at westheimer and voss houston", (29.7425, -95.4990), 0.4),  # Hillcroft becomes Voss
        ("coke at san felipe and voss", (29.7495, -95.4990), 0.4),
        ("coke at westheimer and fondren", (29.7385, -95.5280), 0.4),
        ("agua cerca de bellaire y fondren houston", (29.7055, -95.5280), 0.4),
        # Phoenix
        ("coke at olive and 43rd ave", (33.5674, -112.1510), 0.3),  # the Dunlap mile line west of 43rd Ave
        ("coke at olive ave and 59th ave glendale", (33.5674, -112.1860), 0.4),
        ("coke at lincoln and tatum", (33.5310, -111.9825), 0.4),  # Paradise Valley
        ("coke at lincoln dr and scottsdale rd phoenix", (33.5310, -111.9260), 0.4),
        ("coke at bell and 7th st phoenix", (33.6400, -112.0650), 0.3),  # the Bell Rd mile line
        # Dallas
        ("coke at hillcrest and mockingbird dallas", (32.8370, -96.7855), 0.4),  # SMU's north-west corner
        ("coke at hillcrest and northwest hwy", (32.8650, -96.7855), 0.4),
        ("coke at hillcrest and forest dallas", (32.9090, -96.7858), 0.4),
        ("coke at parker and preston", (33.0440, -96.8035), 0.4),  # Plano
        ("coke at spring valley and coit dallas", (32.9400, -96.7700), 0.4),
        ("coke at marsh ln and belt line", (32.9530, -96.8560), 0.4),  # Farmers Branch
        # Atlanta
        ("coke at peachtree and west paces ferry", (33.8393, -84.3800), 0.4),  # Buckhead village
        ("coke at peachtree rd & w paces ferry rd atlanta", (33.8393, -84.3800), 0.4),
        ("coke at roswell rd and abernathy", (33.9320, -84.3790), 0.4),  # Sandy Springs
        # Las Vegas
        ("coke at ann and decatur las vegas", (36.2612, -115.2080), 0.4),
        ("coke at ann rd and rainbow", (36.2612, -115.2430), 0.4),
        # Denver
        ("coke at belleview and university denver", (39.6245, -104.9591), 0.4),  # 5000 S
        ("coke at belleview and colorado", (39.6245, -104.9407), 0.4),
        ("coke at arapahoe and university", (39.5940, -104.9591), 0.5),  # the Streets at SouthGlenn
        ("coke at kipling and colfax", (39.7403, -105.1090), 0.4),  # Lakewood, 10000 W
        ("coke at kipling y alameda denver", (39.7110, -105.1090), 0.4),
        ("coke at alameda and havana denver", (39.7110, -104.8660), 0.4),
        # Nashville
        ("coke at charlotte and 28th nashville", (36.1555, -86.8140), 0.4),
        ("coke at hillsboro and abbott martin nashville", (36.1065, -86.8150), 0.4),  # the Mall at Green Hills
        ("coke at hillsboro pike & abbott martin rd", (36.1065, -86.8150), 0.4),
        # Portland
        ("coke at sandy and 82nd portland", (45.5520, -122.5783), 0.5),  # Roseway
        ("coke at sandy blvd and 122nd", (45.5650, -122.5370), 0.5),  # Parkrose
        # Minneapolis - St. Paul
        ("coke at 66th and france", (44.8830, -93.3290), 0.4),  # Southdale Center's north-west corner
        ("coke at 66th and france edina", (44.8830, -93.3290), 0.4),
        ("coke at 66th and lyndale minneapolis", (44.8830, -93.2880), 0.4),  # Richfield
        ("coke at grand and victoria", (44.9400, -93.1360), 0.3),  # St. Paul
        ("coke at university and victoria", (44.9556, -93.1360), 0.3),  # Victoria St Green Line station
        ("coke at selby and snelling", (44.9462, -93.1670), 0.3),
        ("coke at lagoon and hennepin minneapolis", (44.9499, -93.2985), 0.3),  # Uptown
        # Kansas City
        ("coke at barry rd and north oak trafficway kansas city", (39.2460, -94.5760), 0.5),
        # Corners of other metros sharing the new lines' names: unmoved, not ambiguous
        ("coke at peoria and 32nd st", (33.5818, -112.0124), 0.4),  # Phoenix
        ("coke at olive and 5th st", (34.0494, -118.2526), 0.4),  # Los Angeles, Pershing Square
        ("coke at memorial and moreland", (33.7467, -84.3490), 0.4),  # Atlanta
        ("coke at arapahoe and 16th", (39.7479, -104.9956), 0.3),  # Denver, downtown
        ("coke at 28th and burnside", (45.5230, -122.6339), 0.3),  # Portland
    ],
)
def test_corner(query: str, point: tuple[float, float], km: float) -> None:
    assert_corner(query, point, km)
