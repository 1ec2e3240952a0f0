"""Back-office URLs of the villages module (namespace `backoffice:villages`), built for phones first."""

from django.urls import path

from . import views, views_notices

app_name = "villages"

urlpatterns = [
    path("", views.index, name="index"),
    path("issues/", views.issues, name="issues"),
    path("issues/new/", views.issue_create, name="issue_create"),
    path("issues/<int:issue_id>/", views.issue, name="issue"),
    path("issues/<int:issue_id>/contact/", views.issue_contact, name="issue_contact"),
    path("issues/<int:issue_id>/photos/", views.issue_photo_add, name="issue_photo_add"),
    path("issues/<int:issue_id>/<str:action>/", views.issue_action, name="issue_action"),
    path("photos/<int:photo_id>/", views.photo, name="photo"),
    path("villages/<int:organization_id>/", views_notices.village, name="village"),
    path("villages/<int:organization_id>/publicity/new/", views_notices.publicity_create, name="publicity_create"),
    path("villages/<int:organization_id>/finance/new/", views_notices.statement_create, name="statement_create"),
    path("villages/<int:organization_id>/finance/import/", views_notices.statement_import, name="statement_import"),
    path("publicity/<int:publicity_id>/", views_notices.publicity, name="publicity"),
    path("publicity/<int:publicity_id>/result/", views_notices.publicity_result, name="publicity_result"),
    path("objections/<int:objection_id>/answer/", views_notices.objection_answer, name="objection_answer"),
    path("objections/<int:objection_id>/contact/", views_notices.objection_contact, name="objection_contact"),
    path("records/<int:record_id>/photo/", views_notices.record_photo, name="record_photo"),
    path("records/<int:record_id>/notice.pdf", views_notices.notice_pdf, name="notice_pdf"),
    path("records/<int:record_id>/notice.docx", views_notices.notice_docx, name="notice_docx"),
]
