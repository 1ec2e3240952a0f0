"""Public URLs of the reports module (namespace portal:reports)."""

app_name = "reports"
urlpatterns: list = []
