"""Public URLs of the catalog module (namespace portal:catalog): /catalog/<org>/<item code>/."""

from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:org>/", views.catalog, name="catalog"),
    path("<str:org>/handbook/", views.handbook, name="handbook"),
    path("<str:org>/negative-list/", views.negative_list, name="negative_list"),
    path("<str:org>/<str:code>/", views.item, name="item"),
]
