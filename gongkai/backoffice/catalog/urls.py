"""URLs of the back-office catalog pages (mounted at /backoffice/catalog/, namespace backoffice:catalog)."""

from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("", views.index, name="index"),
    path("changes/", views.changes, name="changes"),
    path("picker/items/", views.picker_items, name="picker_items"),
    path("changes/<int:change_set_id>/", views.change_set, name="change_set"),
    path("<int:catalog_id>/", views.browse, name="browse"),
    path("<int:catalog_id>/new/", views.create, name="create"),
    path("<int:catalog_id>/import/", views.import_file, name="import"),
    path("<int:catalog_id>/export.<str:suffix>", views.export, name="export"),
    path("<int:catalog_id>/adopt/", views.adopt, name="adopt"),
    path("<int:catalog_id>/reference/", views.reference, name="reference"),
    path("items/<int:item_id>/", views.item, name="item"),
    path("items/<int:item_id>/edit/", views.edit, name="edit"),
    path("items/<int:item_id>/retire/", views.retire, name="retire"),
    path("items/<int:item_id>/source/", views.source_change, name="source_change"),
]
