import pytest
from django.urls import reverse

from search.tests.support import make_machine

pytestmark = pytest.mark.django_db

EXAMPLE = "what's the closest vending machine that has coke near West 42nd Street in New York City"


@pytest.fixture
def manhattan(redis_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        near = make_machine(
            lat=40.7570,
            lon=-73.9860,
            stock={"Cola": 3, "Root Beer": 1},
            name="Times Tower",
            location_description="Lobby",
        )
        far = make_machine(lat=40.7300, lon=-73.9950, stock={"Cola": 9, "Ginger Ale": 2})
        make_machine(lat=40.7566, lon=-73.9870, stock={"Cola": 0})  # sold out: never a result
        make_machine(lat=40.7567, lon=-73.9869, stock={"Cola": 5}, status="offline")  # offline: never a result
    return near, far


def test_it_answers_the_example_query_with_the_nearest_machine_in_stock(api_client, manhattan):
    near, far = manhattan
    response = api_client.get("/api/search", {"q": EXAMPLE})
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == EXAMPLE
    interpretation = body["interpretation"]
    assert interpretation["product"] == "Cola"
    assert interpretation["product_term"] == "coke"
    assert interpretation["parser"] == "offline"
    assert interpretation["location"]["name"] == "West 42nd St, New York"
    assert interpretation["location"]["source"] == "manhattan-grid"
    assert [r["machine"]["id"] for r in body["results"]] == [str(near.id), str(far.id)]
    first = body["results"][0]
    assert first["product"] == "Cola"
    assert first["quantity"] == 3
    assert first["machine"]["name"] == "Times Tower"
    assert first["machine"]["location_description"] == "Lobby"
    assert first["distance_km"] < 0.2
    assert first["distance_miles"] == pytest.approx(first["distance_km"] / 1.609344, abs=0.001)


def test_it_needs_no_credentials(manhattan):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_X_API_KEY="not-a-key")  # ignored, not rejected: the endpoint is public
    assert client.get("/api/search", {"q": "coke near times square"}).status_code == 200


def test_an_empty_query_is_a_400(api_client):
    for params in ({"q": ""}, {"q": "   "}, {}):
        response = api_client.get("/api/search", params)
        assert response.status_code == 400
        assert response.json()["code"] == "empty_query"
        assert "q" in response.json()["errors"]


def test_bad_parameters_are_400s(api_client):
    assert api_client.get("/api/search", {"q": "coke", "lat": "abc", "lon": "1"}).status_code == 400
    assert api_client.get("/api/search", {"q": "coke", "lat": "40"}).status_code == 400
    assert api_client.get("/api/search", {"q": "coke", "limit": "0"}).status_code == 400
    assert api_client.get("/api/search", {"q": "coke", "limit": "500"}).status_code == 400
    assert api_client.get("/api/search", {"q": "x" * 301}).status_code == 400


def test_an_unknown_product_is_a_422_that_says_which_and_suggests(api_client, redis_client):
    response = api_client.get("/api/search", {"q": "pizza near times square"})
    assert response.status_code == 422
    body = response.json()
    assert body["which"] == "product"
    assert body["code"] == "unknown_product"
    assert body["term"] == "pizza"
    assert "pizza" in body["detail"]
    assert body["suggestions"]
    assert body["errors"] == {"product": [body["detail"]]}


def test_an_unknown_place_is_a_422_never_a_guess(api_client, redis_client):
    response = api_client.get("/api/search", {"q": "coke near nowhereville"})
    assert response.status_code == 422
    assert response.json()["which"] == "location"
    assert "nowhereville" in response.json()["detail"]


def test_an_ambiguous_place_is_a_422_listing_the_cities(api_client, redis_client):
    response = api_client.get("/api/search", {"q": "coke near union station"})
    assert response.status_code == 422
    assert response.json()["code"] == "ambiguous_location"
    assert any("Denver" in s for s in response.json()["suggestions"])


def test_a_query_without_a_place_uses_the_browsers_location(api_client, manhattan):
    near, _ = manhattan
    response = api_client.get("/api/search", {"q": "coke", "lat": 40.7571, "lon": -73.9861, "limit": 1})
    assert response.status_code == 200
    body = response.json()
    assert body["interpretation"]["location"]["source"] == "browser"
    assert [r["machine"]["id"] for r in body["results"]] == [str(near.id)]


def test_a_query_without_any_place_is_a_422(api_client, redis_client):
    response = api_client.get("/api/search", {"q": "coke"})
    assert response.status_code == 422
    assert response.json()["code"] == "missing_location"


def test_an_ambiguous_product_searches_every_candidate(api_client, manhattan):
    near, far = manhattan
    response = api_client.get("/api/search", {"q": "a cold drink near times square"})
    body = response.json()
    assert response.status_code == 200
    assert body["interpretation"]["product"] is None
    assert body["interpretation"]["match"] == "ambiguous"
    assert "Root Beer" in body["interpretation"]["alternatives"]
    assert [r["machine"]["id"] for r in body["results"]] == [str(near.id), str(far.id)]


@pytest.mark.parametrize("q", ["soda near times square", "pop machine near times square", "refrescos en times square"])
def test_a_bare_soda_word_reads_as_cola_and_offers_the_other_sodas(api_client, manhattan, q):
    near, far = manhattan
    body = api_client.get("/api/search", {"q": q}).json()
    assert body["interpretation"]["product"] == "Cola"
    assert {"Root Beer", "Ginger Ale", "Diet Cola"} <= set(body["interpretation"]["alternatives"])
    assert [r["machine"]["id"] for r in body["results"]] == [str(near.id), str(far.id)]


def test_a_query_naming_no_product_finds_the_nearest_machines_with_anything_in_stock(
    api_client, manhattan, django_capture_on_commit_callbacks
):
    near, far = manhattan
    with django_capture_on_commit_callbacks(execute=True):
        with_tea = make_machine(lat=40.7582, lon=-73.9856, stock={"Green Tea": 1})  # at Times Square, only tea
    body = api_client.get("/api/search", {"q": "vending machines near times square"}).json()
    assert body["interpretation"]["product"] is None
    assert body["interpretation"]["match"] == "any"
    assert body["interpretation"]["alternatives"] == []
    ids = [r["machine"]["id"] for r in body["results"]]
    assert ids == [str(with_tea.id), str(near.id), str(far.id)]  # sold out and offline machines are never results


def test_limit_and_radius_are_honoured(api_client, manhattan):
    near, _ = manhattan
    body = api_client.get("/api/search", {"q": "coke near times square", "radius_km": 1}).json()
    assert [r["machine"]["id"] for r in body["results"]] == [str(near.id)]
    body = api_client.get("/api/search", {"q": "coke near times square", "limit": 1}).json()
    assert len(body["results"]) == 1


def test_a_stale_index_entry_is_never_shown(api_client, manhattan, redis_client):
    near, far = manhattan
    from fleet.models import Machine

    Machine.objects.filter(pk=near.pk).update(status="offline")  # behind the services' back: no event, stale index
    body = api_client.get("/api/search", {"q": "coke near times square"}).json()
    assert [r["machine"]["id"] for r in body["results"]] == [str(far.id)]


def test_the_endpoint_is_in_the_openapi_schema(api_client):
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/search"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"q", "lat", "lon", "limit", "radius_km"}
    assert {"200", "400", "422"} <= set(operation["responses"])


def test_the_endpoint_is_throttled_with_the_search_scope():
    from core.throttling import ScopedRateThrottle
    from search.apis import SearchApi

    assert SearchApi.throttle_scope == "search"
    assert ScopedRateThrottle in SearchApi.throttle_classes


def test_the_page_renders_with_its_box_and_is_linked_from_the_landing_page(client):
    response = client.get(reverse("search:page"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="q"' in html
    assert "Use my location" in html
    assert "search/search.js" in html
    assert reverse("search:page") in client.get("/").content.decode()


def test_not_a_number_is_a_400(api_client):
    for params in ({"lat": "nan", "lon": "1"}, {"lat": "1", "lon": "NaN"}, {"radius_km": "nan"}):
        response = api_client.get("/api/search", {"q": "coke near times square", **params})
        assert response.status_code == 400


def test_an_unreachable_index_is_a_503_not_a_500(api_client, redis_client, monkeypatch):
    import redis

    from fleet.catalog import PRODUCT_NAMES
    from search import selectors
    from search.index import GeoIndex

    dead = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2)
    monkeypatch.setattr(selectors, "geo_index", lambda **kw: GeoIndex(dead, PRODUCT_NAMES))
    response = api_client.get("/api/search", {"q": "coke near times square"})
    assert response.status_code == 503
    assert "unavailable" in response.json()["detail"]


def test_the_llm_parser_is_chosen_only_with_an_api_key(settings):
    from search import selectors
    from search.parsing.llm import LlmParser
    from search.parsing.offline import OfflineParser

    settings.ANTHROPIC_API_KEY = ""
    assert isinstance(selectors.parser(), OfflineParser)
    settings.ANTHROPIC_API_KEY = "sk-test"
    chosen = selectors.parser()
    assert isinstance(chosen, LlmParser)
    assert chosen.timeout <= 5.0
    assert selectors.parser() is chosen  # built once per process and key


def test_with_an_api_key_the_endpoint_answers_through_the_llm_parser(api_client, manhattan, settings, monkeypatch):
    import anthropic
    import httpx

    from search import selectors
    from search.tests.test_llm_parser import tool_reply

    near, _ = manhattan
    real = anthropic.Anthropic

    def reply(request):
        return httpx.Response(
            200,
            json=tool_reply(
                {"product_term": "a cold cola", "canonical_product": "Cola", "location_phrase": "Times Square, NYC"}
            ),
        )

    monkeypatch.setattr(
        anthropic,
        "Anthropic",
        lambda **kw: real(**kw, http_client=httpx.Client(transport=httpx.MockTransport(reply))),
    )
    monkeypatch.setitem(selectors._built, "llm", None)
    settings.ANTHROPIC_API_KEY = "sk-test"
    body = api_client.get("/api/search", {"q": "I'd love a cold cola close to Times Square, NYC"}).json()
    assert body["interpretation"]["parser"] == "llm"
    assert body["interpretation"]["product"] == "Cola"
    assert body["interpretation"]["location"]["name"] == "Times Square, New York"
    assert body["results"][0]["machine"]["id"] == str(near.id)


def test_the_response_says_how_the_place_was_resolved_and_how_sure(api_client, manhattan):
    location = api_client.get("/api/search", {"q": "coke near times square"}).json()["interpretation"]["location"]
    assert (location["resolution"], location["confidence"], location["metro"]) == ("landmark", "high", "new-york")
    location = api_client.get("/api/search", {"q": "coke 40.7527° N, 73.9772° W"}).json()["interpretation"]["location"]
    assert location["resolution"] == "coordinates"
    location = api_client.get("/api/search", {"q": "coke near tims square nyc"}).json()["interpretation"]["location"]
    assert location["confidence"] == "medium"


def test_a_refusal_says_what_was_understood_and_names_candidates(api_client, manhattan):
    body = api_client.get("/api/search", {"q": "diet coke near hogwarts castle"}).json()
    assert body["code"] == "unknown_location"
    assert body["understood"] == {"product": "Diet Cola", "place": None}
    assert "Castle, OK" in body["suggestions"][0]
    body = api_client.get("/api/search", {"q": "pizza near times square"}).json()
    assert body["understood"] == {"product": None, "place": "Times Square, New York"}
    assert "/api/" not in body["detail"]
    body = api_client.get("/api/search", {"q": "coke near union station"}).json()
    assert body["code"] == "ambiguous_location"
    assert body["understood"]["product"] == "Cola"
    assert all("km from the next" in s for s in body["suggestions"])


def test_a_cache_clear_leaves_the_index_alone(api_client, manhattan):
    from django.core.cache import cache

    cache.clear()
    assert len(api_client.get("/api/search", {"q": "coke near times square"}).json()["results"]) == 2
