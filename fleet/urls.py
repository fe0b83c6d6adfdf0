from django.urls import path, re_path

from fleet import apis

app_name = "fleet"

urlpatterns = [
    path("api/machines", apis.MachineListCreateApi.as_view(), name="machines"),
    path("api/machines/map", apis.MachineMapApi.as_view(), name="machines-map"),
    path("api/machines/markers", apis.MachineMarkersApi.as_view(), name="machines-markers"),
    path("api/machines/bulk", apis.MachineBulkCreateApi.as_view(), name="machines-bulk"),
    path("api/machines/<str:machine_id>", apis.MachineDetailApi.as_view(), name="machine"),
    path("api/machines/<str:machine_id>/inventory", apis.MachineInventoryApi.as_view(), name="machine-inventory"),
    path("api/products", apis.ProductListApi.as_view(), name="products"),
    path("api/service/logs", apis.ServiceLogListCreateApi.as_view(), name="service-logs"),
    path("api/service/logs/page", apis.ServiceLogPageApi.as_view(), name="service-logs-page"),
    path("api/stats", apis.StatsApi.as_view(), name="stats"),
    path("api/stats/overview", apis.StatsOverviewApi.as_view(), name="stats-overview"),
    re_path(
        r"^(?P<path>api/(?:machines(?:/[^/]+)?|service/logs|stats|products|health))/$",
        apis.drop_trailing_slash,
        name="drop-trailing-slash",
    ),
]
