from io import StringIO

import pytest
from django.core.management import call_command

from search.services import geo_index
from search.tests.support import make_machine


@pytest.mark.django_db
def test_rebuild_search_index_rebuilds_from_the_database(redis_client):
    make_machine(lat=40.75, lon=-73.99, stock={"Cola": 2, "Gum": 1, "Mints": 0})
    redis_client.flushdb()
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Search index rebuilt: 2 entries" in out.getvalue()
    assert geo_index().size()["Gum"] == 1


def test_evaluate_search_prints_the_accuracy(tmp_path):
    cases = tmp_path / "cases.tsv"
    cases.write_text("coke near times square\tCola\t40.7580\t-73.9855\tTimes Square\n"
                     "pizza in chicago\tCola\t41.8781\t-87.6298\tChicago\n")  # fmt: skip
    out = StringIO()
    call_command("evaluate_search", "--file", str(cases), "--parser", "offline", "--show-failures", stdout=out)
    text = out.getvalue()
    assert "products right:  1/2 = 50.0%" in text
    assert "places right (within 2 km): 1/2 = 50.0%" in text
    assert "MISS 'pizza in chicago'" in text


def test_evaluate_search_reports_the_repository_set_and_the_held_out_set_separately():
    out = StringIO()
    call_command("evaluate_search", "--parser", "offline", stdout=out)
    text = out.getvalue()
    assert "queries.tsv: parser offline; 189 queries" in text
    assert "heldout.tsv: parser offline; 104 queries" in text
    assert "blind1_dev.tsv: parser offline; 106 queries" in text
    assert "heldout2.tsv: parser offline; 51 queries" in text
    assert "silent wrong places (confidence high):" in text
    assert "places right (within the tolerance of its kind)" in text


def test_evaluate_search_counts_places_right_by_kind_without_listing_the_misses(tmp_path):
    cases = tmp_path / "cases.tsv"
    cases.write_text("coke near times square\tCola\t40.7580\t-73.9855\tTimes Square\tlandmark\n"
                     "coke at 40.7580,-73.9855\tCola\t40.7580\t-73.9855\ttyped\tcoordinates\n"
                     "cola in gotham city\tCola\t-\t-\tunknown: fictional\trefuse\n"
                     "cola near the wrong spot\tCola\t34.0\t-118.0\tfar from any answer\tlandmark\n")  # fmt: skip
    out = StringIO()
    call_command("evaluate_search", "--file", str(cases), "--parser", "offline", stdout=out)
    text = out.getvalue()
    assert "places right by kind: coordinates 1/1, landmark 1/2, refuse 1/1" in text
    assert "MISS" not in text
