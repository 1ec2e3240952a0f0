"""API URLs of the applications module (mounted at /api/applications/, namespace api:applications)."""

app_name = "applications"
urlpatterns: list = []
