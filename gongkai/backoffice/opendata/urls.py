"""Back-office URLs of the open-data catalog (mounted at /backoffice/opendata/, namespace backoffice:opendata)."""

from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<int:dataset_id>/", views.dataset, name="dataset"),
    path("<int:dataset_id>/edit/", views.edit, name="edit"),
    path("<int:dataset_id>/retire/", views.retire, name="retire"),
    path("<int:dataset_id>/reopen/", views.reopen, name="reopen"),
    path("<int:dataset_id>/resources/new/", views.resource_create, name="resource_create"),
    path("<int:dataset_id>/resources/<int:resource_id>/replace/", views.resource_replace, name="resource_replace"),
    path("<int:dataset_id>/resources/<int:resource_id>/retire/", views.resource_retire, name="resource_retire"),
]
