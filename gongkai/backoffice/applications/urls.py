"""URLs of the back-office applications pages (namespace backoffice:applications)."""

from django.urls import path

from . import views

app_name = "applications"
urlpatterns = [
    path("", views.index, name="index"),
    path("register/", views.register, name="register"),
    path("statistics/", views.statistics, name="statistics"),
    path("templates/", views.templates, name="templates"),
    path("templates/<int:template_id>/", views.edit_template, name="edit_template"),
    path("<int:application_id>/", views.detail, name="detail"),
    path("<int:application_id>/applicant/", views.applicant, name="applicant"),
    path("<int:application_id>/applicant/id-document/", views.id_document, name="id_document"),
    path("<int:application_id>/acknowledgement/", views.acknowledgement, name="acknowledgement"),
    path("<int:application_id>/actions/<slug:name>/", views.act, name="act"),
    path("<int:application_id>/replies/", views.generate_reply, name="generate_reply"),
    path("<int:application_id>/replies/<int:reply_id>.<slug:kind>", views.reply_file, name="reply_file"),
]
