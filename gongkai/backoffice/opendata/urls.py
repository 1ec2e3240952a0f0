"""Back-office URLs of the open-data catalog (mounted at /backoffice/opendata/, namespace backoffice:opendata)."""

from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [path("", views.index, name="index")]
