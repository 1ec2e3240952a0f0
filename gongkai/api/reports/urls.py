"""API URLs of the reports module (mounted at /api/reports/, namespace api:reports)."""

app_name = "reports"
urlpatterns: list = []
