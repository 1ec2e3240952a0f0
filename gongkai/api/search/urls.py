"""API URLs of the search module (mounted at /api/search/, namespace api:search)."""

app_name = "search"
urlpatterns: list = []
