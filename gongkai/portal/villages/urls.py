"""Public village pages (namespace `portal:villages`)."""

from django.urls import path

from . import sections, views

app_name = "villages"
sections.register()

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:organization_id>/", views.village, name="village"),
    path("screen/<int:organization_id>/", views.screen, name="screen"),
    path("notices/<int:record_id>/objection/", views.objection, name="objection"),
    path("issues/", views.issue_statistics, name="issues"),
    path("issues/new/", views.issue_create, name="issue_create"),
    path("issues/track/", views.issue_track, name="issue_track"),
]
