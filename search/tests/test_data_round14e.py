"""Issue 16, fourteenth round (blocks "venues.tsv round 14e" and "streets.tsv round 14e"): hospitals, high schools and
colleges, churches, hotels, music venues, restaurants and bars, museums, malls, bridges, memorials, cemeteries, golf
courses, parks, trails, stations and neighbourhoods of San Jose, Austin, Columbus, Charlotte and Indianapolis that
neither "coke at <name>" nor "coke at <name> <city>" placed within the kind's tolerance. Queries are written as
people type them (with and without the city, short names, a few in Spanish, a few misspelt); each expected point is
written apart from its row: a neighbouring building, campus or park that another row places, or the published
coordinate the comment names, with a tolerance fit to how far that neighbour stands (0.3-1 km for a building, up to 3
km for a suburban site or a trail). The corners check the new street lines (Saratoga Ave, Dean Keeton St, Emerson
Ave, Sherman Dr) against the points they cross."""

import pytest

from search.interpret import Unresolved
from search.tests.offline import assert_corner, km_from, plan


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # San Jose
        ("coke at bing concert hall", (37.4327, -122.1703), 0.6),  # Cantor Arts Center
        ("coke at frost amphitheater stanford", (37.4327, -122.1703), 0.6),  # Cantor Arts Center
        ("coke at the stanford theatre palo alto", (37.4430, -122.1710), 1.2),  # Stanford Shopping Center
        ("coke at paly", (37.4430, -122.1710), 1.6),  # Stanford Shopping Center, across El Camino Real
        ("coke at gunn high school", (37.4030, -122.1340), 0.5),  # 780 Arastradero Rd (published point)
        ("coke at monta vista high school", (37.3190, -122.0450), 1.5),  # De Anza College
        ("coke at lynbrook high", (37.2910, -121.9920), 1.6),  # Westgate Center, down Saratoga Ave
        ("coke at archbishop mitty san jose", (37.2910, -121.9920), 2.8),  # Westgate Center
        ("coke at falafels drive in", (37.3230, -121.9470), 1.5),  # Stevens Creek Blvd at Winchester Blvd
        ("coke at main street cupertino", (37.3190, -122.0450), 3.0),  # De Anza College, along Stevens Creek Blvd
        ("coke at almaden plaza", (37.2530, -121.8630), 1.5),  # Oakridge Mall
        ("coke at kaiser santa teresa", (37.2090, -121.7880), 3.5),  # Santa Teresa County Park
        ("coke at provident credit union event center", (37.3352, -121.8811), 0.4),  # San Jose State University
        ("coke at palo alto caltrain", (37.4430, -122.1710), 0.8),  # Stanford Shopping Center
        ("agua cerca de la estacion lawrence caltrain", (37.3710, -121.9960), 0.5),  # Lawrence Expy at the tracks
        # Austin
        ("coke at esthers follies", (30.2683, -97.7362), 0.5),  # Stubb's Bar-B-Q
        ("coke at cheer up charlies", (30.2683, -97.7362), 0.4),  # Stubb's Bar-B-Q
        ("coke at the elephant room austin", (30.2635, -97.7396), 0.6),  # Austin Convention Center
        ("coke at o henry museum", (30.2635, -97.7396), 0.5),  # Austin Convention Center (Brush Square)
        ("coke at the omni austin", (30.2747, -97.7404), 0.8),  # Texas State Capitol
        ("coke at the intercontinental austin", (30.2747, -97.7404), 0.7),  # Texas State Capitol
        ("coke at hotel saint cecilia", (30.2500, -97.7493), 0.4),  # Continental Club
        ("coke at home slice pizza", (30.2500, -97.7493), 0.4),  # Continental Club
        ("coke at bangers austin", (30.2635, -97.7396), 0.8),  # Austin Convention Center, up Rainey St
        ("coke at cactus cafe", (30.2808, -97.7375), 0.8),  # Blanton Museum of Art
        ("coke at the frank erwin center", (30.2808, -97.7375), 0.8),  # Blanton Museum of Art
        ("coke at trudys austin", (30.2837, -97.7325), 1.8),  # Darrell K Royal Stadium
        ("coke at lake travis high school", (30.3273, -97.9694), 0.3),  # 3324 RR 620 S (published point)
        ("coke at westwood high school austin", (30.4560, -97.7981), 0.3),  # 12400 Mellow Meadow Dr (published)
        ("coke at st davids round rock", (30.5273, -97.6307), 7.0),  # Dell Diamond (Round Rock's ballpark)
        ("coke at the heb center cedar park", (30.5273, -97.6307), 19.0),  # Dell Diamond, across Round Rock
        ("coke at giga texas", (30.2222, -97.6170), 1.5),  # SH 130 at Harold Green Rd
        ("refresco cerca de plaza saltillo", (30.2683, -97.7362), 1.2),  # Stubb's Bar-B-Q
        # Columbus
        ("coke at the riffe center", (39.9613, -82.9990), 0.3),  # Ohio Statehouse
        ("coke at kelton house", (39.9613, -82.9990), 1.6),  # Ohio Statehouse
        ("coke at a&r music bar", (39.9760, -83.0060), 0.7),  # Goodale Park
        ("coke at shadowbox live", (39.9470, -82.9940), 1.0),  # German Village
        ("coke at land grant brewing", (39.9580, -83.0040), 0.8),  # Scioto Mile
        ("coke at the blackwell inn", (40.0074, -83.0250), 1.0),  # Value City Arena
        ("coke at jesse owens stadium", (40.0074, -83.0250), 1.0),  # Value City Arena
        ("coke at bill davis stadium", (40.0074, -83.0250), 1.0),  # Value City Arena
        ("coke at zoombezi bay", (40.1563, -83.1181), 1.0),  # Columbus Zoo and Aquarium
        ("coke at mount carmel west", (39.9580, -83.0040), 2.0),  # Scioto Mile, across the river
        ("coke at the discovery bridge columbus", (39.9580, -83.0040), 0.5),  # Scioto Mile
        ("coke at upper arlington high school", (40.0206, -83.0665), 2.0),  # Upper Arlington's town point
        ("agua cerca de scioto downs", (39.8490, -82.9960), 1.0),  # 6000 S High St
        # Charlotte
        ("coke at the evening muse", (35.2470, -80.8130), 0.4),  # NoDa
        ("coke at snug harbor charlotte", (35.2230, -80.8070), 1.0),  # Plaza Midwood
        ("coke at midwood smokehouse", (35.2230, -80.8070), 0.6),  # Plaza Midwood
        ("coke at macs speed shop", (35.2050, -80.8480), 1.6),  # Dilworth
        ("coke at halton arena", (35.3071, -80.7352), 0.4),  # UNC Charlotte
        ("coke at atkins library", (35.3071, -80.7352), 0.4),  # UNC Charlotte
        ("coke at the grand bohemian charlotte", (35.2280, -80.8420), 0.4),  # Blumenthal Performing Arts Center
        ("coke at spirit square", (35.2280, -80.8420), 0.4),  # Blumenthal Performing Arts Center
        ("coke at phillips place", (35.1530, -80.8310), 0.5),  # SouthPark Mall
        ("coke at st matthew catholic church charlotte", (35.0530, -80.8460), 3.0),  # Ballantyne
        ("coke at ardrey kell", (35.0530, -80.8460), 2.5),  # Ballantyne
        ("coke at the mecklenburg county courthouse", (35.2251, -80.8392), 0.6),  # Spectrum Center
        ("coke at city hall charlotte", (35.2251, -80.8392), 0.6),  # Spectrum Center
        ("coke at scaleybark station", (35.2050, -80.8480), 3.2),  # Dilworth
        # Indianapolis
        ("coke at harry and izzys", (39.7684, -86.1581), 0.5),  # Monument Circle
        ("coke at christ church cathedral indianapolis", (39.7684, -86.1581), 0.2),  # Monument Circle
        ("coke at rhythm discovery center", (39.7640, -86.1555), 0.6),  # Gainbridge Fieldhouse
        ("coke at the alexander hotel", (39.7640, -86.1555), 0.3),  # Gainbridge Fieldhouse
        ("coke at the chatterbox jazz club", (39.7740, -86.1500), 0.3),  # Mass Ave
        ("coke at sun king brewery", (39.7740, -86.1500), 0.8),  # Mass Ave
        ("coke at milktooth", (39.7500, -86.1400), 1.5),  # Fountain Square, up Virginia Ave
        ("coke at hi fi indy", (39.7500, -86.1400), 0.6),  # Fountain Square
        ("coke at bazbeaux", (39.8680, -86.1420), 0.3),  # Broad Ripple
        ("coke at the indianapolis art center", (39.8680, -86.1420), 0.5),  # Broad Ripple
        ("coke at white river gardens", (39.7670, -86.1800), 0.4),  # Indianapolis Zoo
        ("coke at everwise amphitheater", (39.7670, -86.1800), 1.0),  # Indianapolis Zoo
        ("coke at the uss indianapolis memorial", (39.7686, -86.1626), 1.5),  # Indiana Statehouse
        ("coke at brickyard crossing", (39.7950, -86.2350), 1.0),  # Indianapolis Motor Speedway
        ("coke at mug n bun speedway", (39.7950, -86.2350), 2.5),  # Indianapolis Motor Speedway
        ("coke at cathedral high school indianapolis", (39.8519, -86.0808), 0.3),  # 5225 E 56th St (published)
        ("coke at carmel high school", (39.9792, -86.1194), 0.3),  # 520 E Main St, Carmel (published)
        ("coke at the fashion mall keystone", (39.9113, -86.1090), 0.8),  # 86th St and Keystone Ave
        ("coke at the monon trail", (39.8680, -86.1420), 3.5),  # Broad Ripple, on the trail
        ("coke at hollyhok hill", (39.8680, -86.1420), 4.0),  # misspelt; Broad Ripple, 2.5 km down College Ave
        ("agua cerca de red key tavern", (39.8680, -86.1420), 3.0),  # Broad Ripple, down College Ave
    ],
)
def test_round14e_places(query, point, km):
    assert km_from(query, point) < km


def test_saratoga_ave_meets_stevens_creek_blvd():
    assert_corner("coke at saratoga and stevens creek san jose", (37.3233, -121.9740), 0.3)
    assert_corner("coke at saratoga ave & stevens creek blvd", (37.3233, -121.9740), 0.3)


def test_dean_keeton_crosses_guadalupe_and_red_river():
    assert_corner("coke at dean keeton and guadalupe", (30.2877, -97.7419), 0.3)
    assert_corner("coke at dean keeton st and red river st austin", (30.2880, -97.7365), 0.3)


def test_emerson_ave_meets_56th_by_cathedral_high_school():
    assert_corner("coke at 56th and emerson", (39.8519, -86.0808), 0.8)  # Cathedral High School (published)
    assert_corner("coke at emerson ave and 38th st indianapolis", (39.8253, -86.0800), 0.3)
    assert_corner("coke at emerson and washington indianapolis", (39.7690, -86.0800), 0.4)


def test_sherman_dr_crosses_the_near_east_side():
    assert_corner("coke at sherman and 21st indianapolis", (39.7990, -86.1030), 0.4)  # Martin University
    assert_corner("coke at washington and sherman indianapolis", (39.7670, -86.1032), 0.4)


def test_generic_names_stay_with_their_city():
    with pytest.raises(Unresolved):
        plan("coke at city hall")
    assert plan("coke at city hall in indianapolis").place.name.split(", ")[0] == "Indianapolis City Hall"
