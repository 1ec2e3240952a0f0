"""Public URLs of the services module (namespace portal:services): guides, packages, 一件事 and the site map."""

from django.urls import path

from . import views

app_name = "services"
urlpatterns = [
    path("", views.index, name="index"),
    path("guides/", views.guides, name="guides"),
    path("guides/<str:org>/<str:code>/", views.guide, name="guide"),
    path("guides/<str:org>/<str:code>/guide.pdf", views.guide_pdf, name="guide_pdf"),
    path("guides/<str:org>/<str:code>/seen.gif", views.guide_seen, name="guide_seen"),
    path("packages/<slug:slug>/", views.package, name="package"),
    path("one-thing/<slug:slug>/", views.composite, name="composite"),
    path("time-limits/", views.time_limits, name="time_limits"),
    path("sites/", views.sites, name="sites"),
    path("sites/<int:site_id>/", views.site, name="site"),
    path("sites/<int:site_id>/photos/<int:photo_id>/", views.site_photo, name="site_photo"),
]
