"""Back-office URLs (namespace `backoffice`). Each module mounts its own URLs below."""

from django.urls import include, path

from . import views
from .system import views as system_views

app_name = "backoffice"

MODULES = (
    "catalog",
    "publishing",
    "screening",
    "applications",
    "reports",
    "search",
    "services",
    "villages",
    "engagement",
    "oversight",
    "cases",
)

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("", views.home, name="home"),
    path("audit/", views.audit, name="audit"),
    path("password/", views.own_password, name="password"),
    path("settings/", system_views.hub, name="settings"),
    path("settings/", include("gongkai.backoffice.system.urls")),
    path("settings/tokens/", include("gongkai.backoffice.tokens.urls")),
    path("opendata/", include("gongkai.backoffice.opendata.urls")),
    path("notifications/", include("gongkai.backoffice.notifications.urls")),
    *[path(f"{module}/", include(f"gongkai.backoffice.{module}.urls")) for module in MODULES],
]
