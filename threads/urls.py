app_name = "threads"

urlpatterns: list = []
