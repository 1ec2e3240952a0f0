"""Public URLs of the publishing module (namespace portal:publishing)."""

app_name = "publishing"
urlpatterns: list = []
