"""URLs of the back-office applications pages (namespace backoffice:applications)."""

app_name = "applications"
urlpatterns: list = []
