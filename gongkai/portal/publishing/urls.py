"""Public URLs of the publishing module (namespace portal:publishing), mounted at the site root."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import feeds, sections, views
from .sitemaps import SITEMAPS

sections.register()

app_name = "publishing"
urlpatterns = [
    path("records/", views.records, name="records"),
    path("records/browse/", views.browse, name="browse"),
    path("records/<int:record_id>/", views.record, name="record"),
    path("records/<int:record_id>/qr.svg", views.record_qr, name="record_qr"),
    path("records/<int:record_id>/share.png", views.share_image, name="share_image"),
    path("records/<int:record_id>/attachments/<uuid:public_id>/", views.attachment, name="attachment"),
    path("columns/<slug:slug>/", views.column, name="column"),
    path("organizations/<int:organization_id>/records/", views.organization, name="organization"),
    path("catalog-items/<int:organization_id>/<str:code>/records/", views.item, name="item"),
    path("domains/<str:code>/", views.domain, name="domain"),
    path("stages/<slug:stage>/", views.stage, name="stage"),
    path("feeds/columns/<slug:slug>/rss/", feeds.ColumnFeed(), name="feed_rss"),
    path("feeds/columns/<slug:slug>/atom/", feeds.AtomColumnFeed(), name="feed_atom"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
