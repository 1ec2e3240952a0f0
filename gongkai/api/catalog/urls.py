"""API URLs of the catalog module (mounted at /api/catalog/, namespace api:catalog)."""

app_name = "catalog"
urlpatterns: list = []
