"""Root URLs. Each app's `urls.py` carries its full paths (`api/...`, pages), included at the root."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.renderers import OpenApiJsonRenderer2
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    path("docs", SpectacularSwaggerView.as_view(url_name="schema"), name="docs-alias"),  # Vendomo API paths
    path("openapi.json", SpectacularAPIView.as_view(renderer_classes=[OpenApiJsonRenderer2]), name="openapi-json"),
    path("", include("core.urls")),
    path("", include("accounts.urls")),
    path("", include("fleet.urls")),
    path("", include("revenue.urls")),
    path("", include("search.urls")),
    path("", include("clicks.urls")),
    path("", include("vectordb.urls")),
    path("", include("vectordb.pipeline_urls")),
    path("", include("threads.urls")),
]

admin.site.site_header = "Vendomo administration"
admin.site.site_title = "Vendomo admin"
admin.site.index_title = "Platform"

handler404 = "core.views.not_found"
handler500 = "core.views.server_error"
