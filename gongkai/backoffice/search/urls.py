"""URLs of the back-office search pages (mounted at /backoffice/search/, namespace backoffice:search)."""

from django.urls import path

from . import views

app_name = "search"
urlpatterns = [
    path("", views.index, name="index"),
    path("rebuild/", views.rebuild, name="rebuild"),
    path("terms/", views.terms, name="terms"),
    path("terms/<int:term_id>/", views.edit_term, name="edit_term"),
]
