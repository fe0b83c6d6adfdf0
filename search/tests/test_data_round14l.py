"""Issue 16, fourteenth round (l): street corners of Phoenix, Dallas, Atlanta, Las Vegas, San Antonio, Nashville,
Columbus, Austin, Charlotte and Portland that had no line, or whose line stopped short (Tatum Blvd, Arizona Ave, Belt
Line and Coit Rds, Knox St, Roswell and Clairmont Rds, Rampart Blvd, Green Valley Pkwy, Stephanie St, Basse and Blanco
Rds, White Bridge Pike, Dublin-Granville, Sawmill and Tremont Rds, Wendover and Queens Rds, South 1st St; Glendale
Ave, Shea Blvd, Atlanta's 14th St, Portland's Division St, Nashville's 12th Ave S and Charlotte Pike, Columbus's High
St and Lane Ave, Las Vegas's Sunset Rd and Austin's North Lamar carried on). Each expected point is the corner as
remembered from what stands on it (the address grid, a mall or a shopping centre at the corner), written apart from
the lines; the lines are from memory of OpenStreetMap, so the tolerances are 300-500 m."""

import pytest

from search.tests.offline import assert_corner


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # Phoenix: Tatum Blvd at 4600 E (Paradise Valley Mall, 4550 E Cactus Rd, stands at Tatum and Cactus)
        ("coke at tatum and shea", (33.5818, -111.9823), 0.4),
        ("coke at tatum and cactus phoenix", (33.5967, -111.9826), 0.4),
        ("coke at tatum blvd & bell rd", (33.6396, -111.9826), 0.4),
        ("coke at arizona ave and chandler blvd", (33.3062, -111.8413), 0.3),  # downtown Chandler
        ("coke at arizona ave and ray rd chandler", (33.3204, -111.8412), 0.3),
        ("coke at 59th ave and glendale ave", (33.5387, -112.1857), 0.3),  # downtown Glendale
        ("coke at shea and 32nd st phoenix", (33.5818, -112.0120), 0.4),
        # Dallas: Addison and Richardson
        ("coke at belt line and preston", (32.9536, -96.8036), 0.4),
        ("coke at beltline rd & coit rd dallas", (32.9530, -96.7697), 0.4),
        ("coke at knox and mckinney", (32.8213, -96.7932), 0.3),  # Knox-Henderson
        ("coke at knox st & mckinney ave dallas", (32.8213, -96.7932), 0.3),
        # Atlanta
        ("coke at howell mill and 14th", (33.7862, -84.4112), 0.3),  # Westside Provisions District
        ("coke at roswell rd and peachtree", (33.8383, -84.3797), 0.3),  # Buckhead
        ("coke at clairmont and ponce decatur", (33.7745, -84.2965), 0.3),  # Decatur's square
        ("snickers at roswell road and peachtree road atlanta", (33.8383, -84.3797), 0.3),
        # Las Vegas and Henderson
        ("coke at rampart and charleston", (36.1592, -115.2838), 0.3),  # Boca Park
        ("coke at green valley pkwy and sunset henderson", (36.0716, -115.0831), 0.3),
        ("coke at stephanie and sunset", (36.0716, -115.0462), 0.3),  # the Galleria at Sunset
        ("agua en stephanie st y sunset rd henderson", (36.0716, -115.0462), 0.3),
        # San Antonio: Alamo Heights
        ("coke at san pedro and basse", (29.4933, -98.4986), 0.4),
        ("coke at blanco and hildebrand san antonio", (29.4620, -98.5078), 0.4),
        ("coke at blanco rd & basse rd", (29.4933, -98.5088), 0.4),
        # Nashville
        ("coke at charlotte and white bridge", (36.1493, -86.8622), 0.3),
        ("coke at white bridge pike and harding pike nashville", (36.1272, -86.8555), 0.4),
        ("coke at 12th and broadway nashville", (36.1573, -86.7851), 0.3),  # the Gulch's north end
        ("coke at 12th ave & demonbreun nashville", (36.1555, -86.7852), 0.3),
        # Columbus
        ("coke at high and morse", (40.0611, -83.0171), 0.3),
        ("coke at high st and dublin granville rd", (40.0889, -83.0181), 0.3),  # Old Worthington's green
        ("coke at lane and tremont", (40.0066, -83.0664), 0.3),  # the Lane Avenue Shopping Center
        ("coke at sawmill and bethel", (40.0651, -83.0903), 0.3),
        ("coke at sawmill rd and dublin-granville rd columbus", (40.0891, -83.0909), 0.3),
        ("coke at tremont rd & henderson rd upper arlington", (40.0481, -83.0678), 0.3),
        # Charlotte
        ("coke at independence and wendover", (35.2052, -80.7967), 0.3),
        ("coke at queens rd and providence rd", (35.2012, -80.8197), 0.3),
        ("coke at queens rd and selwyn charlotte", (35.1882, -80.8334), 0.3),  # Queens University
        ("coke at wendover rd & providence rd charlotte", (35.1735, -80.8079), 0.4),
        # Portland
        ("coke at division and 82nd", (45.5046, -122.5785), 0.3),
        ("coke at se division st & se 122nd ave portland", (45.5045, -122.5381), 0.3),
        # Austin
        ("coke at lamar and 38th", (30.3010, -97.7438), 0.3),
        ("coke at lamar and koenig", (30.3318, -97.7266), 0.3),
        ("coke at south 1st and oltorf", (30.2425, -97.7572), 0.3),
        ("coke at s 1st st & riverside dr austin", (30.2588, -97.7489), 0.3),
        ("water at n lamar blvd and 45th st austin", (30.3160, -97.7382), 0.3),
    ],
)
def test_round14l_corners(query, point, km):
    assert_corner(query, point, km)


@pytest.mark.parametrize(
    ("query", "point"),
    [
        # corners of other metros, probed without their city, still answered where they were
        ("coke at central and camelback", (33.5093, -112.0740)),
        ("coke at greenville and mockingbird", (32.8370, -96.7698)),
        ("coke at moreland and euclid", (33.7643, -84.3490)),
        ("coke at las vegas blvd and flamingo", (36.1161, -115.1745)),
        ("coke at 6th and lamar", (30.2712, -97.7530)),
        ("coke at 1st and santa clara", (37.3368, -121.8905)),
        ("coke at lake and hennepin", (44.9483, -93.2983)),
    ],
)
def test_round14l_old_corners_unmoved(query, point):
    assert_corner(query, point, 0.3)
