app_name = "clicks"

urlpatterns: list = []
