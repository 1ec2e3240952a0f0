"""URLs of the back-office reports pages (mounted at /backoffice/reports/, namespace backoffice:reports)."""

app_name = "reports"
urlpatterns: list = []
