"""Public URLs of the engagement module (namespace portal:engagement, mounted at /engagement/)."""

from django.urls import path

from . import inquiry_views

app_name = "engagement"
urlpatterns = [
    path("", inquiry_views.index, name="index"),
    path("ask/", inquiry_views.ask, name="ask"),
    path("ask/acknowledgement/", inquiry_views.acknowledgement, name="acknowledgement"),
    path("track/", inquiry_views.track, name="track"),
    path("track/rate/", inquiry_views.rate, name="rate"),
    path("answers/", inquiry_views.answers, name="answers"),
    path("faq/", inquiry_views.answers, {"faq": True}, name="faq"),
    path("answers/<int:inquiry_id>/", inquiry_views.answer, name="answer"),
]

from . import call_views  # noqa: E402

urlpatterns += [
    path("calls/", call_views.calls, name="calls"),
    path("calls/<int:call_id>/", call_views.call, name="call"),
    path("calls/<int:call_id>/adoption-report.pdf", call_views.adoption_report_pdf, name="adoption_report_pdf"),
    path("calls/<int:call_id>/attachments/<uuid:public_id>/", call_views.call_attachment, name="call_attachment"),
]

from . import count_views  # noqa: E402

urlpatterns += [
    path("count/", count_views.count, name="count"),
    path("counts/", count_views.counts, name="counts"),
]

from . import survey_views  # noqa: E402

urlpatterns += [
    path("surveys/", survey_views.surveys, name="surveys"),
    path("surveys/<int:survey_id>/", survey_views.survey, name="survey"),
    path("surveys/<int:survey_id>/thanks/", survey_views.survey_thanks, name="survey_thanks"),
    path("surveys/<int:survey_id>/results/", survey_views.results, name="survey_results"),
]
