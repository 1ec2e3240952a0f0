"""URLs of the back-office catalog pages (mounted at /backoffice/catalog/, namespace backoffice:catalog)."""

app_name = "catalog"
urlpatterns: list = []
