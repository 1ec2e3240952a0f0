"""Public URLs of the applications module (namespace portal:applications, mounted at /apply/)."""

from django.urls import path

from . import views

app_name = "applications"
urlpatterns = [
    path("", views.apply, name="apply"),
    path("captcha.svg", views.captcha_image, name="captcha"),
    path("acknowledgement/", views.acknowledgement, name="acknowledgement"),
    path("track/", views.track, name="track"),
    path("guide/", views.guide, name="guide"),
    path("paper-form/", views.paper, name="paper_form"),
]
