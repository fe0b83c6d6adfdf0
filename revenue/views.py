"""The live revenue dashboard (staff only)."""

from __future__ import annotations

import json

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from revenue import selectors


@staff_member_required
def dashboard(request: HttpRequest) -> HttpResponse:
    snapshot = selectors.dashboard_snapshot()
    return render(
        request,
        "revenue/dashboard.html",
        {"snapshot_json": json.dumps(snapshot), "snapshot": snapshot, "title": "Revenue dashboard"},
    )
