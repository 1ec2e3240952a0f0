"""API URLs of the screening module (mounted at /api/screening/, namespace api:screening)."""

from django.urls import path

from . import views

app_name = "screening"
urlpatterns = [
    path("check/", views.check, name="check"),
    path("findings/<int:finding_id>/", views.finding, name="finding"),
]
