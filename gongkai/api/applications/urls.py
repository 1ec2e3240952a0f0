"""API URLs of the applications module (mounted at /api/applications/, namespace api:applications)."""

from django.urls import path

from . import views

app_name = "applications"
urlpatterns = [
    path("clock/", views.clock, name="clock"),
    path("", views.applications, name="list"),
    path("<int:application_id>/", views.application, name="detail"),
]
