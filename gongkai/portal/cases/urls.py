"""Portal URLs of case progress (mounted at /cases/, namespace portal:cases)."""

from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.lookup, name="lookup"),
    path("statistics/", views.statistics_page, name="statistics"),
]
