"""URLs of the back-office screening pages (mounted at /backoffice/screening/, namespace backoffice:screening)."""

from django.urls import path

from . import views, views_lexicon

app_name = "screening"
urlpatterns = [
    path("", views.index, name="index"),
    path("findings/", views.findings, name="findings"),
    path("findings/<int:finding_id>/", views.finding, name="finding"),
    path("findings/<int:finding_id>/<str:decision>/", views.decide, name="decide"),
    path("targets/<int:content_type_id>/<str:object_id>/", views.target, name="target"),
    path("check/", views.check, name="check"),
    path("runs/", views.runs, name="runs"),
    path("runs/start/", views.start_rescan, name="start_rescan"),
    path("lists/<str:list_name>/", views_lexicon.entries, name="entries"),
    path("lists/<str:list_name>/<int:entry_id>/", views_lexicon.edit_entry, name="edit_entry"),
    path("lists/<str:list_name>/import/", views_lexicon.import_entries, name="import"),
    path("lists/<str:list_name>/export/", views_lexicon.export_entries, name="export"),
]
