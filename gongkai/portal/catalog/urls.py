"""Public URLs of the catalog module (namespace portal:catalog)."""

app_name = "catalog"
urlpatterns: list = []
