from django.urls import path

from . import views

app_name = "inforequests"

urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("apply/sent/", views.apply_sent, name="apply-sent"),
    path("apply/track/", views.apply_track, name="apply-track"),
]
