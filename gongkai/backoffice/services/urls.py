"""URLs of the back-office services pages (mounted at /backoffice/services/, namespace backoffice:services)."""

from django.urls import path

from . import views, views_offerings

app_name = "services"
urlpatterns = [
    path("", views.index, name="index"),
    path("guides/new/", views.guide_create, name="guide_create"),
    path("guides/<int:guide_id>/", views.guide_detail, name="guide"),
    path("guides/<int:guide_id>/edit/", views.guide_edit, name="guide_edit"),
    path("guides/<int:guide_id>/<str:action>/", views.guide_action, name="guide_action"),
    path("changes/<int:change_id>/<str:decision>/", views.change_decide, name="change_decide"),
    path("adopt/<int:guide_id>/", views.adopt, name="adopt"),
    path("packages/", views_offerings.packages, name="packages"),
    path("packages/new/", views_offerings.package_edit, name="package_create"),
    path("packages/<int:package_id>/", views_offerings.package_edit, name="package_edit"),
    path("composites/new/", views_offerings.composite_edit, name="composite_create"),
    path("composites/<int:composite_id>/", views_offerings.composite_edit, name="composite_edit"),
    path("sites/", views_offerings.sites, name="sites"),
    path("sites/new/", views_offerings.site_edit, name="site_create"),
    path("sites/<int:site_id>/", views_offerings.site_edit, name="site_edit"),
    path("sites/<int:site_id>/photo/", views_offerings.site_photo, name="site_photo"),
    path("categories/", views_offerings.categories, name="categories"),
]
