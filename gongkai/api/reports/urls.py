"""API URLs of the reports module (mounted at /api/reports/, namespace api:reports)."""

from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.reports, name="reports"),
    path("<int:report_id>/", views.report, name="report"),
    path("published/", views.public_reports, name="published"),
    path("published/<int:report_id>/", views.public_report, name="published_report"),
]
