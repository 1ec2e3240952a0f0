"""Public URLs of the search module (namespace portal:search)."""

app_name = "search"
urlpatterns: list = []
