"""Portal URLs of the open-data catalog (mounted at /data/, namespace portal:opendata); data.json is at /data.json."""

from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.dataset_page, name="dataset"),
    path("<slug:slug>/jsonld/", views.dataset_ld, name="jsonld"),
    path("<slug:slug>/resources/<int:resource_id>/download/", views.download, name="download"),
]
