"""Public portal URLs (namespace `portal`). Each module mounts its own URLs below."""

from django.urls import include, path

from . import organizations, site, views
from .opendata import views as opendata_views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("elder-mode/", views.elder_mode, name="elder_mode"),
    path("language/", views.language, name="language"),
    path("robots.txt", site.robots_txt, name="robots_txt"),
    path("sitemap/", site.sitemap_page, name="sitemap_page"),
    path("site-error/", site.site_error, name="site_error"),
    path("site-error/thanks/", site.site_error_thanks, name="site_error_thanks"),
    path("organizations/", organizations.directory, name="organizations"),
    path("organizations/<int:organization_id>/", organizations.profile, name="organization"),
    path("catalog/", include("gongkai.portal.catalog.urls")),
    path("apply/", include("gongkai.portal.applications.urls")),
    path("reports/", include("gongkai.portal.reports.urls")),
    path("statistics/", include("gongkai.portal.statistics.urls")),
    path("search/", include("gongkai.portal.search.urls")),
    path("services/", include("gongkai.portal.services.urls")),
    path("villages/", include("gongkai.portal.villages.urls")),
    path("engagement/", include("gongkai.portal.engagement.urls")),
    path("oversight/", include("gongkai.portal.oversight.urls")),
    path("cases/", include("gongkai.portal.cases.urls")),
    path("data/", include("gongkai.portal.opendata.urls")),
    path("data.json", opendata_views.data_json, name="data_json"),
    path("share/", include("gongkai.portal.sharing.urls")),
    path("hot/", include("gongkai.portal.hot.urls")),
    path("kiosk/", include("gongkai.portal.kiosk.urls")),
    path("", include("gongkai.portal.publishing.urls")),
]
