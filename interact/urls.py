from django.urls import path

from . import views

app_name = "interact"

urlpatterns = [
    path("interact/", views.index, name="index"),
    path("interact/write/", views.write, name="message-write"),
    path("interact/track/", views.message_track, name="message-track"),
    path("interact/replies/<int:pk>/", views.reply_detail, name="reply-detail"),
    path("interact/statistics/", views.message_statistics, name="statistics"),
    path("interact/error/", views.report, name="error-report"),
    path("interact/error/track/", views.track, name="error-track"),
]
