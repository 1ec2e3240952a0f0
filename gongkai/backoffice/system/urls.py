"""URLs of the system settings (namespace `backoffice:system`; the hub itself is `backoffice:settings`)."""

from django.urls import path

from . import views_calendar, views_jobs, views_my_jobs, views_orgs, views_people, views_site

app_name = "system"

urlpatterns = [
    path("regions/", views_orgs.regions, name="regions"),
    path("regions/<int:region_id>/village-review/", views_orgs.region_village_review, name="region_village_review"),
    path("organizations/", views_orgs.organizations, name="organizations"),
    path("organizations/new/", views_orgs.organization_create, name="organization_create"),
    path("organizations/<int:organization_id>/", views_orgs.organization_edit, name="organization_edit"),
    path("organizations/<int:organization_id>/active/", views_orgs.organization_active, name="organization_active"),
    path("people/", views_people.people, name="people"),
    path("people/new/", views_people.person_create, name="person_create"),
    path("people/<int:person_id>/", views_people.person, name="person"),
    path("people/<int:person_id>/password/", views_people.person_password, name="person_password"),
    path("people/<int:person_id>/active/", views_people.person_active, name="person_active"),
    path("people/<int:person_id>/roles/", views_people.role_grant, name="role_grant"),
    path("roles/<int:membership_id>/revoke/", views_people.role_revoke, name="role_revoke"),
    path("jobs/", views_jobs.jobs, name="jobs"),
    path("jobs/mine/", views_my_jobs.my_jobs, name="my_jobs"),
    path("jobs/mine/<str:task_id>/file/", views_my_jobs.job_file, name="job_file"),
    path("site/", views_site.site_settings, name="site_settings"),
    path("site/errors/", views_site.site_errors, name="site_errors"),
    path("site/errors/<int:report_id>/handled/", views_site.site_error_handle, name="site_error_handle"),
    path("calendar/", views_calendar.years, name="calendar"),
    path("calendar/<int:year>/", views_calendar.year, name="calendar_year"),
    path("calendar/<int:year>/edit/", views_calendar.year_edit, name="calendar_edit"),
    path("calendar/regional/", views_calendar.regional_holiday_add, name="regional_holiday_add"),
    path(
        "calendar/regional/<int:override_id>/remove/",
        views_calendar.regional_holiday_remove,
        name="regional_holiday_remove",
    ),
]
