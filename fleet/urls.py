from django.urls import path

from fleet import apis

app_name = "fleet"

urlpatterns = [
    path("api/machines", apis.MachineListCreateApi.as_view(), name="machines"),
    path("api/machines/map", apis.MachineMapApi.as_view(), name="machines-map"),
    path("api/machines/bulk", apis.MachineBulkCreateApi.as_view(), name="machines-bulk"),
    path("api/machines/<uuid:machine_id>", apis.MachineDetailApi.as_view(), name="machine"),
    path("api/machines/<uuid:machine_id>/inventory", apis.MachineInventoryApi.as_view(), name="machine-inventory"),
    path("api/products", apis.ProductListApi.as_view(), name="products"),
    path("api/service/logs", apis.ServiceLogListCreateApi.as_view(), name="service-logs"),
    path("api/stats", apis.StatsApi.as_view(), name="stats"),
]
