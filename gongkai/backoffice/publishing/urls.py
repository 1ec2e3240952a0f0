"""URLs of the back-office publishing pages (mounted at /backoffice/publishing/, namespace backoffice:publishing)."""

from django.urls import path

from . import views

app_name = "publishing"
urlpatterns = [
    path("", views.index, name="index"),
    path("lists/<slug:slug>/", views.work_list, name="list"),
    path("records/new/", views.create, name="create"),
    path("records/<int:record_id>/", views.record, name="record"),
    path("records/<int:record_id>/edit/", views.edit, name="edit"),
    path("records/<int:record_id>/correct/", views.correct, name="correct"),
    path("records/<int:record_id>/check/", views.check, name="check"),
    path("records/<int:record_id>/preview/", views.preview, name="preview"),
    path("records/<int:record_id>/preview/draft/", views.preview_draft, name="preview_draft"),
    path("records/<int:record_id>/masks/", views.apply_masks, name="apply_masks"),
    path("clean-body/", views.clean_body, name="clean_body"),
    path("records/<int:record_id>/attachments/", views.attach, name="attach"),
    path("records/<int:record_id>/attachments/<uuid:public_id>/remove/", views.detach, name="detach"),
    path("records/<int:record_id>/revisions/<int:number>/", views.revision, name="revision"),
    path("records/<int:record_id>/<slug:action>/", views.act, name="act"),
    path("attachments/<uuid:public_id>/", views.attachment, name="attachment"),
    path("columns/", views.columns, name="columns"),
    path("interpretation-genres/", views.interpretation_genres, name="interpretation_genres"),
    path("columns/<int:column_id>/hide/", views.hide_column, name="hide_column"),
    path("organizations/<int:organization_id>/seed-columns/", views.seed, name="seed_columns"),
    path("organizations/<int:organization_id>/columns/", views.add_column, name="add_column"),
    path("organizations/<int:organization_id>/index-pattern/", views.set_pattern, name="set_pattern"),
]
