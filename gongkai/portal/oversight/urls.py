"""Public oversight pages (namespace portal:oversight): the published leaderboard and published notices."""

from django.urls import path

from . import views

app_name = "oversight"
urlpatterns = [
    path("leaderboard/", views.leaderboard_page, name="leaderboard"),
    path("notices/", views.notices, name="notices"),
    path("notices/<int:notice_id>/", views.notice, name="notice"),
]
