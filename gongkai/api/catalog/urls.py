"""API URLs of the catalog module (mounted at /api/catalog/, namespace api:catalog)."""

from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("domains/", views.domains, name="domains"),
    path("<str:org>/items/", views.items, name="items"),
    path("<str:org>/items/<str:code>/", views.item, name="item"),
]
