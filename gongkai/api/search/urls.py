"""API URLs of the search module (mounted at /api/search/, namespace api:search)."""

from django.urls import path

from . import views

app_name = "search"
urlpatterns = [path("", views.search_endpoint, name="search")]
