"""URLs of the kiosk mode (mounted at /kiosk/, namespace portal:kiosk)."""

from django.urls import path

from . import views

app_name = "kiosk"
urlpatterns = [
    path("", views.start, name="start"),
    path("hot/", views.hot, name="hot"),
    path("columns/", views.columns, name="columns"),
    path("columns/<slug:slug>/", views.column, name="column"),
    path("records/<int:record_id>/", views.record, name="record"),
    path("guides/", views.guides, name="guides"),
    path("guides/<int:guide_id>/", views.guide, name="guide"),
    path("qr.svg", views.qr, name="qr"),
]
