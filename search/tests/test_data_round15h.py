"""Issue 16, fifteenth round, helper 15h: corners of the main arterials of Phoenix, Dallas, Atlanta, Las Vegas, San
Antonio, San Jose, Austin, Columbus, Charlotte, Indianapolis, Denver, Nashville, Portland, Minneapolis-St. Paul and
Kansas City that `streets.tsv` lacked or drew too short (80 lines added, 56 carried on). Each corner is probed as people
type it (with and without the city and the street types, misspelt, Spanish "cerca de"); the expected point is the corner
as known apart from the lines drawn: two published points (the 50th Street/Washington light-rail station in Phoenix and
Atlanta's Ashby station on Joseph E. Lowery Blvd, Wikipedia via a mirror), venues.tsv rows for Dallas (Mockingbird
Station, Texas Health Presbyterian Hospital at Greenville Ave and Walnut Hill Ln), the rest the corners of the mile
grids (Phoenix, Mesa, Las Vegas, Denver, Indianapolis, Kansas City, Portland, Minneapolis-St. Paul) as remembered, so
they hold to 1 km. Only corners the helper is confident of are tested; the lines drawn from memory to ~500 m
(San Antonio, Charlotte, Nashville's pikes, Oak Cliff) are not."""

import pytest

from search.tests.offline import assert_corner, assert_no_corner


@pytest.mark.parametrize(
    ("query", "point"),
    [
        # Phoenix: Washington St now runs east past the numbered streets to Priest Dr (it stopped short of 24th St)
        ("coke at washington st and 44th st phoenix", (33.4475, -111.9865)),
        ("coke at washington and 44th phoenix", (33.4475, -111.9865)),
        ("water at washington & 24th st phoenix", (33.4482, -112.0300)),
        ("coke at washington st and 48th street", (33.4470, -111.9780)),
        ("agua cerca de washington y 40th st phoenix", (33.4478, -111.9960)),
        ("coke at washingtn st and 32nd st phoenix", (33.4480, -112.0120)),
        ("coke at central ave and baseline rd phoenix", (33.3790, -112.0740)),
        ("coke at 7th st and southern ave phoenix", (33.3930, -112.0650)),
        ("coke at 19th ave and baseline", (33.3790, -112.0990)),
        ("coke at pima rd and indian bend", (33.5385, -111.8910)),
        ("coke at pima and camelback scottsdale", (33.5090, -111.8910)),
        ("coke at scottsdale rd and indian bend rd", (33.5385, -111.9260)),
        ("coke at hayden and chaparral scottsdale", (33.5165, -111.9090)),
        ("coke at mesa dr and main st mesa", (33.4150, -111.8230)),
        ("coke at stapley and university mesa", (33.4220, -111.8055)),
        ("coke at val vista and baseline", (33.3790, -111.7535)),
        ("coke at kyrene and ray rd", (33.3210, -111.9430)),
        ("coke at mcqueen and chandler blvd", (33.3060, -111.8230)),
        ("coke at price rd and elliot rd", (33.3490, -111.8910)),
        ("coke at lower buckeye and 35th ave phoenix", (33.4225, -112.1340)),
        # Las Vegas: the Strip south of Russell Rd and Las Vegas Blvd N; the south-west mile lines to Cactus Ave
        ("coke at flamingo rd and maryland pkwy las vegas", (36.1161, -115.1365)),
        ("coke at flamingo and maryland", (36.1161, -115.1365)),
        ("coke at las vegas blvd and warm springs", (36.0570, -115.1725)),
        ("coke at silverado ranch and las vegas blvd", (36.0130, -115.1745)),  # South Point
        ("agua cerca de las vegas blvd y sunset rd", (36.0720, -115.1720)),
        ("coke at las vegas blvd n and lake mead blvd", (36.1960, -115.1170)),
        ("coke at maryland pkwy and sunset rd las vegas", (36.0720, -115.1365)),
        ("coke at durango and cactus ave las vegas", (35.9985, -115.2790)),
        ("coke at eastern and windmill", (36.0420, -115.1190)),
        # Minneapolis-St. Paul
        ("coke at nicollet and 46th st minneapolis", (44.9200, -93.2778)),
        ("coke at nicollet ave & 66th st", (44.8830, -93.2778)),
        ("coke at hennepin and 36th st minneapolis", (44.9380, -93.2985)),
        ("coke at 54th st and lyndale minneapolis", (44.9055, -93.2880)),
        ("coke at west broadway and penn ave minneapolis", (44.9995, -93.3085)),
        ("coke at larpenteur and snelling", (44.9917, -93.1670)),
        ("coke at cleveland ave and ford pkwy st paul", (44.9175, -93.1875)),
        ("coke at randolph and lexington st paul", (44.9270, -93.1462)),
        ("coke at white bear ave and maryland ave st paul", (44.9775, -93.0265)),
        # Kansas City
        ("coke at troost and independence ave kansas city", (39.1060, -94.5715)),
        ("coke at bannister rd and wornall", (38.9555, -94.5945)),
        ("coke at meyer blvd and troost kc", (39.0060, -94.5715)),
        ("coke at 85th st and prospect kansas city", (38.9735, -94.5535)),
        # Dallas
        ("coke at central expy and mockingbird", (32.8370, -96.7730)),  # Mockingbird Station just west
        ("coke at central expressway and lovers lane dallas", (32.8510, -96.7710)),
        ("coke at us 75 and forest ln dallas", (32.9100, -96.7690)),
        ("coke at greenville and walnut hill dallas", (32.8800, -96.7630)),  # Presbyterian Hospital
        ("coke at midway and belt line", (32.9530, -96.8385)),
        ("coke at tollway and belt line dallas", (32.9530, -96.8220)),
        # Denver and Aurora
        ("coke at federal and evans denver", (39.6785, -105.0250)),
        ("coke at federal blvd and hampden", (39.6531, -105.0250)),
        ("coke at holly and evans denver", (39.6785, -104.9213)),
        ("coke at chambers rd and colfax aurora", (39.7400, -104.8090)),
        ("coke at chambers rd and mississippi ave", (39.6966, -104.8090)),
        ("coke at 8th ave and colorado blvd denver", (39.7290, -104.9407)),
        ("coke at hampden and yosemite", (39.6531, -104.8850)),
        ("coke at broadway and belleview denver", (39.6245, -104.9877)),
        # Indianapolis
        ("coke at college ave and 86th indianapolis", (39.9110, -86.1456)),
        ("coke at 82nd st and keystone indianapolis", (39.9045, -86.1150)),
        ("coke at southport rd and meridian st indianapolis", (39.6645, -86.1581)),
        ("coke at arlington ave and 38th st indianapolis", (39.8250, -86.0612)),
        ("coke at high school rd and 10th st indianapolis", (39.7820, -86.2680)),
        # Austin, Columbus, Atlanta, San Jose
        ("coke at mopac and 45th st austin", (30.3170, -97.7550)),
        ("coke at summit st and 11th ave columbus", (39.9935, -83.0010)),
        ("coke at stelzer and morse rd columbus", (40.0612, -82.9110)),
        ("coke at lowery blvd and mlk dr atlanta", (33.7540, -84.4175)),  # Ashby station just north
        ("coke at moreland and glenwood atlanta", (33.7400, -84.3490)),
        ("coke at lawrence expy and stevens creek", (37.3233, -121.9955)),
        ("coke at de anza and stevens creek cupertino", (37.3233, -122.0320)),
        # Portland
        ("coke at halsey and 82nd ave portland", (45.5335, -122.5780)),
        ("coke at 42nd and fremont portland", (45.5485, -122.6195)),
        ("coke at stark and 162nd portland", (45.5193, -122.4955)),
        ("coke at se powell blvd and 148th", (45.4975, -122.5100)),
    ],
)
def test_corner(query, point):
    assert_corner(query, point, km=1.0)


def test_streets_that_do_not_meet():
    # parallel lines drawn side by side stay apart
    assert_no_corner("coke at central expy and greenville ave dallas")
    assert_no_corner("coke at washington st and jefferson st phoenix")
    assert_no_corner("coke at mesa dr and stapley dr mesa")
