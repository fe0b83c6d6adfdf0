from django.urls import path

from clicks import apis

app_name = "clicks"

urlpatterns = [
    path("api/clicks/", apis.ClicksIndexApi.as_view(), name="index"),
    path("api/clicks/save_click_and_predict_cluster", apis.SaveClickApi.as_view(), name="save"),
    path("api/clicks/predict_cluster", apis.PredictClusterApi.as_view(), name="predict"),
    path("api/clicks/new_click", apis.NewClickApi.as_view(), name="new-click"),
    path("api/clicks/predict_click", apis.PredictClickApi.as_view(), name="predict-click"),
    path("api/clicks/pages/<path:page_uuid>/clusters", apis.PageClustersApi.as_view(), name="page-clusters"),
]
