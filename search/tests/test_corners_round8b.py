"""Issue 16, round 8b: corners of the downtown grids drawn for Nashville (its numbered avenues), Memphis, Seattle and
Boston's Back Bay, and of arterials added in Dallas, Austin, Indianapolis and New Orleans, in the styles people write
them, and address blocks read from Nashville's and Seattle's numbered avenues. Each expected point is the
intersection as known, independently of the lines drawn in streets.tsv."""

import pytest

from search.geo.gazetteer import haversine_km
from search.tests.offline import plan


@pytest.mark.parametrize(
    ("query", "point"),
    [
        # Nashville: Broadway, Commerce, Church and Charlotte cross the numbered avenues
        ("water at broadway and 2nd ave nashville", (36.1614, -86.7754)),
        ("water at broadway & 1st ave nashville", (36.1619, -86.7742)),
        ("water at corner of commerce st and 4th ave n nashville", (36.1617, -86.7786)),
        ("water at charlotte ave at 7th ave n nashville", (36.1650, -86.7851)),
        ("water at 8th ave/broadway nashville", (36.1586, -86.7830)),
        ("agua en demonbreun y 16th ave s nashville", (36.1528, -86.7922)),
        ("water at church st & 7th ave nashville", (36.1614, -86.7830)),
        ("water at demonbreun st and 4th ave s nashville", (36.1589, -86.7768)),
        ("water at 3rd ave and commerce nashville", (36.1622, -86.7773)),
        # Memphis downtown
        ("water at beale st and 2nd st memphis", (35.1390, -90.0527)),
        ("water at union ave & front st memphis", (35.1428, -90.0549)),
        ("water at corner of bb king blvd and union memphis", (35.1419, -90.0507)),
        ("water at beale at bb king memphis", (35.1387, -90.0513)),
        ("water at front st/beale st memphis", (35.1396, -90.0560)),
        # Dallas
        ("water at ross ave and pearl st dallas", (32.7885, -96.7960)),
        ("water at elm st & pearl st dallas", (32.7837, -96.7928)),
        ("water at ross at harwood dallas", (32.7870, -96.7988)),
        ("agua en main y pearl dallas", (32.7828, -96.7925)),
        ("water at corner of ross and akard dallas", (32.7853, -96.8013)),
        # Boston's Back Bay
        ("water at boylston and dartmouth boston", (42.3500, -71.0774)),
        ("water at clarendon st & newbury st boston", (42.3517, -71.0755)),
        ("water at corner of commonwealth ave and dartmouth st boston", (42.3524, -71.0783)),
        ("water at berkeley st at boylston st boston", (42.3512, -71.0728)),
        ("water at exeter/boylston boston", (42.3498, -71.0797)),
        ("agua en newbury y berkeley boston", (42.3521, -71.0732)),
        # Seattle downtown
        ("water at yesler way and 2nd ave seattle", (47.6017, -122.3320)),
        ("water at 4th ave & pike st seattle", (47.6106, -122.3366)),
        ("water at madison st and 5th ave seattle", (47.6066, -122.3317)),
        ("water at corner of 6th ave and pine seattle", (47.6120, -122.3347)),
        ("water at yesler at 23rd ave seattle", (47.6017, -122.3025)),
        ("water at 4th ave/james st seattle", (47.6032, -122.3300)),
        ("water at broadway and yesler seattle", (47.6017, -122.3210)),
        # Austin
        ("water at 12th st and guadalupe austin", (30.2753, -97.7440)),
        ("water at 15th st & lamar blvd austin", (30.2797, -97.7505)),
        ("water at barton springs rd and lamar austin", (30.2612, -97.7575)),
        ("agua en la calle 15 y guadalupe austin", (30.2784, -97.7431)),
        # Indianapolis
        ("water at mass ave and college ave indianapolis", (39.7768, -86.1456)),
        ("water at massachusetts ave & 10th st indianapolis", (39.7815, -86.1385)),
        # New Orleans
        ("water at loyola and poydras new orleans", (29.9510, -90.0778)),
        ("water at tulane ave & broad st new orleans", (29.9627, -90.0883)),
        ("water at canal st and claiborne ave new orleans", (29.9622, -90.0807)),
        ("water at corner of canal and broad new orleans", (29.9671, -90.0860)),
        ("water at loyola ave at canal st new orleans", (29.9572, -90.0743)),
    ],
)
def test_corners_of_the_streets_drawn_in_round_8b(query, point):
    place = plan(query).place
    assert place.kind == "corner" and haversine_km(place.point, point) < 0.5, place


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("water at the 400 block of broadway nashville", (36.1602, -86.7786)),  # between 4th and 5th Avenues
        ("water at 200 block of church st nashville", (36.1636, -86.7774)),
        ("water at 600 block of commerce st nashville", (36.1606, -86.7811)),
        ("water at the 400 block of pike st seattle", (47.6106, -122.3360)),  # between 4th and 5th Avenues
    ],
)
def test_blocks_read_from_the_numbered_avenues(query, point):
    place = plan(query).place
    assert haversine_km(place.point, point) < 0.5, place
    assert place.confidence == "medium"
