"""Share card images of guide and call pages (mounted at /share/, namespace portal:sharing); records have theirs at
/records/<id>/share.png."""

from django.urls import path

from . import views

app_name = "sharing"
urlpatterns = [
    path("guides/<int:guide_id>.png", views.guide_card, name="guide"),
    path("calls/<int:call_id>.png", views.call_card, name="call"),
]
