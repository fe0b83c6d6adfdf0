"""Issue 16, fourteenth round (blocks "venues.tsv round 14d" and "streets.tsv round 14d"): casinos, arenas and music
halls, hospitals, colleges and high schools, malls, museums, restaurants, a bridge, a plaza and stations of Phoenix,
Dallas, Atlanta, Las Vegas and San Antonio that neither "coke at <name>" nor "coke at <name> <city>" placed within the
kind's tolerance, three points corrected (Toyota Field, Bishop Gorman High School, Phil Hardberger Park), and Dallas's
Walnut Hill Ln, Royal Ln and Forest Ln. Queries are written as people type them (with and without the city, short
names, a few in Spanish, a few misspelt); each expected point is something that stands at or beside the place (a corner
of the section-line grid, a neighbouring venue, station or building), written apart from its row, with a tolerance fit
to how far that neighbour stands."""

import pytest

from search.interpret import Unresolved
from search.tests.offline import assert_corner, km_from, plan


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        # Phoenix
        ("coke at casino arizona", (33.4515, -111.8900), 1.2),  # Loop 101 (Pima Fwy) at McKellips Rd
        ("coke at the vig arcadia", (33.4950, -111.9960), 0.4),  # 40th St and Indian School Rd
        ("coke at bobby q phoenix", (33.5530, -112.1170), 0.8),  # 27th Ave and Northern Ave
        ("coke at the clarendon hotel", (33.4875, -112.0740), 0.6),  # Central Ave and Osborn Rd
        ("coke at the van buren phoenix", (33.4515, -112.0740), 0.7),  # Van Buren St and Central Ave
        ("coke at idea museum mesa", (33.4150, -111.8316), 0.5),  # Mesa Arts Center
        ("coke at chandler center for the arts", (33.3060, -111.8413), 0.6),  # Chandler Blvd and Arizona Ave
        ("coke at asu poly", (33.3078, -111.6556), 2.5),  # Phoenix-Mesa Gateway Airport, east of the campus
        ("agua cerca de wesley bolin plaza", (33.4481, -112.0970), 0.5),  # Arizona State Capitol
        ("coke at desert diamond casino west valley", (33.5530, -112.2530), 1.2),  # Northern Ave and 91st Ave
        ("coke at ak chin pavilion", (33.4660, -112.2370), 1.0),  # McDowell Rd and 83rd Ave
        ("coke at cgcc", (33.2930, -111.7890), 1.0),  # Pecos Rd and Gilbert Rd
        ("coke at glendale arena", (33.5330, -112.2600), 0.5),  # Westgate Entertainment District
        ("coke at pioneer and military memorial park", (33.4468, -112.0920), 0.5),  # Jefferson St and 15th Ave
        ("coke at san tan village gilbert", (33.3075, -111.7550), 1.5),  # Williams Field Rd and Val Vista Dr
        # Dallas
        ("coke at hockaday", (32.9090, -96.8230), 0.8),  # Forest Ln and Inwood Rd
        ("coke at valley view mall", (32.9270, -96.8040), 0.5),  # Preston Rd at LBJ Freeway
        ("coke at riders field frisco", (33.0990, -96.8110), 1.2),  # Stonebriar Centre
        ("coke at collin creek mall", (33.0197, -96.7000), 1.5),  # Central Expy and 15th St, Plano
        ("coke at cityplace station", (32.8025, -96.7940), 0.5),  # CityPlace Tower
        ("coke at sparkman hillcrest", (32.8650, -96.7870), 0.4),  # Northwest Hwy and Hillcrest Ave
        ("coke at dos equis pavilion", (32.7794, -96.7597), 1.2),  # Cotton Bowl, Fair Park
        ("coke at hurricane harbor arlington", (32.7550, -97.0700), 1.5),  # Six Flags Over Texas
        ("refresco cerca de medical city plano", (33.0197, -96.7700), 0.8),  # 15th St and Coit Rd
        ("coke at booker t washington high school dallas", (32.7900, -96.7980), 0.5),  # Meyerson Symphony Center
        ("coke at mesquite rodeo", (32.7650, -96.6290), 1.0),  # I-635 at Scyene Rd
        # Atlanta
        ("coke at big bethel ame church", (33.7550, -84.3800), 0.5),  # Sweet Auburn Curb Market
        ("coke at center stage atlanta", (33.7893, -84.3872), 0.6),  # Arts Center station
        ("coke at swan house", (33.8420, -84.3860), 0.6),  # Atlanta History Center
        ("coke at the shrine of the immaculate conception", (33.7490, -84.3880), 0.5),  # Georgia State Capitol
        ("coke at garnett station", (33.7539, -84.3915), 0.8),  # Five Points station
        ("coke at decatur high school", (33.7748, -84.2963), 0.7),  # Decatur square (Old Courthouse)
        # the school's published point (round 15c; the corner of Glenwood Ave and Moreland Ave first used here was
        # from memory and stands 1.2 km east of it, so the moved row no longer falls within 1 km of that corner)
        ("coke at maynard jackson high school", (33.739112, -84.36181), 0.5),
        ("coke at the mlk birth home", (33.7550, -84.3740), 0.5),  # Ebenezer Baptist Church
        # Las Vegas
        ("coke at brooklyn bowl las vegas", (36.1176, -115.1683), 0.4),  # High Roller
        ("coke at the colosseum", (36.1162, -115.1745), 0.4),  # Caesars Palace
        ("coke at dolby live", (36.1029, -115.1784), 0.5),  # T-Mobile Arena
        ("coke at grand canal shoppes", (36.1212, -115.1697), 0.4),  # The Venetian
        ("coke at miracle mile shops", (36.1125, -115.1707), 0.5),  # Paris Las Vegas
        ("coke at discovery childrens museum", (36.1700, -115.1530), 0.4),  # Smith Center
        ("coke at guardian angel cathedral", (36.1265, -115.1657), 0.8),  # Wynn Las Vegas
        ("coke at city national arena", (36.1560, -115.3330), 0.8),  # Red Rock Casino, across Charleston Blvd
        ("coke at bishop gorman high school", (36.0715, -115.3170), 1.5),  # Sunset Rd and Hualapai Way
        ("coke at clark county library las vegas", (36.1150, -115.1360), 0.5),  # Flamingo Rd and Maryland Pkwy
        ("coke at southern hills hospital", (36.0715, -115.2990), 0.6),  # Sunset Rd and Fort Apache Rd
        # San Antonio
        ("coke at toyota field", (29.5390, -98.3920), 0.5),  # Morgan's Wonderland, across David Edwards Dr
        ("coke at hardberger park", (29.5560, -98.5150), 1.5),  # Blanco Rd at Wurzbach Pkwy
        # the bridge at its published point (bridgehunter.com, round 15k), 1.5 km north of the Alamodome that was
        # expected here within 1.3 km
        ("coke at hays street bridge", (29.4302, -98.4777), 0.5),
        ("coke at magik theatre", (29.4188, -98.4836), 0.6),  # Tower of the Americas
        ("coke at bohanans", (29.4260, -98.4861), 0.6),  # The Alamo
        ("refresco cerca de la margarita san antonio", (29.4260, -98.4990), 0.4),  # Mi Tierra, Market Square
        ("coke at the espee", (29.4169, -98.4789), 0.8),  # Alamodome
    ],
)
def test_round14d_places(query, point, km):
    assert km_from(query, point) < km


@pytest.mark.parametrize(
    ("query", "point", "km"),
    [
        ("coke at hockday school dallas", (32.9090, -96.8230), 0.8),  # Forest Ln and Inwood Rd
        ("coke at the coloseum las vegas", (36.1162, -115.1745), 0.4),  # Caesars Palace
        ("coke at guardian angle cathedral las vegas", (36.1265, -115.1657), 0.8),  # Wynn Las Vegas
    ],
)
def test_round14d_misspelt(query, point, km):
    assert km_from(query, point) < km


def test_walnut_hill_royal_and_forest_cross_preston_and_inwood():
    assert_corner("coke at walnut hill and preston", (32.8808, -96.8037), 0.3)
    assert_corner("coke at royal ln and inwood rd dallas", (32.8946, -96.8232), 0.3)
    assert_corner("agua cerca de forest y preston", (32.9095, -96.8034), 0.3)  # Preston Forest Village
    assert_corner("snacks at walnut hill ln & inwood rd", (32.8807, -96.8232), 0.3)


def test_royal_ln_leaves_new_orleans_royal_st_alone():
    place = plan("coke at royal and canal").place
    assert place.kind == "corner" and place.metro == "new-orleans", place


def test_scoped_names_need_their_city():
    for query in ("coke at the cove", "coke at the clarendon"):
        with pytest.raises(Unresolved):
            plan(query)
    assert plan("coke at the cove san antonio").place.metro == "san-antonio"
