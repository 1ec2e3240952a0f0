"""API URLs of the screening module (mounted at /api/screening/, namespace api:screening)."""

app_name = "screening"
urlpatterns: list = []
