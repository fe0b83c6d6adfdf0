"""Root URLs. Each app's `urls.py` carries its full paths (`api/...`, pages), included at the root."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.renderers import OpenApiJsonRenderer2
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from core import views as core_views

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
urlpatterns.append(path("favicon.ico", RedirectView.as_view(url=static("core/favicon.svg"))))
# Last: any other API path answers the JSON 404, under DEBUG too (see core.views.api_not_found).
urlpatterns.append(re_path(r"^(?:api|query)/(?P<rest>.*)$", core_views.api_not_found))

admin.site.site_header = "Vendomo administration"
admin.site.site_title = "Vendomo admin"
admin.site.index_title = "Platform"

handler404 = "core.views.not_found"
handler500 = "core.views.server_error"
