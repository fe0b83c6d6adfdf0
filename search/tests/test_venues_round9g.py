"""Issue 16, ninth round (block "venues round 9g" of venues.tsv): city halls, courthouses, libraries, hotels, casinos,
churches, bridges, a plaza, a park, a mall, a museum, a high school and a tower of New York, Chicago, Philadelphia,
Boston, Miami, San Diego, Seattle, Detroit, Memphis and St. Louis, found by the names people write. Each expected
point is the place's own, written apart from its row."""

import pytest

from search.tests.offline import assert_venue


@pytest.mark.parametrize(
    ("query", "name", "point"),
    [
        ("water near grand army plaza brooklyn", "Grand Army Plaza", (40.6743, -73.9702)),
        ("coke at the queens museum", "Queens Museum", (40.7458, -73.8467)),
        ("snacks near nyc city hall", "New York City Hall", (40.7127, -74.0060)),
        ("coke in the palmer house", "Palmer House Hilton", (41.8803, -87.6269)),
        ("water near the thompson center chicago", "James R. Thompson Center", (41.8853, -87.6317)),
        ("chips at promontory point", "Promontory Point", (41.7958, -87.5769)),
        ("water at the parkway central library", "Parkway Central Library", (39.9595, -75.1710)),
        ("coke at rivers casino philadelphia", "Rivers Casino Philadelphia", (39.9642, -75.1314)),
        ("snacks near the walt whitman bridge", "Walt Whitman Bridge", (39.9053, -75.1297)),
        ("water near the longfellow bridge", "Longfellow Bridge", (42.3616, -71.0754)),
        ("coke at encore boston harbor", "Encore Boston Harbor", (42.3945, -71.0702)),
        ("water near holy cross cathedral boston", "Cathedral of the Holy Cross Boston", (42.3407, -71.0693)),
        ("coke at hialeah park casino", "Hialeah Park Race Track", (25.8481, -80.2783)),
        ("water at miami international mall", "Miami International Mall", (25.7866, -80.3649)),
        ("snacks near the miami tower", "Miami Tower", (25.7721, -80.1912)),
        ("water at geisel library", "Geisel Library", (32.8811, -117.2375)),
        ("coke near the spreckels organ pavilion", "Spreckels Organ Pavilion", (32.7294, -117.1505)),
        ("water at county admin building san diego", "San Diego County Administration Center", (32.7219, -117.1721)),
        ("water at seattle city hall", "Seattle City Hall", (47.6051, -122.3298)),
        ("coke at the seattle convention center", "Seattle Convention Center", (47.6119, -122.3314)),
        ("snacks near st james cathedral seattle", "St. James Cathedral Seattle", (47.6077, -122.3258)),
        ("water near ste anne de detroit", "Ste. Anne de Detroit", (42.3208, -83.0767)),
        ("coke at cass tech detroit", "Cass Technical High School", (42.3388, -83.0604)),
        ("water at the cotton museum memphis", "Cotton Museum at the Memphis Cotton Exchange", (35.1433, -90.0547)),
        ("coke near bellevue baptist church", "Bellevue Baptist Church", (35.1816, -89.8081)),
        ("water at the civil courts building st louis", "Civil Courts Building", (38.6273, -90.1969)),
        ("snacks near the carnahan courthouse", "Mel Carnahan Courthouse", (38.6268, -90.1977)),
    ],
)
def test_round_9g_places_are_found(query, name, point):
    assert_venue(query, name, point)
