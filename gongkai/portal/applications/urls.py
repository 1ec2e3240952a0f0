"""Public URLs of the applications module (namespace portal:applications)."""

app_name = "applications"
urlpatterns: list = []
