from fleet.catalog import METROS
from search.evaluation import evaluate, load_cases
from search.geo.gazetteer import Gazetteer, haversine_km
from search.parsing.offline import OfflineParser
from search.parsing.products import ProductResolver
from search.parsing.semantic import LexicalMatcher


def test_the_evaluation_set_has_150_queries_over_all_30_metros():
    cases = load_cases()
    assert len(cases) >= 150
    assert len({c.query for c in cases}) == len(cases)
    covered = set()
    for case in cases:
        if case.expects_refusal:
            continue
        for metro in METROS:
            if haversine_km((case.latitude, case.longitude), (metro.latitude, metro.longitude)) < 30:
                covered.add(metro.name)
    assert covered == {m.name for m in METROS}


def test_the_offline_parser_meets_its_accuracy_goals():
    gazetteer = Gazetteer()
    outcomes = evaluate(OfflineParser(gazetteer, ProductResolver(LexicalMatcher())), gazetteer)
    products = sum(o.product_ok() for o in outcomes) / len(outcomes)
    located = sum(o.location_ok(2.0) for o in outcomes) / len(outcomes)
    assert products >= 0.95
    assert located >= 0.90


def test_the_evaluation_set_has_expected_refusals_and_no_silent_wrong_place():
    gazetteer = Gazetteer()
    outcomes = evaluate(OfflineParser(gazetteer, ProductResolver(LexicalMatcher())), gazetteer)
    refusals = [o for o in outcomes if o.case.expects_refusal]
    assert len(refusals) >= 5
    assert all(o.location_ok(2.0) for o in refusals)
    assert not [o.case.query for o in outcomes if o.silent_wrong(2.0)]
