"""The LLM parser against a faked Anthropic HTTP transport (no network)."""

import json

import anthropic
import httpx

from search.geo.gazetteer import Gazetteer
from search.parsing.llm import TOOL_NAME, LlmParser
from search.parsing.offline import OfflineParser
from search.parsing.products import ProductResolver
from search.parsing.semantic import LexicalMatcher

gazetteer = Gazetteer()
resolver = ProductResolver(LexicalMatcher())
offline = OfflineParser(gazetteer, resolver)


class DictCache:
    def __init__(self):
        self.data = {}

    def get(self, key):
        return self.data.get(key)

    def set(self, key, value, timeout=None):
        self.data[key] = value


def tool_reply(tool_input: dict) -> dict:
    return {
        "id": "msg_test",
        "type": "message",
        "role": "assistant",
        "model": "claude-test",
        "content": [{"type": "tool_use", "id": "toolu_1", "name": TOOL_NAME, "input": tool_input}],
        "stop_reason": "tool_use",
        "stop_sequence": None,
        "usage": {"input_tokens": 10, "output_tokens": 10},
    }


def make_parser(handler, cache=None):
    calls = []

    def recorded(request: httpx.Request) -> httpx.Response:
        calls.append(json.loads(request.content))
        return handler(request)

    client = anthropic.Anthropic(
        api_key="test-key", max_retries=0, http_client=httpx.Client(transport=httpx.MockTransport(recorded))
    )
    parser = LlmParser(
        client=client, model="claude-test", fallback=offline, resolver=resolver, gazetteer=gazetteer, cache=cache
    )
    return parser, calls


def test_it_uses_the_models_tool_call():
    parser, calls = make_parser(
        lambda r: httpx.Response(
            200,
            json=tool_reply(
                {
                    "product_term": "a coke",
                    "canonical_product": "Cola",
                    "location_phrase": "West 42nd Street, New York City",
                    "result_count": 3,
                    "radius_km": 2,
                }
            ),
        )
    )
    parsed = parser.parse("closest machine with a coke near West 42nd Street in NYC, top 3 within 2 km")
    assert parsed.parser == "llm"
    assert parsed.product.product == "Cola"
    assert parsed.location_phrase == "West 42nd Street, New York City"
    assert parsed.limit == 3
    assert parsed.radius_km == 2.0
    request = calls[0]
    assert request["tool_choice"] == {"type": "tool", "name": TOOL_NAME}
    assert request["model"] == "claude-test"
    assert "Cola" in request["tools"][0]["input_schema"]["properties"]["canonical_product"]["enum"]


def test_it_falls_back_to_the_offline_parser_when_the_api_fails():
    parser, _ = make_parser(
        lambda r: httpx.Response(529, json={"type": "error", "error": {"type": "overloaded_error"}})
    )
    parsed = parser.parse("sprite near times square")
    assert parsed.parser == "offline"
    assert parsed.product.product == "Lemon-Lime Soda"
    assert parsed.location_phrase == "times square"
    assert any("LLM unavailable" in note for note in parsed.notes)


def test_it_falls_back_when_the_transport_times_out():
    def timeout(request):
        raise httpx.ReadTimeout("slow", request=request)

    parser, _ = make_parser(timeout)
    assert parser.parse("coke in chicago").parser == "offline"


def test_it_falls_back_when_the_model_does_not_call_the_tool():
    reply = tool_reply({})
    reply["content"] = [{"type": "text", "text": "I think you want a coke."}]
    reply["stop_reason"] = "end_turn"
    parser, _ = make_parser(lambda r: httpx.Response(200, json=reply))
    assert parser.parse("coke in chicago").parser == "offline"


def test_a_product_outside_the_catalog_is_not_trusted():
    parser, _ = make_parser(
        lambda r: httpx.Response(
            200,
            json=tool_reply(
                {"product_term": "coke", "canonical_product": "Coca-Cola Classic", "location_phrase": "Chicago"}
            ),
        )
    )
    parsed = parser.parse("coke in chicago")
    assert parsed.product.product == "Cola"  # from the offline resolver of the term
    assert any("not in the catalog" in note for note in parsed.notes)


def test_a_place_the_gazetteer_does_not_know_is_replaced_by_the_offline_reading():
    parser, _ = make_parser(
        lambda r: httpx.Response(
            200,
            json=tool_reply(
                {
                    "product_term": "coke",
                    "canonical_product": "Cola",
                    "location_phrase": "Atlantis",
                    "latitude": 1.0,
                    "longitude": 2.0,
                }
            ),
        )
    )
    parsed = parser.parse("coke near the bean")
    assert parsed.location_phrase == "the bean"
    assert any("not in the gazetteer" in note for note in parsed.notes)


def test_answers_are_cached_by_normalised_query():
    cache = DictCache()
    parser, calls = make_parser(
        lambda r: httpx.Response(
            200, json=tool_reply({"product_term": "coke", "canonical_product": "Cola", "location_phrase": "Chicago"})
        ),
        cache=cache,
    )
    parser.parse("Coke in Chicago!")
    parser.parse("coke in chicago")
    assert len(calls) == 1
    assert parser.cache_key("Coke in Chicago!") == parser.cache_key("coke   in chicago")


def _llm_place(query, lat, lon, phrase):
    from search.interpret import interpret

    parser, _ = make_parser(
        lambda r: httpx.Response(
            200,
            json=tool_reply(
                {"product_term": "coke", "canonical_product": "Cola", "location_phrase": phrase, "latitude": lat,
                 "longitude": lon}
            ),
        )
    )  # fmt: skip
    return interpret(parser.parse(query), gazetteer)


def test_the_model_may_place_what_the_gazetteer_lacks_inside_the_named_metro():
    plan = _llm_place("coke near the wizard tower in denver", 39.7392, -104.9903, "wizard tower denver")
    assert plan.place.point == (39.7392, -104.9903)
    assert plan.place.metro == "denver"
    assert plan.place.source == "llm (inside Denver, CO)"
    assert plan.place.confidence == "medium"


def test_the_models_point_outside_the_named_metro_is_refused():
    import pytest

    from search.interpret import Unresolved

    with pytest.raises(Unresolved) as caught:
        _llm_place("coke near the wizard tower in denver", 40.7128, -74.0060, "wizard tower denver")  # New York
    assert caught.value.which == "location"
    assert caught.value.understood["product"] == "Cola"
