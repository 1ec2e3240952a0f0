"""API URLs of the publishing module (mounted at /api/publishing/, namespace api:publishing)."""

from django.urls import path

from . import views

app_name = "publishing"
urlpatterns = [
    path("records/", views.records, name="records"),
    path("records/<int:record_id>/", views.record, name="record"),
    path("staff/records/<int:record_id>/", views.staff_record, name="staff_record"),
    path("staff/records/<int:record_id>/<slug:action>/", views.act, name="act"),
]
