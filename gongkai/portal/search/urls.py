"""Public URLs of the search module (mounted at /search/, namespace portal:search)."""

from django.urls import path

from . import views

app_name = "search"
urlpatterns = [path("", views.search_page, name="search")]
