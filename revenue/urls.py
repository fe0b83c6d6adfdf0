from django.urls import path

from revenue import apis, views

app_name = "revenue"

urlpatterns = [
    path("dashboard/revenue/", views.dashboard, name="dashboard"),
    path("api/revenue/summary", apis.SummaryApi.as_view(), name="summary"),
    path("api/revenue/machines", apis.MachinesApi.as_view(), name="machines"),
    path("api/revenue/regions", apis.RegionsApi.as_view(), name="regions"),
    path("api/revenue/products", apis.ProductsApi.as_view(), name="products"),
    path("api/revenue/timeseries", apis.TimeseriesApi.as_view(), name="timeseries"),
]
