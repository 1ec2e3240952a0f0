"""Public URLs of the 热门 page (mounted at /hot/, namespace portal:hot)."""

from django.urls import path

from . import views

app_name = "hot"
urlpatterns = [path("", views.hot, name="index"), path("hot.csv", views.download, name="csv")]
