"""URLs of the back-office screening pages (mounted at /backoffice/screening/, namespace backoffice:screening)."""

app_name = "screening"
urlpatterns: list = []
