"""URLs of the back-office oversight pages (mounted at /backoffice/oversight/, namespace backoffice:oversight)."""

from django.urls import path

from . import views, views_inspection, views_notices, views_screen

app_name = "oversight"
urlpatterns = [
    path("", views.index, name="index"),
    path("schemes/new/", views.scheme_create, name="scheme_create"),
    path("schemes/<int:scheme_id>/", views.scheme, name="scheme"),
    path("schemes/<int:scheme_id>/indicator/", views.indicator_save, name="indicator_save"),
    path("schemes/<int:scheme_id>/leaderboard/<slug:group>/", views.leaderboard_page, name="leaderboard"),
    path("schemes/<int:scheme_id>/scores/<int:organization_id>/", views.score, name="score"),
    path("schemes/<int:scheme_id>/scores/<int:organization_id>/problem/", views.score_problem, name="score_problem"),
    path("schemes/<int:scheme_id>/manual/", views.manual_entry, name="manual"),
    path("manual/<int:entry_id>/revoke/", views.manual_revoke, name="manual_revoke"),
    path("schemes/<int:scheme_id>/<slug:action>/", views.scheme_act, name="scheme_act"),
    path("evidence/<int:entry_id>/", views.evidence, name="evidence"),
    path("periodic/", views.periodic_register, name="periodic"),
    path("periodic/<int:entry_id>/retire/", views.periodic_retire, name="periodic_retire"),
    path("reminders/", views.reminder_settings, name="reminders"),
    path("notices/", views_notices.notices, name="notices"),
    path("notices/new/", views_notices.notice_create, name="notice_create"),
    path("notices/<int:notice_id>/", views_notices.notice, name="notice"),
    path("notices/<int:notice_id>/pdf/", views_notices.notice_pdf, name="notice_pdf"),
    path("notices/<int:notice_id>/docx/", views_notices.notice_docx, name="notice_docx"),
    path("notices/<int:notice_id>/<slug:action>/", views_notices.notice_act, name="notice_act"),
    path("problems/", views_notices.problems, name="problems"),
    path("problems/<int:problem_id>/", views_notices.problem, name="problem"),
    path("problems/<int:problem_id>/<slug:action>/", views_notices.problem_act, name="problem_act"),
    path("answers/<int:answer_id>/evidence/", views_notices.answer_evidence, name="answer_evidence"),
    path("screen/", views_screen.screen, name="screen"),
    path("screen/data/", views_screen.screen_feed, name="screen_feed"),
    path("frequent/", views_screen.frequent, name="frequent"),
    path("inspection/", views_inspection.inspection, name="inspection"),
    path("inspection/run/", views_inspection.run, name="inspection_run"),
    path("inspection/findings/<int:finding_id>/problem/", views_inspection.to_problem, name="finding_problem"),
]
