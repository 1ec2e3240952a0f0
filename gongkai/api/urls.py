"""JSON API URLs (namespace `api`). Each module mounts its own endpoints below."""

from django.urls import include, path

app_name = "api"

MODULES = ("catalog", "publishing", "screening", "applications", "reports", "search")

urlpatterns = [path(f"{module}/", include(f"gongkai.api.{module}.urls")) for module in MODULES]
