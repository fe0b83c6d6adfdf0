"""The search page: one box, the interpretation as chips, results and a local plot (no map tiles)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

EXAMPLES = [
    "what's the closest vending machine that has coke near West 42nd Street in New York City",
    "diet coke at 42nd and 8th",
    "red bull near Union Station, Denver",
    "tic tacs by Pike Place Market",
    "something salty near the Alamo",
]


def search_page(request: HttpRequest) -> HttpResponse:
    return render(request, "search/page.html", {"examples": EXAMPLES, "q": request.GET.get("q", "")[:300]})
