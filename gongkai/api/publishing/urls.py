"""API URLs of the publishing module (mounted at /api/publishing/, namespace api:publishing)."""

app_name = "publishing"
urlpatterns: list = []
