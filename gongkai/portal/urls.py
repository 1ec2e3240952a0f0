"""Public portal URLs (namespace `portal`). Each module mounts its own URLs below."""

from django.urls import include, path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("elder-mode/", views.elder_mode, name="elder_mode"),
    path("catalog/", include("gongkai.portal.catalog.urls")),
    path("apply/", include("gongkai.portal.applications.urls")),
    path("reports/", include("gongkai.portal.reports.urls")),
    path("search/", include("gongkai.portal.search.urls")),
    path("cases/", include("gongkai.portal.cases.urls")),
    path("", include("gongkai.portal.publishing.urls")),
]
