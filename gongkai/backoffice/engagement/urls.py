"""URLs of the back-office engagement pages (namespace backoffice:engagement)."""

from django.urls import path

from . import inquiry_views

app_name = "engagement"
urlpatterns = [
    path("", inquiry_views.index, name="index"),
    path("inquiries/register/", inquiry_views.register, name="register"),
    path("inquiries/<int:inquiry_id>/", inquiry_views.detail, name="inquiry"),
    path("inquiries/<int:inquiry_id>/asker/", inquiry_views.asker, name="asker"),
    path("inquiries/<int:inquiry_id>/actions/<slug:name>/", inquiry_views.act, name="act"),
    path("mailboxes/", inquiry_views.mailboxes, name="mailboxes"),
    path("mailboxes/new/", inquiry_views.edit_mailbox, name="new_mailbox"),
    path("mailboxes/<int:mailbox_id>/", inquiry_views.edit_mailbox, name="edit_mailbox"),
]

from . import call_views  # noqa: E402

urlpatterns += [
    path("calls/", call_views.calls, name="calls"),
    path("calls/new/", call_views.new_call, name="new_call"),
    path("calls/<int:call_id>/", call_views.call, name="call"),
    path("calls/<int:call_id>/edit/", call_views.edit_call, name="edit_call"),
    path("calls/<int:call_id>/steps/<slug:name>/", call_views.call_step, name="call_step"),
    path("calls/<int:call_id>/attachments/", call_views.call_attachment, name="call_attachment"),
    path("calls/<int:call_id>/comments/", call_views.enter_comment, name="enter_comment"),
    path("calls/<int:call_id>/comments/<int:comment_id>/", call_views.moderate, name="moderate"),
    path("calls/<int:call_id>/report/", call_views.save_report, name="save_report"),
    path("calls/<int:call_id>/report.<slug:file_format>", call_views.report_document, name="report_document"),
    path("calls/<int:call_id>/policy/", call_views.link_policy, name="link_policy"),
]

from . import survey_views  # noqa: E402

urlpatterns += [
    path("surveys/", survey_views.surveys, name="surveys"),
    path("surveys/new/", survey_views.new_survey, name="new_survey"),
    path("surveys/<int:survey_id>/", survey_views.survey, name="survey"),
    path("surveys/<int:survey_id>/build/<slug:part>/", survey_views.build, name="survey_build"),
    path("surveys/<int:survey_id>/steps/<slug:name>/", survey_views.survey_step, name="survey_step"),
    path("surveys/<int:survey_id>/questions/<int:question_id>/", survey_views.edit_question, name="edit_question"),
    path(
        "surveys/<int:survey_id>/questions/<int:question_id>/<slug:name>/",
        survey_views.question_step,
        name="question_step",
    ),
    path("surveys/<int:survey_id>/issued/", survey_views.issued, name="survey_issued"),
    path("surveys/<int:survey_id>/paper/", survey_views.paper, name="survey_paper"),
    path("surveys/<int:survey_id>/export.xlsx", survey_views.export, name="survey_export"),
]
