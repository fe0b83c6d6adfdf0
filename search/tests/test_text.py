from search.parsing.text import extract_numbers, key, normalise, singular


def test_it_normalises_case_punctuation_and_apostrophes():
    assert normalise("Hershey’s, PLEASE!") == "hersheys please"
    assert normalise("Coca-Cola") == "coca cola"
    assert key("M&M's") == key("m&ms") == "m&m"


def test_it_makes_plurals_singular_without_touching_short_words():
    assert key("cookies") == key("cookie")
    assert key("gummies") == key("gummy")
    assert singular("pretzels") == "pretzel"
    assert singular("gas") == "gas"
    assert singular("glass") == "glass"


def test_it_extracts_explicit_coordinates():
    found = extract_numbers("water at 40.7506,-73.9935 please")
    assert found.coordinates == (40.7506, -73.9935)
    assert "40.75" not in found.text


def test_it_ignores_coordinates_out_of_range():
    assert extract_numbers("coke at 95.123, 200.456").coordinates is None


def test_it_extracts_a_result_count_and_a_radius():
    found = extract_numbers("top 3 machines with red bull within 2 miles of times square")
    assert found.limit == 3
    assert abs(found.radius_km - 3.218688) < 1e-6
    assert extract_numbers("coke within 500 m").radius_km == 0.5
    assert extract_numbers("coke within 5 blocks").radius_km == 0.4


def test_it_does_not_read_a_brand_number_as_a_count():
    assert extract_numbers("3 musketeers near times square").limit is None
    assert extract_numbers("7 up near the bean").limit is None
