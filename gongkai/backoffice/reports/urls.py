"""URLs of the back-office reports pages (mounted at /backoffice/reports/, namespace backoffice:reports)."""

from django.urls import path

from . import views, views_cases

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("cases/", views_cases.cases, name="cases"),
    path("cases/new/", views_cases.case_create, name="case_create"),
    path("cases/<int:case_id>/", views_cases.case_edit, name="case_edit"),
    path("cases/<int:case_id>/retire/", views_cases.case_retire, name="case_retire"),
    path("<int:report_id>/", views.detail, name="detail"),
    path("<int:report_id>/refresh/", views.refresh, name="refresh"),
    path("<int:report_id>/check/", views.check, name="check"),
    path("<int:report_id>/publish/", views.publish, name="publish"),
    path("<int:report_id>/narrative/", views.narrative, name="narrative"),
    path("<int:report_id>/cell/", views.cell, name="cell"),
    path("<int:report_id>/breakdown/", views.breakdown, name="breakdown"),
    path("<int:report_id>/download/<str:output_format>/", views.download, name="download"),
]
