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
