"""Issue 16, twelfth round (block "venues.tsv round 12v3" of venues.tsv): neighbourhoods, districts, suburban centres
and city parks of all 30 fleet metros that neither "coke in <name>" nor "coke in <name> <city>" placed, found by the
names people write (with and without the city, Spanish, typos). Each expected point is something that stands in the
neighbourhood or by the park (a station, a campus, a museum, a landmark), written apart from its row, so the
tolerance is that of the kind (a district 3 km, a park 2 km). A name that is a place of another metro too is written
"@name" (the bare name is asked about) or, where the bare name was already a well-known place or a town elsewhere
(Bryn Mawr, Richmond Heights), only "<name> <city>": those bare names are checked to keep their old answer; a
neighbourhood of another metro of the same name (Washington Heights) is now asked about when named alone."""

import pytest

from search.interpret import Unresolved
from search.tests.offline import km_from, plan


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        ("coke in forest park queens", (40.6995, -73.8612), 2.0),  # Forest Park Carousel
        ("snacks in washington heights chicago", (41.7065, -87.6451), 3.0),  # 103rd St-Washington Heights (Metra)
        ("coke in forest glen", (41.9785, -87.7552), 3.0),  # Forest Glen station (Metra)
        ("water in forest hills boston", (42.3005, -71.1137), 3.0),  # Forest Hills station (Orange)
        ("coke in audubon circle", (42.3459, -71.1072), 3.0),  # Saint Mary's Street station (Green C)
        ("coke in adams village dorchester", (42.2797, -71.0604), 3.0),  # Cedar Grove station (Mattapan line)
        ("agua en moakley park", (42.3302, -71.0570), 2.0),  # Andrew station (Red)
        ("chips in hyde square jamaica plain", (42.3232, -71.0996), 3.0),  # Jackson Square station (Orange)
        ("coke in buena vista miami", (25.8130, -80.1930), 3.0),  # Miami Design District
        ("refresco en spring garden miami", (25.7900, -80.2110), 3.0),  # Jackson Memorial Hospital
        ("coke in gladeview", (25.8496, -80.2410), 3.0),  # Dr. Martin Luther King Jr. Plaza station (Metrorail)
        ("coke in the hammocks", (25.6700, -80.4410), 3.0),  # Hammocks Town Center
        ("water in del cerro", (32.7757, -117.0719), 3.0),  # San Diego State University
        ("coke in rolando san diego", (32.7716, -117.0418), 3.0),  # 70th Street trolley station
        ("coke in bird rock", (32.8058, -117.2630), 3.0),  # Tourmaline Surfing Park
        ("snacks in grant hill", (32.7060, -117.1410), 3.0),  # 25th & Commercial trolley station
        ("coke in tecolote canyon", (32.7719, -117.1882), 2.0),  # University of San Diego
        ("water at chollas lake", (32.7380, -117.0580), 2.0),  # College Grove Center
        ("coke in haller lake", (47.7264, -122.3403), 3.0),  # Ingraham High School
        ("coke in judkins park seattle", (47.5903, -122.3050), 3.0),  # Judkins Park station (Link 2 Line)
        ("coke in the alaska junction", (47.5613, -122.3868), 3.0),  # Easy Street Records
        ("chips in othello seattle", (47.5380, -122.2815), 3.0),  # Othello station (Link 1 Line)
        ("coke in hillman city", (47.5597, -122.2926), 3.0),  # Columbia City station (Link 1 Line)
        ("coke in broadview seattle", (47.7110, -122.3770), 3.0),  # Carkeek Park
        ("coke in islandview detroit", (42.3475, -82.9960), 3.0),  # MacArthur Bridge to Belle Isle
        ("water in conant gardens", (42.4330, -83.0572), 3.0),  # Pershing High School
        ("coke in hubbard farms", (42.3180, -83.0860), 3.0),  # Clark Park
        ("coke in normal station memphis", (35.1190, -89.9370), 3.0),  # University of Memphis
        ("coke in mckinley heights", (38.5991, -90.2128), 3.0),  # Anheuser-Busch Brewery
        ("water in college hill st louis", (38.6719, -90.2076), 3.0),  # Grand Avenue Water Tower
        ("coke in lake terrace", (30.0277, -90.0665), 3.0),  # University of New Orleans
        ("coke in fat city", (30.0005, -90.1535), 3.0),  # Lakeside Shopping Center
        ("agua en west end new orleans", (30.0170, -90.1180), 3.0),  # Orleans Marina
        ("coke in cathedral district jacksonville", (30.3270, -81.6560), 3.0),  # Florida Theatre
        ("coke in reservoir park salt lake", (40.7640, -111.8510), 2.0),  # University of Utah, Presidents Circle
        ("coke in montecito heights", (34.0870, -118.2060), 3.0),  # Heritage Square Museum
        ("coke in garvanza", (34.1114, -118.1926), 3.0),  # Highland Park station (A Line)
        ("snacks in carthay circle", (34.0639, -118.3592), 3.0),  # LACMA
        ("coke in beachwood canyon", (34.1341, -118.3215), 3.0),  # Hollywood Sign
        ("coke in macgregor houston", (29.7110, -95.3380), 3.0),  # MacGregor Park
        ("coke in afton oaks", (29.7420, -95.4310), 3.0),  # St. John's School
        ("coke in eastlake park phoenix", (33.4480, -112.0570), 2.0),  # 12th St/Washington light rail station
        ("coke in cedar springs dallas", (32.8010, -96.8140), 3.0),  # Reverchon Park
        ("water in redbird dallas", (32.6760, -96.8620), 3.0),  # RedBird (former Southwest Center Mall)
        ("coke in forest hills dallas", (32.8233, -96.7167), 3.0),  # Dallas Arboretum
        ("coke in oakland city atlanta", (33.7170, -84.4253), 3.0),  # Oakland City station (MARTA)
        ("coke in brookwood hills", (33.8080, -84.3940), 3.0),  # Piedmont Atlanta Hospital
        ("coke in collier hills", (33.8080, -84.3940), 3.0),  # Piedmont Atlanta Hospital
        ("coke in peccole ranch", (36.1620, -115.2890), 3.0),  # Tivoli Village
        ("coke in silverado ranch", (36.0120, -115.1750), 3.0),  # South Point casino
        ("coke in fruitdale", (37.3140, -121.9270), 3.0),  # San Jose City College
        ("coke in pemberton heights", (30.3050, -97.7450), 3.0),  # Seton Medical Center Austin
        ("coke in glendale indianapolis", (39.8690, -86.1420), 3.0),  # Broad Ripple Village
        ("coke in linnton", (45.5850, -122.7640), 3.0),  # St. Johns Bridge
        ("coke in southmoreland", (39.0450, -94.5810), 3.0),  # Nelson-Atkins Museum of Art
    ],
)
def test_round_12v3_neighbourhoods_and_parks_are_found(query, point, km):
    assert km_from(query, point) < km


@pytest.mark.parametrize(
    ("query", "name", "metro"),
    [
        ("coke in riverside park", "Riverside Park", "new-york"),  # still Manhattan's
        ("coke in audubon park", "Audubon Park", "new-orleans"),  # still New Orleans's
        ("coke in bryn mawr", "Bryn Mawr", "philadelphia"),  # still the Main Line town
        ("coke in richmond heights mo", "Richmond Heights", "st-louis"),  # the St. Louis suburb, with its state
        ("coke in bryn mawr minneapolis", "Bryn Mawr Minneapolis", "minneapolis"),
        ("coke in tropicana san jose", "Tropicana", "san-jose"),
        ("coke in roanoke kansas city", "Roanoke", "kansas-city"),
    ],
)
def test_shared_names(query, name, metro):
    place = plan(query).place
    assert (place.name.split(", ")[0], place.metro) == (name, metro), place


@pytest.mark.parametrize(
    "query",
    [
        "coke in forest hills",
        "coke in highland park",
        "coke in tropicana",
        "coke in hollywood",
        "coke in washington heights",  # Manhattan's and now Chicago's
        "coke in richmond heights",  # the St. Louis suburb and, since GeoNames' places of 1,000, Miami's (FL)
    ],
)
def test_a_name_several_metros_share_is_asked_about(query):
    with pytest.raises(Unresolved):
        plan(query)
