"""URLs of the back-office search pages (mounted at /backoffice/search/, namespace backoffice:search)."""

app_name = "search"
urlpatterns: list = []
