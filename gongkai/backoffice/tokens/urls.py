"""URLs of the API token pages (mounted at /backoffice/settings/tokens/, namespace backoffice:tokens)."""

from django.urls import path

from . import views

app_name = "tokens"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<int:token_id>/", views.detail, name="detail"),
    path("<int:token_id>/rotate/", views.rotate, name="rotate"),
    path("<int:token_id>/revoke/", views.revoke, name="revoke"),
]
