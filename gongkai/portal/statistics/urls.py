"""Portal URLs of the public statistics page (mounted at /statistics/, namespace portal:statistics)."""

from django.urls import path

from . import views

app_name = "statistics"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:table>.csv", views.download, name="csv"),
]
