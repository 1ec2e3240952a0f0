"""Top-level URLs: the public portal at /, the back office at /backoffice/, the JSON API at /api/."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("backoffice/", include("gongkai.backoffice.urls")),
    path("api/", include("gongkai.api.urls")),
    path("django-admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("gongkai.portal.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
