"""Public URLs of the reports module (mounted at /reports/, namespace portal:reports)."""

from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:report_id>/", views.detail, name="detail"),
    path("<int:report_id>/download/<str:output_format>/", views.download, name="download"),
]
