from django.urls import path

from . import views

app_name = "interact"

urlpatterns = [
    path("interact/error/", views.report, name="error-report"),
    path("interact/error/track/", views.track, name="error-track"),
]
