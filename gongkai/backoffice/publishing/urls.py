"""URLs of the back-office publishing pages (mounted at /backoffice/publishing/, namespace backoffice:publishing)."""

app_name = "publishing"
urlpatterns: list = []
