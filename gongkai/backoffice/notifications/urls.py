"""URLs of the notification centre (mounted at /backoffice/notifications/, namespace backoffice:notifications)."""

from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.index, name="index"),
    path("count/", views.count, name="count"),
    path("read/", views.mark_read, name="read"),
]
