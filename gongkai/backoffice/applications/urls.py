"""URLs of the back-office applications pages (mounted at /backoffice/applications/, namespace backoffice:applications)."""

app_name = "applications"
urlpatterns: list = []
