app_name = "vectordb"

urlpatterns: list = []
