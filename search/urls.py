from django.urls import path

from search import apis, views

app_name = "search"

urlpatterns = [
    path("api/search", apis.SearchApi.as_view(), name="api"),
    path("search/", views.search_page, name="page"),
]
