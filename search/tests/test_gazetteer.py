import pytest

from fleet.catalog import METROS
from search.geo.airports import METRO_RADIUS_KM
from search.geo.gazetteer import Gazetteer, PlaceAmbiguous, PlaceNotFound, haversine_km

gazetteer = Gazetteer()


def test_it_knows_the_30_fleet_metros_at_the_fleets_centroids():
    assert len(gazetteer.metros) == 30
    ours = {(m.city, m.state): (m.latitude, m.longitude) for m in gazetteer.metros.values()}
    for metro in METROS:
        assert ours[(metro.name, metro.state)] == (metro.latitude, metro.longitude)


def test_every_metro_has_landmarks_and_every_landmark_lies_in_its_metro():
    per_metro = {}
    for place in gazetteer.places:
        per_metro[place.metro] = per_metro.get(place.metro, 0) + 1
        metro = gazetteer.metros[place.metro]
        bound = METRO_RADIUS_KM  # a metro's reach: its airports, and venues such as Gillette Stadium (34 km)
        assert haversine_km(place.point, (metro.latitude, metro.longitude)) < bound, place
    assert set(per_metro) == set(gazetteer.metros)
    assert min(per_metro.values()) >= 14


@pytest.mark.parametrize(
    ("phrase", "name", "point"),
    [
        ("times square", "Times Square, New York", (40.7580, -73.9855)),
        ("west 42nd street in new york city", "West 42nd St, New York", (40.7566, -73.9870)),
        ("union station denver", "Union Station, Denver", (39.7530, -105.0002)),
        ("the bean", "Cloud Gate, Chicago", (41.8827, -87.6233)),
        ("minute maid park", "Minute Maid Park, Houston", (29.7573, -95.3555)),
        ("16th street mall", "16th Street Mall, Denver", (39.7475, -104.9930)),
        ("chicago", "Chicago, IL", (41.8781, -87.6298)),
        ("in philly", "Philadelphia, PA", (39.9526, -75.1652)),
    ],
)
def test_it_geocodes_landmarks_streets_and_metros(phrase, name, point):
    place = gazetteer.geocode(phrase)
    assert place.name == name
    assert haversine_km(place.point, point) < 0.3


def test_it_geocodes_zip_codes_and_us_cities_from_the_zipcodes_package():
    assert gazetteer.geocode("10036").name.startswith("10036 (New York, NY)")
    assert gazetteer.geocode("springfield il").name == "Springfield, IL"
    assert gazetteer.geocode("portland maine").name == "Portland, ME"
    assert gazetteer.geocode("boise").name == "Boise, ID"


def test_a_landmark_in_several_cities_asks_which():
    with pytest.raises(PlaceAmbiguous) as caught:
        gazetteer.geocode("union station")
    assert "Denver" in caught.value.message
    assert len(caught.value.suggestions) >= 5


def test_a_landmark_in_several_cities_takes_the_nearest_to_the_user():
    place = gazetteer.geocode("union station", near=(39.74, -104.99))
    assert place.metro == "denver"


def test_a_misspelt_landmark_is_found():
    place = gazetteer.geocode("tims square nyc")
    assert place.name == "Times Square, New York"
    assert place.source == "gazetteer:fuzzy"


def test_an_unknown_place_is_refused_with_a_clear_message():
    with pytest.raises(PlaceNotFound) as caught:
        gazetteer.geocode("nowhereville")
    assert "could not find 'nowhereville'" in caught.value.message


def test_a_place_unknown_in_the_named_city_is_refused_not_moved():
    with pytest.raises(PlaceNotFound) as caught:
        gazetteer.geocode("union station in seattle")
    assert "Seattle" in caught.value.message


def test_a_nonexistent_zip_code_is_refused():
    with pytest.raises(PlaceNotFound):
        gazetteer.geocode("00000")
