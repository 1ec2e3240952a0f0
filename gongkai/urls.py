"""Top-level URLs: the public portal at /, the back office at /backoffice/, the typed JSON API at /api/v1/."""

from django.contrib import admin
from django.urls import include, path

from gongkai.api.legacy import moved as api_moved
from gongkai.api.v1 import api as api_v1

urlpatterns = [
    path("backoffice/", include("gongkai.backoffice.urls")),
    path("api/v1/", api_v1.urls),
    path("api/<path:rest>", api_moved, name="api-moved"),
    path("django-admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("gongkai.portal.urls")),
]

# MEDIA_ROOT is never served directly, not even in debug: attachments and generated files go through views
# that check the public selector or the staff member's access.

# Styled error pages under production settings (DEBUG off): the site header, an explanation and a way back.
handler403 = "gongkai.portal.errors.permission_denied"
handler404 = "gongkai.portal.errors.page_not_found"
handler500 = "gongkai.portal.errors.server_error"
